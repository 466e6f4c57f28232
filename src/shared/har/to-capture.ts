// The reverse of exportHar: a HAR (from Roundtrip or any other tool) as a CaptureSnapshot, so an
// opened file shows in the same UI and runs through the same analysis. A Roundtrip HAR comes back
// exactly (its `_` fields and `log._roundtrip` carry what HAR has no field for); another tool's
// HAR keeps whatever the model cannot hold on `exchange.har`, so saving it again loses nothing.
import type { Content, Entry, Har, Timings } from 'har-format'
import type {
  CapturedBody,
  CapturedConnection,
  CapturedExchange,
  ExchangeErrorKind,
  ExchangeTimings,
  HeaderPair
} from '../model'
import { readConnections, type HarConnections } from './connections'
import { harTime } from './time'
import type { HarExtras, ImportedExchange, ImportedSnapshot, RoundtripLogData } from './export'
import {
  base64Length,
  headerValue,
  isHeader,
  joinCookieFields,
  textToBase64,
  toPairs as pairs,
  unfoldSetCookies
} from '../http'

const ENTRY_KEYS = [
  'startedDateTime',
  'time',
  'request',
  'response',
  'timings',
  'serverIPAddress',
  'connection'
]
const ROUNDTRIP_ENTRY_KEYS = [
  '_id',
  '_connectionId',
  '_sequence',
  '_state',
  '_startedAt',
  '_offsets',
  '_httpVersion',
  '_upstreamConnectionId',
  '_upstreamReused',
  '_retried',
  '_serverConnectionId',
  '_error',
  '_status',
  '_cookieSplit',
  '_tls',
  '_streamId',
  '_upstreamHttpVersion',
  '_upstreamStreamId'
]
const REQUEST_KEYS = ['method', 'url', 'httpVersion', 'cookies', 'headers', 'queryString', 'postData']
const FOREIGN_REQUEST_KEYS = ['method', 'url', 'cookies', 'headers', 'queryString', 'postData']
const RESPONSE_KEYS = ['status', 'statusText', 'httpVersion', 'cookies', 'headers', 'content', 'redirectURL']
const SIZE_KEYS = ['headersSize', 'bodySize']
const CONTENT_KEYS = ['text', 'encoding', '_truncated', '_wireSize', '_contentEncoded']
const POSTDATA_KEYS = ['mimeType', 'text', 'params', '_encoding', '_truncated', '_wireSize']
const OURS_ENTRY = [...ENTRY_KEYS, ...ROUNDTRIP_ENTRY_KEYS, 'cache']
const FOREIGN_ENTRY = ['request', 'response']
const OURS_REQUEST = [...REQUEST_KEYS, ...SIZE_KEYS, '_rawUrl']
const OURS_RESPONSE = [...RESPONSE_KEYS, ...SIZE_KEYS]
const FOREIGN_RESPONSE = ['cookies', 'headers', 'content']
const OURS_CONTENT = [...CONTENT_KEYS, 'size', 'mimeType', 'comment']
const LOG_KEYS = ['version', 'creator', 'browser', 'pages', 'entries', 'comment', '_roundtrip', '_redacted']

export interface ImportOptions {
  /** Leave the bodies out of the model (the cookie analysis and `inspect` never read them). Default true. */
  bodies?: boolean
  /**
   * Keep what only saving the file again needs (`exchange.har`: the fields the model has no place for).
   * Default true; the analysis never reads it.
   */
  extras?: boolean
}

export function importCapture(
  har: Har,
  { bodies = true, extras = true }: ImportOptions = {}
): ImportedSnapshot {
  const log = har.log as Har['log'] & Record<string, unknown>
  const data = log._roundtrip as RoundtripLogData | undefined
  const entries = log.entries ?? []
  // Which connection carried what: read (or inferred) once here, with where that knowledge came from.
  const found = readConnections({ log: { creator: log.creator, entries } })
  let previous = 0
  const exchanges = entries.map((entry, i) => {
    const x = importEntry(entry, i, found.ids[i], found.source, previous, { bodies, extras })
    previous = x.startedAt
    return x
  })
  const connections = data?.connections ?? synthesizeConnections(exchanges)
  numberSequences(exchanges)
  return {
    seq: 0,
    connectionInfo: { source: found.source, note: found.note },
    connections,
    exchanges,
    tunnels: data?.tunnels ?? [],
    sessionEvents: data?.sessionEvents ?? [],
    harLog: {
      ...(log.comment && !log._redacted ? { comment: log.comment } : {}),
      ...(log.browser ? { browser: log.browser } : {}),
      ...(log.pages && log.pages.length > 0 ? { pages: log.pages } : {}),
      creator: log.creator,
      extras: pick(log as unknown as Record<string, unknown>, LOG_KEYS)
    }
  }
}

