// What the replay reads of one exchange: the cookies its request carried, its response's Set-Cookie lines,
// its times. The replay asks for each once per entry: what repeats across entries (a Cookie header's
// text) is read once and shared between rows (immutable).
import type { CapturedExchange, HeaderPair } from '../model'
import { formatCookieHeader, headerValues, isHeader, parseCookieHeader, setCookieLines } from '../http'
import type { SentCookie } from '../http'
import { explain, type Explanation } from './explain'
import type { JarCookie } from './jar'

/** A request's cookies as sent and as one Cookie header, and how many `cookie` fields carried them. */
interface SentHeader {
  sent: SentCookie[]
  text: string
  fields: number
}

/**
 * An empty list rows share: frozen, so code that would add to it (and so to every row's) fails at once
 * instead of changing other rows.
 */
export function emptyList<T>(): T[] {
  return Object.freeze([]) as unknown as T[]
}

/** Read Cookie headers by their text: a capture sends the same one again and again. Shared, immutable. */
const readHeaders = new Map<string, SentHeader>()

/**
 * The Cookie header(s) the request carried (or the tool's cookie list when it left the header out), as
 * one Cookie header's text, and how many `cookie` fields carried them.
 */
export function sentHeader(x: CapturedExchange): SentHeader {
  let only: string | undefined
  let fields = 0
  const headers = x.requestHeaders
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i] as HeaderPair
    if (!isCookieField(h[0])) continue
    fields++
    only ??= h[1]
  }
  if (fields === 1 && only !== undefined) {
    let read = readHeaders.get(only)
    if (read === undefined) {
      const sent = parseCookieHeader(only)
      for (const c of sent) Object.freeze(c)
      read = { sent: Object.freeze(sent) as SentCookie[], text: formatCookieHeader(sent), fields: 1 }
      if (readHeaders.size >= 10_000) readHeaders.clear()
      readHeaders.set(only, read)
    }
    return read
  }
  const sent = fields
    ? parseCookieHeader(headerValues(x.requestHeaders, 'cookie'))
    : (x.cookieLists?.sent ?? [])
  return { sent, text: formatCookieHeader(sent), fields }
}

/**
 * Whether a field is `cookie` (any case): most fields are told apart by length or first letter without
 * a lower-case copy of the name (the letters whose lower case is ASCII 'c' are 'c' and 'C' alone; the
 * full comparison decides the rest).
 */
function isCookieField(n: string): boolean {
  if (n.length !== 6) return false
  const first = n.charCodeAt(0)
  if (first !== 99 && first !== 67 && first < 128) return false
  return n === 'Cookie' || isHeader(n, 'cookie')
}

/** Several `cookie` fields (HTTP/2), joined at the door (`cookieSplit`) or still apart in the headers. */
export function cookieSplitOf(x: CapturedExchange, fields: number): Explanation | undefined {
  if (fields > 1) return explain('request.cookieSplit', { fields })
  return x.cookieSplit ? explain('request.cookieSplit') : undefined
}

/** The jar cookie a sent pair stood for: the same name and value, else the same name. */
export function holderOf(send: readonly JarCookie[], s: SentCookie): JarCookie | undefined {
  let named: JarCookie | undefined
  for (const c of send) {
    if (c.name !== s.name) continue
    if (c.value === s.value) return c
    named ??= c
  }
  return named
}

/** The response's Set-Cookie lines (unfolded), or the tool's cookie list when its headers had none. */
export function responseSetCookies(x: CapturedExchange): string[] {
  const headers = x.responseHeaders ?? []
  let line: string | undefined
  let fields = 0
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i] as HeaderPair
    if (!isSetCookieField(h[0])) continue
    fields++
    line ??= h[1]
  }
  // The common response, one Set-Cookie line on one field (or none): what setCookieLines gives, without
  // its lists; a field that may hold several lines (a comma or a newline) is left to it.
  const one = fields === 1 && line !== undefined && !line.includes(',') && !line.includes('\n')
  const lines = fields === 0 ? [] : one ? single(line as string) : setCookieLines(headers)
  return lines.length ? lines : (x.cookieLists?.set ?? [])
}

function single(line: string): string[] {
  const trimmed = line.trim()
  return trimmed ? [trimmed] : []
}

/** Whether a field is `set-cookie` (any case), mostly told without a lower-case copy (see isCookieField). */
function isSetCookieField(n: string): boolean {
  if (n.length !== 10) return false
  const first = n.charCodeAt(0)
  if (first !== 115 && first !== 83 && first < 128) return false
  return n === 'Set-Cookie' || isHeader(n, 'set-cookie')
}

/** Epoch ms of the request, of the response headers, and of the response's last byte. */
export function exchangeTimes(x: CapturedExchange): { request: number; response: number; end: number } {
  const t = x.timings
  const response = x.startedAt + Math.max(0, t.responseHeaders ?? t.requestSent ?? 0)
  const end = Math.max(response, x.startedAt + (t.responseEnd ?? 0))
  return { request: x.startedAt, response, end }
}

/** The last whole second written, as `YYYY-MM-DDTHH:MM:SS.`: a capture's entries come many a second. */
let lastSecond = NaN
let lastPrefix = ''
/** `000Z` to `999Z`: a time's text is its second's and one of these (one string joined, not four). */
const MILLIS = Array.from({ length: 1000 }, (_, i) => `${String(i).padStart(3, '0')}Z`)
/** Year 10000: from there on toISOString writes a six-digit year with a sign. */
const FOUR_DIGIT_YEARS = 253402300800000

/** ISO 8601 in UTC, or '' for a time a Date cannot hold. */
export function isoTime(ms: number): string {
  if (Number.isInteger(ms) && ms >= 0 && ms < FOUR_DIGIT_YEARS) {
    const second = Math.floor(ms / 1000)
    if (second !== lastSecond) {
      lastPrefix = new Date(second * 1000).toISOString().slice(0, 20)
      lastSecond = second
    }
    return lastPrefix + (MILLIS[ms - second * 1000] as string)
  }
  const d = new Date(ms)
  return Number.isNaN(d.getTime()) ? '' : d.toISOString()
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase()
  } catch {
    return ''
  }
}
