// The reader's cookie quirks: Set-Cookie values folded into one header, and cookie lists
// (`request.cookies`, `response.cookies`) that say something else than the headers. The lists are
// compared as `name=value` lines, in order or else sorted (listsDiffer). Nearly every entry's lists
// say exactly what its headers say, in the same order: that is proved in place first (sameInPlace),
// without a string, array or sort per entry, and only an entry it cannot prove the same for is
// compared the full way. Pure: no node imports.
import type { Entry, Header, Response } from 'har-format'
import { isHeader, parseCookieHeader, splitSetCookie } from '../http'
import { isObject, type Json } from './json'

/** What the reader tallies a quirk into (the entry's index, and what was odd about it). */
interface QuirkSink {
  add(what: string, index: number): void
}

const FOLDED = 'a Set-Cookie header held several cookies folded into one value; read as one line each.'
const RESPONSE_LIST =
  'response.cookies disagrees with the Set-Cookie headers; the headers are used, as they are what crossed the wire.'
const REQUEST_LIST =
  'request.cookies disagrees with the Cookie header; the header is used, as it is what crossed the wire.'

/** Folded Set-Cookie values, and cookie lists that say something else than the headers (the headers win). */
export function cookieQuirks(
  request: Entry['request'],
  response: Response,
  i: number,
  quirks: QuirkSink
): void {
  let setCookies = 0
  let folded = false
  for (const h of response.headers) {
    if (!isHeader(h.name, 'set-cookie')) continue
    setCookies++
    if (h.value.includes(',') || h.value.includes('\n')) {
      folded = true
      if (splitSetCookie(h.value).length > 1) quirks.add(FOLDED, i)
    }
  }
  const listed = response.cookies as unknown[]
  if (setCookies && hasObject(listed) && (folded || !sameInPlace(response.headers, 'set-cookie', listed))) {
    const lines = response.headers
      .filter((h) => isHeader(h.name, 'set-cookie'))
      .flatMap((h) => splitSetCookie(h.value))
    const fromHeaders = lines
      .map((l) => parseCookieHeader(l.split(';')[0])[0])
      .map((c) => `${c?.name}=${c?.value}`)
    if (lines.length && listsDiffer(fromHeaders, pairsOf(listed))) quirks.add(RESPONSE_LIST, i)
  }
  const sentList = request.cookies as unknown[]
  if (hasObject(sentList) && !sameInPlace(request.headers, 'cookie', sentList)) {
    const cookieFields: string[] = []
    for (const h of request.headers)
      if (isHeader(String(h.name), 'cookie')) cookieFields.push(String(h.value ?? ''))
    const sent = parseCookieHeader(cookieFields).map((c) => `${c.name}=${c.value}`)
    if (sent.length && listsDiffer(sent, pairsOf(sentList))) quirks.add(REQUEST_LIST, i)
  }
}

const hasObject = (list: unknown[]): boolean => list.some(isObject)

const pairsOf = (list: unknown[]): string[] =>
  list.filter(isObject).map((c) => `${String(c.name)}=${String(c.value ?? '')}`)

/** Not the same items in the same order, nor the same items sorted. */
function listsDiffer(a: string[], b: string[]): boolean {
  if (a.length === b.length && a.every((x, i) => x === b[i])) return false
  return a.sort().join('\n') !== [...b].sort().join('\n')
}

/** A character String.prototype.trim might remove: proved only for plain ASCII edges. */
const unsure = (c: number): boolean => c <= 0x20 || c >= 0x7f

/**
 * Whether the `name` headers' cookie pairs (a Cookie header's `a=1; b=2`, or each Set-Cookie line's first
 * pair) are certainly the list's objects' names and values, in order, one for one. False means "not
 * proved" (a difference, or text this does not read in place), never "different": the caller then compares
 * the full way. Allocates nothing in the common case.
 */
function sameInPlace(headers: Header[], name: 'cookie' | 'set-cookie', list: unknown[]): boolean {
  let at = 0 // the next item of `list` to look at
  for (const h of headers) {
    if (!isHeader(h.name, name)) continue
    const text = h.value
    // A Set-Cookie line is one pair (what comes before its first `;`); a Cookie header holds several.
    const end = name === 'set-cookie' ? text.length : -1
    let start = 0
    while (start <= text.length) {
      const semi = text.indexOf(';', start)
      const stop = semi < 0 ? text.length : semi
      let s = start
      let e = stop
      while (s < e && (text.charCodeAt(s) === 0x20 || text.charCodeAt(s) === 0x09)) s++
      while (e > s && (text.charCodeAt(e - 1) === 0x20 || text.charCodeAt(e - 1) === 0x09)) e--
      if (s < e) {
        if (unsure(text.charCodeAt(s)) || unsure(text.charCodeAt(e - 1))) return false
        at = nextObject(list, at)
        if (at === list.length || !samePair(text, s, e, list[at++] as Json)) return false
      } else if (end >= 0 && text.trim() !== '') return false // "; Path=/": no pair, read the full way
      if (end >= 0 || semi < 0) break
      start = semi + 1
    }
  }
  return nextObject(list, at) === list.length
}

/** The position of the first object in `list` from `at` on (the list's length when there is none). */
function nextObject(list: unknown[], at: number): number {
  while (at < list.length && !isObject(list[at])) at++
  return at
}

/** Whether `text` from `s` to `e` (trimmed, not empty) is the pair `item.name=item.value`. */
function samePair(text: string, s: number, e: number, item: Json): boolean {
  const { name, value = '' } = item
  if (typeof name !== 'string' || typeof value !== 'string') return false
  const eq = text.indexOf('=', s)
  if (eq < 0 || eq >= e) return name === '' && sameRange(text, s, e, value)
  return sameRange(text, s, eq, name) && sameRange(text, eq + 1, e, value)
}

/** Whether `text` from `s` to `e`, trimmed, is `want` (edges other than ASCII are not proved). */
function sameRange(text: string, s: number, e: number, want: string): boolean {
  while (s < e && (text.charCodeAt(s) === 0x20 || text.charCodeAt(s) === 0x09)) s++
  while (e > s && (text.charCodeAt(e - 1) === 0x20 || text.charCodeAt(e - 1) === 0x09)) e--
  if (s < e && (unsure(text.charCodeAt(s)) || unsure(text.charCodeAt(e - 1)))) return false
  return e - s === want.length && text.startsWith(want, s)
}
