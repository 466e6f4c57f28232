// Re-sends the requests of a HAR, one at a time and in order. Requests that shared a connection
// when recorded share one again: each recorded connection group gets its own keep-alive agent
// with a single socket (mockttp's per-connection agents, turned around). With `via`, requests go
// to that proxy in absolute form; otherwise straight to the origin. Only http:// is replayed.
import http from 'node:http'
import { explain, say, type Explanation } from '../../shared/analysis/explain'
import type { Entry, Har } from 'har-format'
import { CookieJar } from 'tough-cookie'
import type { ReplayRow } from '../../shared/api/contract'
import type { ImportedExchange } from '../../shared/har/export'
import { importCapture } from '../../shared/har/to-capture'
import { headerValues, hopByHopNames, setCookieLines } from '../../shared/http'
import type { CaptureSnapshot, CapturedExchange, HeaderPair } from '../../shared/model'
import { decodeBody } from '../recording/decode'
import { classifyUpstreamError } from '../proxy/errors'
import { FormTokens } from './forms'
import { ReplayCapture } from './record'

export type JarMode = 'fresh' | 'recorded'

export interface ReplayOptions {
  /** `http://host:port` of a forward proxy to send through. */
  via?: string
  jar: JarMode
  /** Replay only entries whose host is this (others are listed as skipped). */
  onlyHost?: string
  /** How long to wait for each response. */
  timeoutMs?: number
  /** Build a capture of the replay (for `--record`). */
  record?: boolean
  /** Called after each entry, for live output. */
  onResult?: (result: ReplayResult) => void
}

/**
 * One re-sent entry as replay sees it: the contract's row (src/shared/api/contract.ts) without the
 * comparison, with the raw Set-Cookie lines both ways and how the request travelled.
 */
export interface ReplayResult extends Omit<ReplayRow, 'cookieChanges'> {
  /** The new response's Set-Cookie lines. */
  setCookies: string[]
  recordedSetCookies: string[]
  /** The recorded connection group the request was sent on. */
  group: string
  /** Whether the request went over a socket an earlier request of the replay had used. */
  reusedConnection?: boolean
  /** Hidden form fields whose recorded value was swapped for the live one (fresh jar). */
  swappedFields?: string[]
}

/** Fields replay sets itself (or Node does), beside the hop-by-hop ones that never travel. */
const SET_BY_REPLAY = new Set(['content-length', 'expect', 'host'])

export async function replayHar(
  har: Har,
  opts: ReplayOptions
): Promise<{ results: ReplayResult[]; capture?: CaptureSnapshot }> {
  const capture = importCapture(har)
  const entries = har.log.entries
  const via = opts.via ? new URL(opts.via) : undefined
  const jar = new CookieJar()
  const forms = new FormTokens()
  const agents = new Map<string, http.Agent>()
  const recording = opts.record ? new ReplayCapture() : undefined
  const anyGroup = entries.some((e) => groupOf(e) !== undefined)
  const results: ReplayResult[] = []
  try {
    for (const [i, exchange] of capture.exchanges.entries()) {
      const entry = entries[i]!
      const group = anyGroup ? (groupOf(entry) ?? `entry-${i + 1}`) : 'one'
      // Numbered by position in log.entries, and the status as the model has it, as inspect does.
      const result = await replayOne(exchange, i, group, exchange.status ?? null)
      results.push(result)
      if (exchange.responseBody && isHtml(exchange.responseHeaders)) {
        const bytes = Buffer.from(exchange.responseBody.base64, 'base64')
        forms.noteRecorded(
          (exchange as ImportedExchange).har?.contentDecoded
            ? bytes.toString('utf8')
            : bodyText(bytes, exchange.responseHeaders)
        )
      }
      opts.onResult?.(result)
    }
  } finally {
    for (const agent of agents.values()) agent.destroy()
  }
  return { results, ...(recording ? { capture: recording.snapshot() } : {}) }

  async function replayOne(
    recorded: CapturedExchange,
    index: number,
    group: string,
    recordedStatus: number | null
  ): Promise<ReplayResult> {
    const recordedSetCookies = setCookieLines(recorded.responseHeaders)
    const base: ReplayResult = {
      index,
      method: recorded.method,
      url: recorded.url,
      recordedStatus,
      status: null,
      sentCookie: null,
      setCookies: [],
      recordedSetCookies,
      group
    }
    let url: URL
    try {
      url = new URL(recorded.url)
    } catch {
      return skip(base, explain('replay.skip.badUrl'))
    }
    if (url.protocol !== 'http:') {
      return skip(base, explain('replay.skip.scheme', { scheme: url.protocol.replace(':', '') }))
    }
    if (opts.onlyHost && url.hostname.toLowerCase() !== opts.onlyHost.toLowerCase()) {
      return skip(base, explain('replay.skip.otherHost', { host: opts.onlyHost }))
    }

    const headers: HeaderPair[] = [['Host', url.host]]
    const hopByHop = hopByHopNames(headerValues(recorded.requestHeaders, 'connection'))
    for (const [name, value] of recorded.requestHeaders) {
      const lower = name.toLowerCase()
      if (hopByHop.has(lower) || SET_BY_REPLAY.has(lower) || lower.startsWith(':')) continue
      if (lower === 'cookie' && opts.jar === 'fresh') continue
      headers.push([name, value])
    }
    if (opts.jar === 'fresh') {
      const cookie = await jar.getCookieString(url.href)
      if (cookie) headers.push(['Cookie', cookie])
    }
    let body = recorded.requestBody ? Buffer.from(recorded.requestBody.base64, 'base64') : undefined
    let swapped: string[] = []
    const type = headerValues(recorded.requestHeaders, 'content-type')[0] ?? ''
    if (body && opts.jar === 'fresh' && type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      const rewritten = forms.rewrite(body.toString('utf8'))
      swapped = rewritten.swapped
      if (swapped.length > 0) body = Buffer.from(rewritten.body, 'utf8')
    }
    if (body || !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(recorded.method.toUpperCase())) {
      headers.push(['Content-Length', String(body?.length ?? 0)])
    }
    const cookieLines = headerValues(headers, 'cookie')
    const sent: ReplayResult = {
      ...base,
      sentCookie: cookieLines.length > 0 ? cookieLines.join('; ') : null,
      ...(swapped.length > 0 ? { swappedFields: swapped } : {})
    }

    let agent = agents.get(group)
    if (!agent) agents.set(group, (agent = new http.Agent({ keepAlive: true, maxSockets: 1 })))
    const attempt = recording?.begin(recorded, headers, body, via?.host)
    try {
      const res = await send(
        url,
        via,
        recorded.method,
        headers,
        body,
        agent,
        opts.timeoutMs ?? 15_000,
        attempt
      )
      const setCookies = setCookieLines(res.headers)
      if (opts.jar === 'fresh') {
        for (const line of setCookies) await jar.setCookie(line, url.href, { ignoreError: true })
      }
      if (isHtml(res.headers)) forms.noteLive(bodyText(res.body, res.headers))
      attempt?.complete(res)
      return { ...sent, status: res.status, setCookies, reusedConnection: res.reused }
    } catch (err) {
      attempt?.fail(err as Error)
      return { ...sent, error: describeError(err as NodeJS.ErrnoException, via ?? url) }
    }
  }
}

