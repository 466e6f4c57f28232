// Builds small HAR files for analysis tests: one line per exchange, times as offsets from a fixed base.
import type { Entry, Har } from 'har-format'

export const BASE_TIME = Date.UTC(2026, 0, 15, 12, 0, 0)

export interface ExchangeSpec {
  url: string
  method?: string
  /** Milliseconds after BASE_TIME when the request started. */
  at: number
  /** The Cookie header the request carried ('' or undefined for none). */
  cookie?: string
  /** Set-Cookie lines of the response. */
  setCookie?: string[]
  status?: number
  /** Extra request headers. */
  headers?: [string, string][]
  /** timings.connect (-1 for a reused connection); omitted when undefined. */
  connect?: number
  /** Total time of the exchange in ms (default 10). */
  time?: number
  /** Extra top-level fields on the entry (`connection`, `_connectionId`, ...). */
  extra?: Record<string, unknown>
  /** No response at all (a failed request). */
  noResponse?: boolean
}

export function harEntry(spec: ExchangeSpec): Entry {
  const headers = [...(spec.headers ?? []).map(([name, value]) => ({ name, value }))]
  if (spec.cookie) headers.push({ name: 'Cookie', value: spec.cookie })
  const time = spec.time ?? 10
  const entry = {
    startedDateTime: new Date(BASE_TIME + spec.at).toISOString(),
    time,
    request: {
      method: spec.method ?? 'GET',
      url: spec.url,
      httpVersion: 'HTTP/1.1',
      headers,
      cookies: [],
      queryString: [],
      headersSize: -1,
      bodySize: spec.method === 'POST' ? 0 : -1
    },
    response: {
      status: spec.status ?? 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      headers: (spec.setCookie ?? []).map((value) => ({ name: 'Set-Cookie', value })),
      cookies: [],
      content: { size: 0, mimeType: 'text/html' },
      redirectURL: '',
      headersSize: -1,
      bodySize: 0
    },
    cache: {},
    timings: {
      send: 1,
      wait: time - 2,
      receive: 1,
      ...(spec.connect !== undefined ? { connect: spec.connect } : {})
    },
    ...spec.extra
  } as Entry
  if (spec.noResponse) delete (entry as Partial<Entry>).response
  return entry
}

export function harOf(specs: ExchangeSpec[], creator = 'har-factory'): Har {
  return { log: { version: '1.2', creator: { name: creator, version: '1' }, entries: specs.map(harEntry) } }
}

export const MINUTE = 60_000
