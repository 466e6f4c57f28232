// Cookie and Set-Cookie header views: parsed with tough-cookie (so the semantics match what browsers do),
// then described in plain words for people reading a capture. Pure: no node, electron or react imports.
import { Cookie, parseDate } from 'tough-cookie'

export { formatCookieHeader, parseCookieHeader, type SentCookie } from '../http'

export type SameSite = 'strict' | 'lax' | 'none'

/** One Set-Cookie line, every attribute read out, with a sentence per attribute. */
export interface ParsedSetCookie {
  /** The header value exactly as it was on the wire. */
  line: string
  /** False when no cookie could be read from the line at all (see `error`). */
  ok: boolean
  error?: string
  name: string
  value: string
  domain?: string
  path?: string
  /** Expires as an ISO date, or the raw text if it could not be read as a date. */
  expires?: string
  maxAge?: number
  secure: boolean
  httpOnly: boolean
  sameSite?: SameSite
  /** A SameSite value browsers do not know (treated as absent). */
  sameSiteUnknown?: string
  partitioned: boolean
  prefix?: '__Host-' | '__Secure-'
  /** Attributes browsers do not know, as written. */
  extensions: string[]
  explanations: AttributeExplanation[]
}

export interface AttributeExplanation {
  attribute: string
  text: string
}

/** The cookie-date algorithm of RFC 6265 section 5.1.1 (via tough-cookie). */
export function parseCookieDate(text: string): Date | undefined {
  return parseDate(text) ?? undefined
}

const UNITS: [ms: number, one: string][] = [
  [365 * 24 * 3600_000, 'year'],
  [30 * 24 * 3600_000, 'month'],
  [7 * 24 * 3600_000, 'week'],
  [24 * 3600_000, 'day'],
  [3600_000, 'hour'],
  [60_000, 'minute'],
  [1000, 'second']
]

/** "2 minutes", "1 year", "less than a second". */
export function humanDuration(ms: number): string {
  // Capture times carry fractions of a millisecond; a year less 0.25 ms is still a year.
  const abs = Math.abs(ms) >= 1000 ? Math.round(Math.abs(ms) / 1000) * 1000 : Math.abs(ms)
  for (const [size, one] of UNITS) {
    if (abs >= size) {
      const n = Math.round(abs / size)
      return `${n} ${one}${n === 1 ? '' : 's'}`
    }
  }
  return 'less than a second'
}

/** A stable, readable UTC date: "Tue, 15 Jun 2027 21:41:24 GMT". */
export function humanDate(ms: number): string {
  return new Date(ms).toUTCString()
}

function prefixOf(name: string): ParsedSetCookie['prefix'] {
  if (name.startsWith('__Host-')) return '__Host-'
  if (name.startsWith('__Secure-')) return '__Secure-'
  return undefined
}

/** Reads one Set-Cookie line. `now` (epoch ms, the response's time) makes the lifetime sentences concrete. */
export function parseSetCookie(line: string, now?: number): ParsedSetCookie {
  const c = Cookie.parse(line, { loose: false })
  if (!c) {
    const empty = {
      line,
      ok: false,
      error: 'No cookie could be read from this line: it needs a name=value pair before the first ";".',
      name: '',
      value: '',
      secure: false,
      httpOnly: false,
      partitioned: false,
      extensions: [],
      explanations: []
    }
    return empty
  }
  const extensions = (c.extensions ?? []).filter((e) => !/^partitioned$/i.test(e.trim()))
  const partitioned = (c.extensions ?? []).some((e) => /^partitioned$/i.test(e.trim()))
  const sameSiteRaw = /;\s*samesite\s*=\s*([^;]*)/i.exec(line)?.[1]?.trim()
  const sameSite = c.sameSite as SameSite | undefined
  const parsed: ParsedSetCookie = {
    line,
    ok: true,
    name: c.key,
    value: c.value,
    secure: c.secure,
    httpOnly: c.httpOnly,
    partitioned,
    extensions,
    explanations: []
  }
  if (c.domain) parsed.domain = c.domain
  if (c.path) parsed.path = c.path
  if (c.expires instanceof Date) parsed.expires = c.expires.toISOString()
  else if (/;\s*expires\s*=/i.test(line))
    parsed.expires = /;\s*expires\s*=\s*([^;]*)/i.exec(line)?.[1]?.trim()
  if (typeof c.maxAge === 'number') parsed.maxAge = c.maxAge
  if (sameSite === 'strict' || sameSite === 'lax' || sameSite === 'none') parsed.sameSite = sameSite
  else if (sameSiteRaw) parsed.sameSiteUnknown = sameSiteRaw
  const prefix = prefixOf(c.key)
  if (prefix) parsed.prefix = prefix
  parsed.explanations = explainSetCookie(parsed, now)
  return parsed
}

/** Whether this Set-Cookie deletes the cookie rather than storing it (Max-Age<=0 or an Expires in the past). */
export function isClearing(p: ParsedSetCookie, now: number): boolean {
  if (p.maxAge !== undefined) return p.maxAge <= 0
  if (p.expires) {
    const t = Date.parse(p.expires)
    return Number.isFinite(t) && t <= now
  }
  return false
}