function importEntry(
  entry: Entry,
  index: number,
  connectionId: string | undefined,
  source: HarConnections['source'],
  previous: number,
  { bodies, extras: keepExtras }: Required<ImportOptions>
): ImportedExchange {
  const e = entry as unknown as Record<string, unknown>
  // Entries Roundtrip wrote carry `_offsets`; any other entry (even one Roundtrip re-exported for
  // another tool's HAR) is kept as that tool wrote it.
  const ours = '_offsets' in e
  const { request, response } = entry
  const content = (response?.content ?? { size: 0, mimeType: 'x-unknown' }) as Content &
    Record<string, unknown>
  // Without a zone a time is UTC (never the viewer's zone); without a time the entry keeps its place.
  const startedAt = ours && typeof e._startedAt === 'number' ? e._startedAt : harTime(entry.startedDateTime)
  const status = response?.status ?? 0
  // One pair per cookie: tools fold several Set-Cookie lines into one header (", " or "\n" joined).
  const responseHeaders = ours ? pairs(response?.headers) : unfoldSetCookies(pairs(response?.headers)).headers
  // Another tool's HTTP/2 entry may list several `cookie` fields: the model holds one Cookie header.
  const cookieFields = ours
    ? { headers: pairs(request?.headers), split: false }
    : joinCookieFields(pairs(request?.headers))
  const foreignError = !ours && e._error !== undefined && e._error !== null ? String(e._error) : undefined
  const rtError = ours ? (e._error as CapturedExchange['error'] | undefined) : undefined
  const error =
    rtError ??
    (foreignError ? { kind: 'proxy-error' as ExchangeErrorKind, message: foreignError } : undefined)
  const state: CapturedExchange['state'] =
    ours && typeof e._state === 'string'
      ? (e._state as CapturedExchange['state'])
      : status > 0
        ? 'complete'
        : 'error'
  const answered = status > 0 || (ours && typeof e._status === 'number')

  const exchange: ImportedExchange = {
    id: (ours && str(e._id)) || `e${index + 1}`,
    clientConnectionId: connectionId ?? `h${index + 1}`,
    sequence: ours && typeof e._sequence === 'number' ? e._sequence : 0,
    method: request?.method ?? 'GET',
    url: (ours && str((request as unknown as Record<string, unknown>)?._rawUrl)) || (request?.url ?? ''),
    httpVersion: (ours && str(e._httpVersion)) || stripVersion(request?.httpVersion),
    requestHeaders: cookieFields.headers,
    startedAt: Number.isFinite(startedAt) ? startedAt : previous,
    timings:
      ours && isObject(e._offsets) ? (e._offsets as ExchangeTimings) : offsetsOf(entry.timings, entry.time),
    state
  }
  if (source !== 'recorded') exchange.connectionSource = connectionId ? 'inferred' : 'none'
  if (typeof entry.pageref === 'string') exchange.pageRef = entry.pageref
  if (typeof e._resourceType === 'string') exchange.resourceType = e._resourceType
  const lists = cookieLists(exchange.requestHeaders, responseHeaders, request?.cookies, response?.cookies)
  if (lists) exchange.cookieLists = lists
  const requestBody =
    bodies && postBody(request?.postData as (Record<string, unknown> & { text?: string }) | undefined)
  if (requestBody) exchange.requestBody = requestBody
  if (cookieFields.split || (ours && e._cookieSplit === true)) exchange.cookieSplit = true
  if (answered) {
    exchange.status = ours && typeof e._status === 'number' ? e._status : status
    exchange.statusText = response.statusText ?? ''
    exchange.responseHeaders = responseHeaders
  } else if (responseHeaders.length > 0) exchange.responseHeaders = responseHeaders
  const contentCoded = responseHeaders.some(([n, v]) => isHeader(n, 'content-encoding') && v !== 'identity')
  const responseBody = bodies ? contentBody(content) : undefined
  // A decoded body: what crossed the wire was `bodySize` bytes, not the decoded length.
  const bodySize = response?.bodySize
  if (
    responseBody &&
    contentCoded &&
    !content._contentEncoded &&
    typeof bodySize === 'number' &&
    bodySize >= 0
  ) {
    responseBody.size = bodySize
  }
  if (responseBody && (answered || responseBody.size > 0)) exchange.responseBody = responseBody
  // Roundtrip's upstream connection, also on an entry another tool passed on.
  if (str(e._upstreamConnectionId)) exchange.upstreamConnectionId = e._upstreamConnectionId as string
  if (ours) {
    if (typeof e._upstreamReused === 'boolean') exchange.upstreamReused = e._upstreamReused
    if (e._retried === true) exchange.retried = true
    if (str(e._serverConnectionId)) exchange.serverConnectionId = e._serverConnectionId as string
    if (isTls(e._tls)) exchange.tls = e._tls
  }
  if (error) exchange.error = error
  // HTTP/2 stream ids: Roundtrip's own, or another tool's that writes the same field.
  if (isStreamId(e._streamId)) exchange.streamId = e._streamId
  if (ours) {
    if (str(e._upstreamHttpVersion)) exchange.upstreamHttpVersion = e._upstreamHttpVersion as string
    if (isStreamId(e._upstreamStreamId)) exchange.upstreamStreamId = e._upstreamStreamId
  }

  if (!keepExtras) return exchange
  const extras: HarExtras = {
    foreign: !ours,
    entry: pick(e, ours ? OURS_ENTRY : FOREIGN_ENTRY),
    request: pick(request as unknown as Record<string, unknown>, ours ? OURS_REQUEST : FOREIGN_REQUEST_KEYS),
    response: pick(response as unknown as Record<string, unknown>, ours ? OURS_RESPONSE : FOREIGN_RESPONSE),
    content: pick(content, ours ? OURS_CONTENT : CONTENT_KEYS),
    postData: pick((request?.postData ?? {}) as Record<string, unknown>, POSTDATA_KEYS),
    contentDecoded: contentCoded && !content._contentEncoded
  }
  if (!ours) {
    if (Array.isArray(request?.cookies)) extras.requestCookies = request.cookies
    if (Array.isArray(response?.cookies)) extras.responseCookies = response.cookies
  }
  if (!isEmptyExtras(extras)) exchange.har = extras
  return exchange
}

