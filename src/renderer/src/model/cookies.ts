// Cookie views derived from headers: the Cookie header as name/value pairs, each Set-Cookie line
// with its attributes, and plain-words explanations of what each attribute does.
import type { Lang, MessageKey } from '../i18n'
import { relativeTime, t } from '../i18n'

export interface CookiePair {
  name: string
  value: string
}

export interface SetCookieAttribute {
  /** As written on the wire. */
  name: string
  value?: string
}

export interface ParsedSetCookie {
  name: string
  value: string
  attributes: SetCookieAttribute[]
  /** Lower-cased attribute name -> value (the last one wins, as in RFC 6265). */
  domain?: string
  path?: string
  expires?: number
  maxAge?: number
  secure: boolean
  httpOnly: boolean
  sameSite?: string
  partitioned: boolean
  raw: string
}

export function parseCookieHeader(value: string | undefined): CookiePair[] {
  if (!value) return []
  const pairs: CookiePair[] = []
  for (const part of value.split(';')) {
    const trimmed = part.trim()
    if (!trimmed) continue
    const eq = trimmed.indexOf('=')
    if (eq < 0) pairs.push({ name: '', value: trimmed })
    else pairs.push({ name: trimmed.slice(0, eq).trim(), value: trimmed.slice(eq + 1).trim() })
  }
  return pairs
}

export function parseSetCookie(raw: string): ParsedSetCookie | undefined {
  const [first = '', ...rest] = raw.split(';')
  const eq = first.indexOf('=')
  const name = eq < 0 ? '' : first.slice(0, eq).trim()
  const value = (eq < 0 ? first : first.slice(eq + 1)).trim()
  if (!name && !value) return undefined
  const cookie: ParsedSetCookie = {
    name,
    value,
    attributes: [],
    secure: false,
    httpOnly: false,
    partitioned: false,
    raw
  }
  for (const part of rest) {
    const trimmed = part.trim()
    if (!trimmed) continue
    const i = trimmed.indexOf('=')
    const attr: SetCookieAttribute =
      i < 0 ? { name: trimmed } : { name: trimmed.slice(0, i).trim(), value: trimmed.slice(i + 1).trim() }
    cookie.attributes.push(attr)
    const v = attr.value ?? ''
    switch (attr.name.toLowerCase()) {
      case 'domain':
        cookie.domain = v.replace(/^\./, '').toLowerCase()
        break
      case 'path':
        cookie.path = v
        break
      case 'expires': {
        const at = Date.parse(v)
        if (!Number.isNaN(at)) cookie.expires = at
        break
      }
      case 'max-age':
        if (/^-?\d+$/.test(v)) cookie.maxAge = Number(v)
        break
      case 'secure':
        cookie.secure = true
        break
      case 'httponly':
        cookie.httpOnly = true
        break
      case 'samesite':
        cookie.sameSite = v
        break
      case 'partitioned':
        cookie.partitioned = true
        break
    }
  }
  return cookie
}

/** When the cookie ends, given when it was received: a time, 'session', or 'deleted'. */
export function cookieExpiry(cookie: ParsedSetCookie, receivedAt: number): number | 'session' | 'deleted' {
  if (cookie.maxAge !== undefined) return cookie.maxAge <= 0 ? 'deleted' : receivedAt + cookie.maxAge * 1000
  if (cookie.expires !== undefined) return cookie.expires <= receivedAt ? 'deleted' : cookie.expires
  return 'session'
}

export interface AttributeExplanation {
  attribute: string
  text: string
}

const known = ['expires', 'max-age', 'domain', 'path', 'secure', 'httponly', 'samesite', 'partitioned']

/** Every attribute in plain words, plus what a missing Domain, lifetime or SameSite means. */
export function explainSetCookie(
  cookie: ParsedSetCookie,
  receivedAt: number,
  lang: Lang
): AttributeExplanation[] {
  const out: AttributeExplanation[] = []
  const say = (attribute: string, key: MessageKey, params: Record<string, string | number> = {}): void => {
    out.push({ attribute, text: t(lang, key, params) })
  }
  for (const attr of cookie.attributes) {
    const lower = attr.name.toLowerCase()
    const v = attr.value ?? ''
    if (lower === 'expires') {
      const at = Date.parse(v)
      if (Number.isNaN(at)) say(attr.name, 'attr.unknown', { name: `${attr.name}=${v}` })
      else if (at <= receivedAt) say('Expires', 'attr.Expires.past', { when: new Date(at).toUTCString() })
      else
        say('Expires', 'attr.Expires', {
          when: new Date(at).toUTCString(),
          rel: relativeTime(lang, at - receivedAt)
        })
    } else if (lower === 'max-age') {
      const s = Number(v)
      if (!/^-?\d+$/.test(v)) say(attr.name, 'attr.unknown', { name: `${attr.name}=${v}` })
      else if (s <= 0) say('Max-Age', 'attr.Max-Age.zero', { seconds: s })
      else
        say('Max-Age', 'attr.Max-Age', { seconds: s, rel: relativeTime(lang, s * 1000).replace(/^in /, '') })
    } else if (lower === 'domain') say('Domain', 'attr.Domain', { value: v })
    else if (lower === 'path') say('Path', 'attr.Path', { value: v })
    else if (lower === 'secure') say('Secure', 'attr.Secure')
    else if (lower === 'httponly') say('HttpOnly', 'attr.HttpOnly')
    else if (lower === 'samesite') {
      const mode = v.toLowerCase()
      const key =
        mode === 'strict'
          ? 'attr.SameSite.Strict'
          : mode === 'none'
            ? 'attr.SameSite.None'
            : 'attr.SameSite.Lax'
      say('SameSite', key)
    } else if (lower === 'partitioned') say('Partitioned', 'attr.Partitioned')
    else if (!known.includes(lower)) say(attr.name, 'attr.unknown', { name: attr.name })
  }
  if (cookie.maxAge === undefined && cookie.expires === undefined) say('—', 'attr.session')
  if (cookie.domain === undefined) say('—', 'attr.hostOnly')
  if (cookie.sameSite === undefined) say('—', 'attr.SameSite.default')
  return out
}
