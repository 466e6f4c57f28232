// Set-Cookie lines, one per cookie. Tools fold several lines of one response into one header: mitmproxy
// joins them with ", " (legal for other headers, wrong for Set-Cookie, whose Expires holds a comma), Chrome
// writes an HTTP/2 response's lines joined by "\n". set-cookie-parser's splitCookiesString tells a comma
// that starts a new cookie from one inside `Expires=Wed, 21 Oct 2026 07:28:00 GMT`.
import { splitCookiesString } from 'set-cookie-parser'
import type { HeaderPair } from '../model'
import { isHeader } from './headers'

/** One Set-Cookie header value as the cookie lines it holds (one, unless a tool folded several). */
export function splitSetCookie(value: string): string[] {
  // The common case, one cookie on one line: what the split below gives, without running it.
  if (!value.includes(',') && !value.includes('\n')) {
    const trimmed = value.trim()
    return trimmed ? [trimmed] : []
  }
  const out: string[] = []
  for (const piece of value.split(/\r?\n/)) {
    for (const line of splitCookiesString(piece)) {
      const trimmed = line.trim()
      if (trimmed) out.push(trimmed)
    }
  }
  return out
}

/**
 * The headers with every folded Set-Cookie value unfolded into one pair per cookie, in place. `folded`
 * counts the header values that held more than one cookie. The same array comes back when nothing changed.
 */
export function unfoldSetCookies(headers: HeaderPair[]): { headers: HeaderPair[]; folded: number } {
  let folded = 0
  let out: HeaderPair[] | undefined
  headers.forEach(([name, value], i) => {
    const lines = isHeader(name, 'set-cookie') ? splitSetCookie(value) : undefined
    // Only a value that holds several cookies changes; a single line stays exactly as it was written.
    const changed = lines !== undefined && lines.length > 1
    if (changed) folded++
    if (changed && !out) out = headers.slice(0, i)
    if (out) {
      if (lines && changed) for (const line of lines) out.push([name, line])
      else out.push([name, value])
    }
  })
  return { headers: out ?? headers, folded }
}

/** Every Set-Cookie line of a response's headers, unfolded. */
export function setCookieLines(headers: readonly HeaderPair[] | undefined): string[] {
  const out: string[] = []
  for (const [n, v] of headers ?? []) if (isHeader(n, 'set-cookie')) out.push(...splitSetCookie(v))
  return out
}

/** The cookie's own name=value of one Set-Cookie line (what a filter or a list needs; attributes are the analysis's). */
export function setCookiePair(line: string): { name: string; value: string } {
  const semi = line.indexOf(';')
  const first = semi < 0 ? line : line.slice(0, semi)
  const eq = first.indexOf('=')
  return eq < 0
    ? { name: '', value: first.trim() }
    : { name: first.slice(0, eq).trim(), value: first.slice(eq + 1).trim() }
}
