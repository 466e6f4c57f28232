// Pieces of a HAR entry derived from one captured exchange: bodies, cookies, query strings and
// timings. Pure functions (no node:*), so the renderer can export a live capture too.
import { Cookie } from 'tough-cookie'
import type { Content, Cookie as HarCookie, PostData, QueryString, Timings } from 'har-format'
import type { CapturedBody, CapturedExchange, HeaderPair } from '../model'
import {
  base64ToBytes,
  bytesAsText,
  bytesToBase64,
  headerValue,
  headerValues,
  parseCookieHeader,
  queryPairs,
  setCookieLines
} from '../http'

export {
  base64Length,
  base64ToBytes,
  bytesAsText,
  bytesToBase64,
  headerValue,
  headerValues,
  textToBase64,
  utf8Length
} from '../http'

/** HAR objects with room for `_`-prefixed custom fields. */
type Loose<T> = T & Record<string, unknown>

export type BodyDecoder = (bytes: Uint8Array, contentEncoding: string) => Uint8Array | undefined

/** HAR `content` for a response body: text when it reads as text, base64 otherwise. */
export function contentOf(
  body: CapturedBody | undefined,
  headers: HeaderPair[] | undefined,
  decode: BodyDecoder | undefined,
  alreadyDecoded: boolean
): Loose<Content> {
  const mimeType = headerValue(headers, 'content-type') ?? 'x-unknown'
  if (!body || body.base64 === '') return { size: body?.size ?? 0, mimeType }
  let bytes = base64ToBytes(body.base64)
  const coding = (headerValue(headers, 'content-encoding') ?? '').trim().toLowerCase()
  const content: Loose<Content> = { size: bytes.length, mimeType }
  if (!alreadyDecoded && coding && coding !== 'identity') {
    const decoded = body.truncated ? undefined : decode?.(bytes, coding)
    if (decoded) {
      bytes = decoded
      content.size = decoded.length
      content.compression = decoded.length - body.size
    } else {
      // Could not undo the content coding: keep the wire bytes, and say so.
      content._contentEncoded = coding
      content.comment = `The body is still ${coding}-encoded as it crossed the wire.`
    }
  }
  const text = content._contentEncoded ? undefined : bytesAsText(bytes)
  if (text !== undefined) content.text = text
  else {
    content.text = bytesToBase64(bytes)
    content.encoding = 'base64'
  }
  if (body.truncated) {
    content._truncated = true
    content._wireSize = body.size
    content.comment = `Only the first ${bytes.length} of ${body.size} bytes were kept.`
  }
  return content
}

export function postDataOf(
  body: CapturedBody | undefined,
  headers: HeaderPair[]
): Loose<PostData> | undefined {
  if (!body || (body.size === 0 && body.base64 === '')) return undefined
  const mimeType = headerValue(headers, 'content-type') ?? 'application/octet-stream'
  const bytes = base64ToBytes(body.base64)
  const text = bytesAsText(bytes)
  const postData = { mimeType, text: text ?? body.base64 } as Loose<PostData>
  if (text === undefined) postData._encoding = 'base64'
  if (text !== undefined && mimeType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    postData.params = [...new URLSearchParams(text)].map(([name, value]) => ({
      name,
      value
    }))
  }
  if (body.truncated) {
    postData._truncated = true
    postData._wireSize = body.size
  }
  return postData
}

export function queryStringOf(url: string): QueryString[] {
  return queryPairs(url)
}

/** One HAR cookie per name=value pair of every Cookie header. */
export function requestCookiesOf(headers: HeaderPair[]): HarCookie[] {
  return parseCookieHeader(headerValues(headers, 'cookie'))
}

const SAME_SITE: Record<string, string> = { lax: 'Lax', strict: 'Strict', none: 'None' }

/** One HAR cookie per Set-Cookie line, with every attribute the line carried. */
export function responseCookiesOf(headers: HeaderPair[] | undefined, receivedAt: number): HarCookie[] {
  const cookies: HarCookie[] = []
  for (const line of setCookieLines(headers)) {
    const parsed = Cookie.parse(line, { loose: true })
    if (!parsed) {
      cookies.push({ name: '', value: '', comment: `Unparseable Set-Cookie: ${line}` })
      continue
    }
    const cookie: Loose<HarCookie> = { name: parsed.key, value: parsed.value }
    if (parsed.path) cookie.path = parsed.path
    if (parsed.domain) cookie.domain = parsed.domain
    const expires = parsed.expires instanceof Date ? isoDate(parsed.expires.getTime()) : undefined
    if (expires) cookie.expires = expires
    if (typeof parsed.maxAge === 'number' && Number.isFinite(parsed.maxAge)) {
      cookie._maxAge = parsed.maxAge
      const fromMaxAge = isoDate(receivedAt + parsed.maxAge * 1000)
      if (!cookie.expires && fromMaxAge) cookie.expires = fromMaxAge
    }
    cookie.httpOnly = parsed.httpOnly
    cookie.secure = parsed.secure
    if (parsed.sameSite) {
      cookie.sameSite = SAME_SITE[parsed.sameSite] ?? parsed.sameSite
    }
    cookies.push(cookie)
  }
  return cookies
}

/** An ISO 8601 date, or undefined when the time is outside what a Date can hold. */
export function isoDate(ms: number): string | undefined {
  const d = new Date(ms)
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString()
}

/**
 * HAR timings from the exchange's monotonic offsets. `connect` is -1 when the upstream socket
 * was reused; blocked, dns and ssl are not measured by the proxy (-1).
 */
export function timingsOf(exchange: CapturedExchange): { timings: Timings; time: number } {
  const t = exchange.timings
  const connected = t.upstreamConnected
  const connect = connected === undefined ? -1 : round(connected)
  const sendStart = connected ?? 0
  const send = t.requestSent === undefined ? 0 : nonNegative(t.requestSent - sendStart)
  const wait =
    t.responseHeaders === undefined || t.requestSent === undefined
      ? 0
      : nonNegative(t.responseHeaders - t.requestSent)
  const receive =
    t.responseEnd === undefined || t.responseHeaders === undefined
      ? 0
      : nonNegative(t.responseEnd - t.responseHeaders)
  const timings: Timings = { blocked: -1, dns: -1, connect, send, wait, receive, ssl: -1 }
  return { timings, time: round(Math.max(0, connect) + send + wait + receive) }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000
}

function nonNegative(n: number): number {
  return Math.max(0, round(n))
}

export function headersSizeOf(firstLine: string, headers: HeaderPair[]): number {
  let size = firstLine.length + 2
  for (const [name, value] of headers) size += name.length + 2 + value.length + 2
  return size + 2
}