/** Client connections for a HAR without `log._roundtrip`, grouped by `_connectionId`/`connection`. */
function synthesizeConnections(exchanges: ImportedExchange[]): CapturedConnection[] {
  const byId = new Map<string, CapturedConnection>()
  for (const exchange of exchanges) {
    let connection = byId.get(exchange.clientConnectionId)
    if (!connection) {
      connection = {
        id: exchange.clientConnectionId,
        kind: 'client',
        remoteAddress: '',
        remotePort: 0,
        localAddress: '',
        localPort: 0,
        openedAt: exchange.startedAt,
        exchangeIds: []
      }
      byId.set(connection.id, connection)
    }
    connection.exchangeIds.push(exchange.id)
    // Chrome names an HTTP/2 connection's id on every stream it carried: one lane, many streams.
    if (isHttp2(exchange.httpVersion) || exchange.streamId !== undefined) connection.protocol = 'h2'
  }
  return [...byId.values()]
}

/** Position on its connection for entries that did not say (1 is the first request). */
function numberSequences(exchanges: ImportedExchange[]): void {
  const seen = new Map<string, number>()
  for (const exchange of exchanges) {
    const n = (seen.get(exchange.clientConnectionId) ?? 0) + 1
    seen.set(exchange.clientConnectionId, n)
    if (exchange.sequence === 0) exchange.sequence = n
  }
}

function offsetsOf(t: Timings | undefined, time: number | undefined): ExchangeTimings {
  if (!t) return {}
  const pos = (n: number | undefined): number => (typeof n === 'number' && n > 0 ? n : 0)
  const before = pos(t.blocked) + pos(t.dns) + pos(t.connect)
  const offsets: ExchangeTimings = {}
  if (typeof t.connect === 'number' && t.connect >= 0) offsets.upstreamConnected = before
  offsets.requestSent = before + pos(t.send)
  offsets.responseHeaders = offsets.requestSent + pos(t.wait)
  offsets.responseEnd = offsets.responseHeaders + pos(t.receive)
  // A tool that wrote only the total time: the response is taken to have come at its end.
  if (offsets.responseEnd === 0 && typeof time === 'number' && time > 0) {
    offsets.responseHeaders = time
    offsets.responseEnd = time
  }
  return offsets
}

