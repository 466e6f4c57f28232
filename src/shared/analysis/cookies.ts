// Cookie and Set-Cookie header views: parsed with tough-cookie (so the semantics match what browsers do),
// then described in plain words for people reading a capture. Pure: no node, electron or react imports.
import { Cookie, parseDate } from 'tough-cookie'
import { explain, say, type Explanation } from './explain'
import { enDuration } from '../i18n/format'

export { formatCookieHeader, parseCookieHeader, type SentCookie } from '../http'

export type SameSite = 'strict' | 'lax' | 'none'

/** One Set-Cookie line, every attribute read out, with a sentence per attribute. */
export interface ParsedSetCookie {
  /** The header value exactly as it was on the wire. */
  line: string
  /** False when no cookie could be read from the line at all (see `error`). */
  ok: boolean
  error?: string
  errorExplain?: Explanation
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
  /** The English sentence (kept for `inspect --json` readers); `explain` is what the UI renders. */
  text: string
  explain: Explanation
}

/** The cookie-date algorithm of RFC 6265 section 5.1.1 (via tough-cookie). */
export function parseCookieDate(text: string): Date | undefined {
  return parseDate(text) ?? undefined
}

/** "2 minutes", "1 year", "less than a second" (English, for the JSON report's `lifetime`). */
export const humanDuration = enDuration

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
      error: say('en', UNREADABLE),
      errorExplain: UNREADABLE,
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

/**
 * Lines whose reading does not depend on the time (no Expires or Max-Age): a capture repeats the same
 * Set-Cookie line many times, so the jar reads each once. The results are shared: treat them as immutable.
 */
const sharedLines = new Map<string, ParsedSetCookie>()
const TIMED = /expires|max-age/i

/** `parseSetCookie`, with one shared (immutable) result per line whose reading does not depend on `now`. */
export function parseSetCookieShared(line: string, now?: number): ParsedSetCookie {
  if (TIMED.test(line)) return parseSetCookie(line, now)
  return shared(sharedLines, line, () => parseSetCookie(line, now))
}

/** The value kept under `key`, made once (a bounded cache: emptied when it reaches 10,000). */
function shared<K, V>(cache: Map<K, V>, key: K, make: () => V): V {
  let value = cache.get(key)
  if (value === undefined) {
    value = make()
    if (cache.size >= 10_000) cache.clear()
    cache.set(key, value)
  }
  return value
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

const UNREADABLE = explain('setCookie.unreadable')

const item = (attribute: string, e: Explanation): AttributeExplanation => ({
  attribute,
  text: say('en', e),
  explain: e
})

function lifetimeSentence(p: ParsedSetCookie, now: number | undefined): AttributeExplanation[] {
  const out: AttributeExplanation[] = []
  if (p.maxAge !== undefined) {
    if (p.maxAge <= 0) out.push(item('Max-Age', explain('attr.maxAge.delete', { value: p.maxAge })))
    else {
      const at = now !== undefined ? now + p.maxAge * 1000 : undefined
      out.push(item('Max-Age', explain('attr.maxAge', { ms: p.maxAge * 1000, at, value: p.maxAge })))
    }
    if (p.expires) out.push(item('Expires', explain('attr.expires.ignored')))
    return out
  }
  if (p.expires) {
    const t = Date.parse(p.expires)
    if (!Number.isFinite(t))
      out.push(item('Expires', explain('attr.expires.unreadable', { value: p.expires })))
    else if (now !== undefined && t <= now) out.push(item('Expires', explain('attr.expires.past', { at: t })))
    else {
      const inMs = now !== undefined ? t - now : undefined
      out.push(item('Expires', explain('attr.expires', { at: t, in: inMs })))
    }
    return out
  }
  out.push(item('lifetime', explain('attr.session')))
  return out
}

function sameSiteItem(p: ParsedSetCookie): AttributeExplanation {
  if (p.sameSite === 'strict') return item('SameSite', explain('attr.sameSite.strict'))
  if (p.sameSite === 'lax') return item('SameSite', explain('attr.sameSite.lax'))
  if (p.sameSite === 'none') return item('SameSite', explain('attr.sameSite.none', { secure: p.secure }))
  if (p.sameSiteUnknown)
    return item('SameSite', explain('attr.sameSite.unknown', { value: p.sameSiteUnknown }))
  return item('SameSite', explain('attr.sameSite.absent'))
}

/**
 * Explanations of lines without Expires or Max-Age depend only on their attributes, which few distinct
 * combinations cover: one shared (immutable) list per combination.
 */
const sharedExplanations = new Map<string, AttributeExplanation[]>()

/** Every attribute of a parsed Set-Cookie, as codes (with the English sentence beside each). */
export function explainSetCookie(p: ParsedSetCookie, now?: number): AttributeExplanation[] {
  if (!p.ok) return []
  if (p.maxAge !== undefined || p.expires !== undefined) return explainAttributes(p, now)
  const k = JSON.stringify([
    p.domain,
    p.path,
    p.secure,
    p.httpOnly,
    p.sameSite,
    p.sameSiteUnknown,
    p.partitioned,
    p.prefix,
    p.extensions
  ])
  return shared(sharedExplanations, k, () => explainAttributes(p, now))
}

function explainAttributes(p: ParsedSetCookie, now: number | undefined): AttributeExplanation[] {
  const out: AttributeExplanation[] = lifetimeSentence(p, now)
  out.push(
    p.domain
      ? item('Domain', explain('attr.domain', { domain: p.domain }))
      : item('Domain', explain('attr.hostOnly'))
  )
  out.push(
    p.path ? item('Path', explain('attr.path', { path: p.path })) : item('Path', explain('attr.pathDefault'))
  )
  if (p.secure) out.push(item('Secure', explain('attr.secure')))
  out.push(item('HttpOnly', explain(p.httpOnly ? 'attr.httpOnly' : 'attr.notHttpOnly')))
  out.push(sameSiteItem(p))
  if (p.partitioned) out.push(item('Partitioned', explain('attr.partitioned')))
  if (p.prefix === '__Host-') out.push(item('__Host-', explain('attr.prefix.host')))
  else if (p.prefix === '__Secure-') out.push(item('__Secure-', explain('attr.prefix.secure')))
  for (const ext of p.extensions) out.push(item(ext, explain('attr.unknown', { name: ext })))
  return out
}
