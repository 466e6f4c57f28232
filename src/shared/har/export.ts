// HAR 1.2 export of a capture. Pure (no node:*): the renderer, the web API, the recorder and the
// tests all call the same function. Roundtrip's own data rides in `_`-prefixed fields so that
// `importCapture(exportHar(s))` rebuilds the capture, and a HAR written by another tool keeps its
// own custom fields when it is opened and saved again.
import type { Entry, Har, Log, Request, Response } from 'har-format'
import type {
  CaptureSnapshot,
  CapturedConnection,
  CapturedExchange,
  CapturedTunnel,
  ServerSessionEvent
} from '../model'
import {
  type BodyDecoder,
  contentOf,
  headerValue,
  headersSizeOf,
  isoDate,
  postDataOf,
  queryStringOf,
  requestCookiesOf,
  responseCookiesOf,
  timingsOf
} from './export-fields'
import { REDACTION_NOTE, Redactor, redactSnapshot } from './redact'

export const ROUNDTRIP_FORMAT_VERSION = 1

export interface ExportOptions {
  /** Replace Cookie, Set-Cookie and Authorization values (and session IDs) by stable placeholders. */
  redact?: boolean
  /** `log.creator.name`; default "Roundtrip". */
  creator?: string
  /** `log.creator.version`. */
  version?: string
  /** Undoes a Content-Encoding (gzip, br, deflate) so `content.text` holds the decoded body. */
  decodeBody?: BodyDecoder
}

/** What an imported HAR carried that the capture model has no place for, kept for re-export. */
export interface HarExtras {
  /** True when the entry came from another tool: its timings, sizes and `_` fields are kept verbatim. */
  foreign: boolean
  entry: Record<string, unknown>
  request: Record<string, unknown>
  response: Record<string, unknown>
  content: Record<string, unknown>
  postData: Record<string, unknown>
  /** The body in the HAR was already content-decoded. */
  contentDecoded: boolean
  /** Cookie arrays as another tool wrote them, exported instead of the header-derived ones. */
  requestCookies?: unknown[]
  responseCookies?: unknown[]
}

export type ImportedExchange = CapturedExchange & { har?: HarExtras }

export interface HarLogExtras {
  comment?: string
  browser?: Log['browser']
  pages?: Log['pages']
  /** Unknown `log` fields, kept verbatim. */
  extras: Record<string, unknown>
  /** `log.creator` of the file that was opened. */
  creator?: Log['creator']
}

export type ImportedSnapshot = CaptureSnapshot & { harLog?: HarLogExtras }

/** Everything in a capture that is not an entry, so a re-import loses nothing. */
export interface RoundtripLogData {
  formatVersion: number
  connections: CapturedConnection[]
  tunnels: CapturedTunnel[]
  sessionEvents: ServerSessionEvent[]
}

export function exportHar(snapshot: CaptureSnapshot | ImportedSnapshot, opts: ExportOptions = {}): Har {
  const redactor = opts.redact ? new Redactor() : undefined
  // Redaction works on the model, so every door's exchanges lose the same secrets the same way.
  if (redactor) snapshot = redactSnapshot(snapshot, redactor)
  const connections = new Map(snapshot.connections.map((c) => [c.id, c]))
  const entries = snapshot.exchanges.map((e) => exportEntry(e, connections, opts))
  const harLog = 'harLog' in snapshot ? snapshot.harLog : undefined
  const log: Log & Record<string, unknown> = {
    version: '1.2',
    creator: { name: opts.creator ?? 'Roundtrip', version: opts.version ?? '0.1.0' },
    ...(harLog?.browser ? { browser: harLog.browser } : {}),
    pages: harLog?.pages ?? [],
    entries
  }
  const comment = [harLog?.comment, redactor ? REDACTION_NOTE : undefined].filter(Boolean).join('\n')
  if (comment) log.comment = comment
  if (harLog) Object.assign(log, harLog.extras)
  const data: RoundtripLogData = {
    formatVersion: ROUNDTRIP_FORMAT_VERSION,
    connections: snapshot.connections,
    tunnels: snapshot.tunnels,
    sessionEvents: snapshot.sessionEvents
  }
  log._roundtrip = data
  if (!redactor) return { log }
  log._redacted = true
  // A last pass over everything written: another tool's own fields can repeat a secret anywhere.
  return { log: redactor.deep(log) }
}

