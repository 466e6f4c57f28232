// The Cookie request header: name=value pairs separated by "; ". HTTP/2 lets a client send it as several
// `cookie` fields (RFC 9113 8.2.3); they are one header joined with "; ".
import type { HeaderPair } from '../model'
import { isHeader } from './headers'

/** One name=value pair from a Cookie header, as sent. The value keeps every `=`. */
export interface SentCookie {
  name: string
  value: string
}

/** Splits Cookie header values (several over HTTP/2) into pairs, in order. */
export function parseCookieHeader(values: string | readonly string[] | undefined): SentCookie[] {
  const out: SentCookie[] = []
  const list = values === undefined ? [] : typeof values === 'string' ? [values] : values
  for (const header of list) {
    for (const part of header.split(';')) {
      const piece = part.trim()
      if (!piece) continue
      const eq = piece.indexOf('=')
      if (eq < 0) out.push({ name: '', value: piece })
      else out.push({ name: piece.slice(0, eq).trim(), value: piece.slice(eq + 1).trim() })
    }
  }
  return out
}

/** Serialises pairs back into one Cookie header value. */
export function formatCookieHeader(cookies: readonly SentCookie[]): string {
  return cookies.map((c) => (c.name ? `${c.name}=${c.value}` : c.value)).join('; ')
}

/**
 * The headers with several `cookie` fields joined into one Cookie header at the first one's place, as
 * RFC 9113 8.2.3 says a server must read them; `split` says the request sent it in pieces.
 */
export function joinCookieFields(headers: HeaderPair[]): { headers: HeaderPair[]; split: boolean } {
  const at: number[] = []
  headers.forEach(([n], i) => {
    if (isHeader(n, 'cookie')) at.push(i)
  })
  if (at.length < 2) return { headers, split: false }
  const first = at[0] as number
  const joined = at.map((i) => (headers[i] as HeaderPair)[1]).join('; ')
  const out: HeaderPair[] = []
  headers.forEach((h, i) => {
    if (i === first) out.push([h[0], joined])
    else if (!at.includes(i)) out.push(h)
  })
  return { headers: out, split: true }
}