export interface ReplayResponse {
  status: number
  statusText: string
  headers: HeaderPair[]
  body: Buffer
  reused: boolean
}

export interface SendObserver {
  socket(socket: import('node:net').Socket, reused: boolean): void
  sent(): void
  headers(): void
}

function send(
  url: URL,
  via: URL | undefined,
  method: string,
  headers: HeaderPair[],
  body: Buffer | undefined,
  agent: http.Agent,
  timeoutMs: number,
  observer?: SendObserver
): Promise<ReplayResponse> {
  return new Promise((resolve, reject) => {
    const target = via ?? url
    const req = http.request({
      host: target.hostname.replace(/^\[|\]$/g, ''),
      port: Number(target.port) || 80,
      path: via ? url.href : url.pathname + url.search,
      method,
      headers: headers.flat(),
      agent,
      setHost: false
    })
    req.setTimeout(timeoutMs, () =>
      req.destroy(Object.assign(new Error(`no response within ${timeoutMs / 1000} s`), { code: 'ETIMEDOUT' }))
    )
    req.on('socket', (socket) => observer?.socket(socket, req.reusedSocket))
    req.on('finish', () => observer?.sent())
    req.on('error', reject)
    req.on('response', (res) => {
      observer?.headers()
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('error', reject)
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers: pairsOf(res.rawHeaders),
          body: Buffer.concat(chunks),
          reused: req.reusedSocket
        })
      )
    })
    req.end(body)
  })
}

/** The proxy's own sentence for a failed upstream (one errors module), with replay's hint for .test names. */
function describeError(err: NodeJS.ErrnoException, target: URL): string {
  const { kind, message } = classifyUpstreamError(err, target.host, false)
  return kind === 'upstream-unreachable' && target.hostname.endsWith('.test')
    ? `${message} Names like ${target.hostname} only work through Roundtrip: add --via PROXY.`
    : message
}

/** The recorded connection an entry travelled on, if the HAR says. */
function groupOf(entry: Entry): string | undefined {
  const e = entry as Entry & Record<string, unknown>
  const id = e._connectionId ?? e.connection
  return id === undefined || id === null || id === '' ? undefined : String(id)
}

function pairsOf(raw: string[]): HeaderPair[] {
  const pairs: HeaderPair[] = []
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!])
  return pairs
}

function isHtml(headers: HeaderPair[] | undefined): boolean {
  return (headerValues(headers, 'content-type')[0] ?? '').toLowerCase().includes('html')
}

/** A body as text, with its Content-Encoding undone. */
function bodyText(bytes: Buffer, headers: HeaderPair[] | undefined): string {
  const coding = headerValues(headers, 'content-encoding')[0]
  const decoded = coding ? decodeBody(bytes, coding) : bytes
  return Buffer.from(decoded ?? bytes).toString('utf8')
}

/** A skipped row: the reason in English (`skipped`, as `replay --json` always said it) and as a code. */
function skip<T extends object>(
  base: T,
  why: Explanation
): T & { skipped: string; skippedExplain: Explanation } {
  return { ...base, skipped: say('en', why), skippedExplain: why }
}