/** One exchange as a HAR entry (exported for the recorder, which writes entries one by one). */
export function exportEntry(
  exchange: CapturedExchange | ImportedExchange,
  connections: Map<string, CapturedConnection>,
  opts: ExportOptions = {}
): Entry {
  const extras = 'har' in exchange ? exchange.har : undefined
  const foreign = extras?.foreign ?? false
  const requestHeaders = exchange.requestHeaders
  const responseHeaders = exchange.responseHeaders
  const httpVersion = versionLabel(exchange.httpVersion)
  const { timings, time } = timingsOf(exchange)
  const receivedAt = exchange.startedAt + (exchange.timings.responseHeaders ?? 0)
  const target = requestTarget(exchange.url)

  // Another tool's cookie arrays may carry more than the headers (attributes, or cookies whose
  // header it left out): keep them as written.
  const requestCookies = extras?.requestCookies
    ? (extras.requestCookies as Entry['request']['cookies'])
    : requestCookiesOf(requestHeaders)
  const postData = postDataOf(exchange.requestBody, exchange.requestHeaders)
  const url = harUrl(exchange.url, exchange.requestHeaders)
  const request: Request = {
    method: exchange.method,
    url,
    httpVersion,
    cookies: requestCookies,
    headers: requestHeaders.map(([name, value]) => ({ name, value })),
    queryString: queryStringOf(exchange.url),
    ...(postData ? { postData: Object.assign(postData, extras?.postData) } : {}),
    headersSize: headersSizeOf(`${exchange.method} ${target} ${httpVersion}`, requestHeaders),
    bodySize: exchange.requestBody?.size ?? 0
  }
  // A request whose target was not an absolute URL (a malformed or origin-form request line)
  // keeps it in `_rawUrl`, as HAR wants `url` to be an absolute URI.
  if (url !== exchange.url) (request as Request & Record<string, unknown>)._rawUrl = exchange.url
  Object.assign(request, extras?.request)

  const answered = exchange.status !== undefined && exchange.state !== 'error'
  const responseCookies = extras?.responseCookies
    ? (extras.responseCookies as Entry['response']['cookies'])
    : responseCookiesOf(responseHeaders, receivedAt)
  const content = contentOf(
    exchange.responseBody,
    exchange.responseHeaders,
    opts.decodeBody,
    extras?.contentDecoded ?? false
  )
  const status = answered ? (exchange.status ?? 0) : 0
  const statusText = answered ? (exchange.statusText ?? '') : ''
  const response: Response = {
    status,
    statusText,
    httpVersion,
    cookies: responseCookies,
    headers: (responseHeaders ?? []).map(([name, value]) => ({ name, value })),
    content: Object.assign(content, extras?.content),
    redirectURL: headerValue(responseHeaders, 'location') ?? '',
    headersSize: responseHeaders?.length
      ? headersSizeOf(`${httpVersion} ${status} ${statusText}`, responseHeaders)
      : -1,
    bodySize: answered ? (exchange.responseBody?.size ?? 0) : exchange.responseBody?.size || -1
  }
  Object.assign(response, extras?.response)
  // Charles writes `redirectURL: null`; HAR 1.2 wants a string.
  if (typeof response.redirectURL !== 'string') response.redirectURL = ''

  const entry: Entry = {
    startedDateTime: isoDate(exchange.startedAt) ?? new Date(0).toISOString(),
    time,
    request,
    response,
    cache: {},
    timings
  }
  if (!foreign) {
    const upstream = exchange.upstreamConnectionId
      ? connections.get(exchange.upstreamConnectionId)
      : undefined
    const ip = upstream ? ipAddress(upstream.remoteAddress) : undefined
    if (ip) entry.serverIPAddress = ip
    entry.connection = exchange.clientConnectionId
    Object.assign(entry, roundtripFields(exchange))
  }
  Object.assign(entry, extras?.entry)
  // A time another tool wrote without its zone goes out with one (read as UTC), as HAR 1.2 wants.
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(String(entry.startedDateTime))) {
    entry.startedDateTime = isoDate(exchange.startedAt) ?? new Date(0).toISOString()
  }
  entry.cache = repairCache(entry.cache as Record<string, unknown> | undefined)
  return entry
}