/** Another tool's cookie lists, kept for an exchange whose headers carry no cookies of that kind. */
function cookieLists(
  requestHeaders: HeaderPair[],
  responseHeaders: HeaderPair[],
  sent: unknown,
  set: unknown
): CapturedExchange['cookieLists'] {
  const out: NonNullable<CapturedExchange['cookieLists']> = {}
  const objects = (v: unknown): Record<string, unknown>[] =>
    Array.isArray(v) ? v.filter((c) => isObject(c) && typeof c.name === 'string') : []
  if (!headerValue(requestHeaders, 'cookie')) {
    const list = objects(sent).map((c) => ({ name: String(c.name), value: String(c.value ?? '') }))
    if (list.length) out.sent = list
  }
  if (!headerValue(responseHeaders, 'set-cookie')) {
    const list = objects(set).map(cookieObjectLine)
    if (list.length) out.set = list
  }
  return out.sent || out.set ? out : undefined
}

/** A cookie object (HAR `response.cookies`) as the Set-Cookie line it stands for. */
function cookieObjectLine(c: Record<string, unknown>): string {
  let line = `${String(c.name)}=${String(c.value ?? '')}`
  if (typeof c.domain === 'string' && c.domain) line += `; Domain=${c.domain}`
  if (typeof c.path === 'string' && c.path) line += `; Path=${c.path}`
  if (typeof c.expires === 'string' && c.expires) {
    const t = harTime(c.expires)
    if (Number.isFinite(t)) line += `; Expires=${new Date(t).toUTCString()}`
  }
  if (c.secure === true) line += '; Secure'
  if (c.httpOnly === true) line += '; HttpOnly'
  if (typeof c.sameSite === 'string' && c.sameSite) line += `; SameSite=${c.sameSite}`
  return line
}

function contentBody(content: Content & Record<string, unknown>): CapturedBody | undefined {
  if (typeof content.text !== 'string') return undefined
  const base64 = content.encoding === 'base64' ? content.text.replace(/\s+/g, '') : textToBase64(content.text)
  const length = safeLength(base64)
  const wire = typeof content._wireSize === 'number' ? content._wireSize : length
  return { size: wire, truncated: content._truncated === true, base64 }
}

function postBody(
  postData: (Record<string, unknown> & { text?: string }) | undefined
): CapturedBody | undefined {
  if (!postData || typeof postData.text !== 'string') return undefined
  const base64 = postData._encoding === 'base64' ? postData.text : textToBase64(postData.text)
  const length = safeLength(base64)
  const wire = typeof postData._wireSize === 'number' ? postData._wireSize : length
  return { size: wire, truncated: postData._truncated === true, base64 }
}

function safeLength(base64: string): number {
  return base64Length(base64)
}

function stripVersion(version: string | undefined): string {
  if (!version) return '1.1'
  const m = /^HTTP\/(\d(?:\.\d)?)$/i.exec(version)
  return m?.[1] ?? version
}

function pick(obj: Record<string, unknown> | undefined, known: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (!obj) return out
  for (const key in obj) if (!known.includes(key)) out[key] = obj[key]
  return out
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null
}

function isEmptyExtras(x: HarExtras): boolean {
  return (
    !x.foreign &&
    !x.contentDecoded &&
    [x.entry, x.request, x.response, x.content, x.postData].every((o) => Object.keys(o).length === 0)
  )
}

/** A `_tls` written by Roundtrip: the client side at least, as an object. */
function isTls(v: unknown): v is NonNullable<CapturedExchange['tls']> {
  const client = (v as { client?: unknown } | null)?.client
  return typeof v === 'object' && v !== null && typeof client === 'object' && client !== null
}

function isStreamId(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 2 ** 31
}

/** `h2`, `HTTP/2`, `HTTP/2.0`, `http/2.0` (what browsers and tools write for HTTP/2). */
function isHttp2(version: string): boolean {
  return /^(h2|(http\/)?2(\.0)?)$/i.test(version.trim())
}