/** Absolute expiry (epoch ms) for a cookie stored at `now`; undefined for a session cookie. */
export function expiryOf(p: ParsedSetCookie, now: number): number | undefined {
  if (p.maxAge !== undefined) return p.maxAge <= 0 ? -Infinity : now + p.maxAge * 1000
  if (p.expires) {
    const t = Date.parse(p.expires)
    if (Number.isFinite(t)) return t
  }
  return undefined
}

function lifetimeSentence(p: ParsedSetCookie, now: number | undefined): AttributeExplanation[] {
  const out: AttributeExplanation[] = []
  if (p.maxAge !== undefined) {
    if (p.maxAge <= 0) {
      out.push({ attribute: 'Max-Age', text: `Max-Age=${p.maxAge}: deletes the cookie now.` })
    } else {
      const when = now !== undefined ? `, on ${humanDate(now + p.maxAge * 1000)}` : ''
      out.push({
        attribute: 'Max-Age',
        text: `expires in ${humanDuration(p.maxAge * 1000)}${when} (Max-Age=${p.maxAge} seconds).`
      })
    }
    if (p.expires) {
      out.push({ attribute: 'Expires', text: 'Expires is ignored because Max-Age is also given.' })
    }
    return out
  }
  if (p.expires) {
    const t = Date.parse(p.expires)
    if (!Number.isFinite(t)) {
      out.push({
        attribute: 'Expires',
        text: `Expires "${p.expires}" is not a date browsers can read, so it is ignored.`
      })
    } else if (now !== undefined && t <= now) {
      out.push({
        attribute: 'Expires',
        text: `Expires is in the past (${humanDate(t)}): deletes the cookie now.`
      })
    } else {
      const rel = now !== undefined ? `in ${humanDuration(t - now)}, ` : ''
      out.push({ attribute: 'Expires', text: `expires ${rel}on ${humanDate(t)}.` })
    }
    return out
  }
  out.push({
    attribute: 'lifetime',
    text: 'no Expires or Max-Age: a session cookie, kept until the browser is closed.'
  })
  return out
}

/** Plain-words sentences for every attribute of a parsed Set-Cookie. */
export function explainSetCookie(p: ParsedSetCookie, now?: number): AttributeExplanation[] {
  if (!p.ok) return []
  const out: AttributeExplanation[] = lifetimeSentence(p, now)
  out.push(
    p.domain
      ? {
          attribute: 'Domain',
          text: `Domain=${p.domain}: sent to ${p.domain} and all its subdomains.`
        }
      : {
          attribute: 'Domain',
          text: 'no Domain: sent only to the exact host that set it (host-only).'
        }
  )
  out.push(
    p.path
      ? { attribute: 'Path', text: `Path=${p.path}: sent only for URLs under ${p.path}.` }
      : {
          attribute: 'Path',
          text: 'no Path: defaults to the directory of the URL that set it.'
        }
  )
  if (p.secure) out.push({ attribute: 'Secure', text: 'Secure: sent only over https, never plain http.' })
  if (p.httpOnly) out.push({ attribute: 'HttpOnly', text: 'HttpOnly: page scripts cannot read it.' })
  else {
    out.push({
      attribute: 'HttpOnly',
      text: 'not HttpOnly: page scripts (document.cookie) can read and change it.'
    })
  }
  if (p.sameSite === 'strict') {
    out.push({
      attribute: 'SameSite',
      text: 'SameSite=Strict: never sent with requests started by another site.'
    })
  } else if (p.sameSite === 'lax') {
    out.push({
      attribute: 'SameSite',
      text: 'SameSite=Lax: sent with requests from another site only for top-level navigations (following a link).'
    })
  } else if (p.sameSite === 'none') {
    out.push({
      attribute: 'SameSite',
      text: p.secure
        ? 'SameSite=None: sent with cross-site requests too (needs Secure, which it has).'
        : 'SameSite=None without Secure: browsers reject the cookie.'
    })
  } else if (p.sameSiteUnknown) {
    out.push({
      attribute: 'SameSite',
      text: `SameSite=${p.sameSiteUnknown} is not a value browsers know; treated as if SameSite were absent.`
    })
  } else {
    out.push({
      attribute: 'SameSite',
      text: 'no SameSite: Chrome and Edge treat it as Lax; Firefox and Safari send it with cross-site requests.'
    })
  }
  if (p.partitioned) {
    out.push({
      attribute: 'Partitioned',
      text: 'Partitioned: kept in a separate jar per top-level site (CHIPS), so it cannot follow you across sites.'
    })
  }
  if (p.prefix === '__Host-') {
    out.push({
      attribute: '__Host-',
      text: '__Host- prefix: only accepted with Secure, Path=/ and no Domain, so only this exact host can set it.'
    })
  } else if (p.prefix === '__Secure-') {
    out.push({
      attribute: '__Secure-',
      text: '__Secure- prefix: only accepted with Secure, from an https page.'
    })
  }
  for (const ext of p.extensions) {
    out.push({ attribute: ext, text: `"${ext}" is not an attribute browsers know; ignored.` })
  }
  return out
}