const ISO = /^(\d{4})(-)?(\d\d)(-)?(\d\d)(T)?(\d\d)(:)?(\d\d)(:)?(\d\d)(\.\d+)?(Z|([+-])(\d\d)(:)?(\d\d))?/

/**
 * Firefox writes `cache.afterRequest` without the fields HAR 1.2 requires (lastAccess, eTag,
 * hitCount) and with `expires` as seconds. Such an object moves to `_afterRequest` unchanged, so
 * the file validates and nothing is lost.
 */
function repairCache(cache: Record<string, unknown> | undefined): Entry['cache'] {
  if (!cache || typeof cache !== 'object') return {}
  let out = cache
  for (const key of ['beforeRequest', 'afterRequest']) {
    const c = cache[key] as Record<string, unknown> | null | undefined
    if (c === undefined || c === null) continue
    const valid =
      typeof c === 'object' &&
      typeof c.lastAccess === 'string' &&
      ISO.test(c.lastAccess) &&
      typeof c.eTag === 'string' &&
      Number.isInteger(c.hitCount) &&
      (c.expires === undefined || (typeof c.expires === 'string' && ISO.test(c.expires)))
    if (valid) continue
    out = { ...out, [`_${key}`]: c }
    delete out[key]
  }
  return out
}

function roundtripFields(exchange: CapturedExchange): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    _id: exchange.id,
    _connectionId: exchange.clientConnectionId,
    _sequence: exchange.sequence,
    _state: exchange.state,
    _startedAt: exchange.startedAt,
    _offsets: exchange.timings,
    _httpVersion: exchange.httpVersion
  }
  if (exchange.upstreamConnectionId) fields._upstreamConnectionId = exchange.upstreamConnectionId
  if (exchange.upstreamReused !== undefined) fields._upstreamReused = exchange.upstreamReused
  if (exchange.retried) fields._retried = true
  if (exchange.serverConnectionId) fields._serverConnectionId = exchange.serverConnectionId
  if (exchange.cookieSplit) fields._cookieSplit = true
  if (exchange.error) fields._error = { kind: exchange.error.kind, message: exchange.error.message }
  if (exchange.status !== undefined && exchange.state === 'error') fields._status = exchange.status
  if (exchange.tls) fields._tls = exchange.tls
  if (exchange.streamId !== undefined) fields._streamId = exchange.streamId
  if (exchange.upstreamHttpVersion) fields._upstreamHttpVersion = exchange.upstreamHttpVersion
  if (exchange.upstreamStreamId !== undefined) fields._upstreamStreamId = exchange.upstreamStreamId
  return fields
}

function harUrl(raw: string, headers: CapturedExchange['requestHeaders']): string {
  if (/^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(raw)) return raw
  const host = headerValue(headers, 'host')
  const candidate = raw.startsWith('/') && host ? `http://${host}${raw}` : ''
  return /^http:\/\/[^\s/]+\/[^\s]*$/.test(candidate) ? candidate : 'about:blank'
}

function versionLabel(version: string): string {
  if (!version || /^(HTTP|h[23]|unknown)/i.test(version)) return version || 'HTTP/1.1'
  return `HTTP/${version}`
}

function requestTarget(url: string): string {
  try {
    const u = new URL(url)
    return u.pathname + u.search
  } catch {
    return url
  }
}

/** An IPv4 or IPv6 literal as HAR wants it (`::ffff:1.2.3.4` becomes `1.2.3.4`). */
function ipAddress(address: string): string | undefined {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)
  if (v4) return v4[1]
  return address.includes(':') ? address.replace(/%.*$/, '') : undefined
}
