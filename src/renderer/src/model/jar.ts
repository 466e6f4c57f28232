// A browser-like cookie jar replayed over the capture in order (RFC 6265 storage and matching,
// simplified: no public-suffix list), to show the jar at an exchange, what changed there, and
// which cookies the request should have carried against the ones it did.
import type { CapturedExchange } from '../../../shared/model'
import { cookieExpiry, parseCookieHeader, parseSetCookie, type CookiePair } from './cookies'
import { headerValue, headerValues } from './headers'

export interface JarCookie {
  name: string
  value: string
  domain: string
  hostOnly: boolean
  path: string
  secure: boolean
  httpOnly: boolean
  sameSite?: string
  /** Epoch ms, or 'session' for a cookie that lives until the browser closes. */
  expiresAt: number | 'session'
  /** The exchange whose response set it. */
  setBy: string
}

export type JarChange = { kind: 'added' | 'changed' | 'removed'; cookie: JarCookie }

export type NotSentReason =
  | { kind: 'path'; path: string; cookiePath: string }
  | { kind: 'domain'; host: string; domain: string }
  | { kind: 'secure' }
  | { kind: 'expired' }

export interface ExpectedCookie {
  cookie: JarCookie
  sent: boolean
  /** Why a cookie the jar holds was not (and should not be) sent. */
  reason?: NotSentReason
}

export interface JarAtExchange {
  /** The jar when the request left. */
  before: JarCookie[]
  /** The jar after the response's Set-Cookie lines. */
  after: JarCookie[]
  changes: JarChange[]
  /** Cookies for this host in the jar: whether each was sent, or why not. */
  expected: ExpectedCookie[]
  /** Cookies the request carried that the jar did not hold. */
  unexpected: CookiePair[]
}

const keyOf = (c: { domain: string; path: string; name: string }): string => `${c.domain};${c.path};${c.name}`

function requestUrl(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}

function defaultPath(pathname: string): string {
  const i = pathname.lastIndexOf('/')
  return i <= 0 ? '/' : pathname.slice(0, i)
}

export function domainMatches(host: string, cookie: Pick<JarCookie, 'domain' | 'hostOnly'>): boolean {
  if (cookie.hostOnly) return host === cookie.domain
  return host === cookie.domain || host.endsWith(`.${cookie.domain}`)
}

export function pathMatches(path: string, cookiePath: string): boolean {
  if (path === cookiePath) return true
  if (!path.startsWith(cookiePath)) return false
  return cookiePath.endsWith('/') || path[cookiePath.length] === '/'
}

function whyNotSent(c: JarCookie, url: URL, at: number): NotSentReason | undefined {
  const host = url.hostname.toLowerCase()
  if (c.expiresAt !== 'session' && c.expiresAt <= at) return { kind: 'expired' }
  if (!domainMatches(host, c)) return { kind: 'domain', host, domain: c.domain }
  if (!pathMatches(url.pathname, c.path)) return { kind: 'path', path: url.pathname, cookiePath: c.path }
  if (c.secure && url.protocol !== 'https:') return { kind: 'secure' }
  return undefined
}

/** Applies one response's Set-Cookie lines to the jar (a new Map); returns what changed. */
export function applySetCookies(jar: Map<string, JarCookie>, exchange: CapturedExchange): JarChange[] {
  const url = requestUrl(exchange.url)
  if (!url) return []
  const at = exchange.startedAt + (exchange.timings.responseHeaders ?? 0)
  const changes: JarChange[] = []
  for (const raw of headerValues(exchange.responseHeaders, 'set-cookie')) {
    const parsed = parseSetCookie(raw)
    if (!parsed || !parsed.name) continue
    const host = url.hostname.toLowerCase()
    const domain = parsed.domain ?? host
    if (parsed.domain && !domainMatches(host, { domain, hostOnly: false })) continue
    if (parsed.secure && url.protocol !== 'https:' && host !== 'localhost') continue
    const cookie: JarCookie = {
      name: parsed.name,
      value: parsed.value,
      domain,
      hostOnly: parsed.domain === undefined,
      path: parsed.path?.startsWith('/') ? parsed.path : defaultPath(url.pathname),
      secure: parsed.secure,
      httpOnly: parsed.httpOnly,
      sameSite: parsed.sameSite,
      expiresAt: 'session',
      setBy: exchange.id
    }
    const expiry = cookieExpiry(parsed, at)
    const key = keyOf(cookie)
    const old = jar.get(key)
    if (expiry === 'deleted') {
      if (old) {
        jar.delete(key)
        changes.push({ kind: 'removed', cookie: old })
      }
      continue
    }
    cookie.expiresAt = expiry
    jar.set(key, cookie)
    changes.push({ kind: old ? 'changed' : 'added', cookie })
  }
  return changes
}

/** Replays Set-Cookie lines over `ordered` up to and including the exchange with id `targetId`. */
export function jarAtExchange(ordered: CapturedExchange[], targetId: string): JarAtExchange | undefined {
  const jar = new Map<string, JarCookie>()
  for (const exchange of ordered) {
    if (exchange.id !== targetId) {
      applySetCookies(jar, exchange)
      continue
    }
    const url = requestUrl(exchange.url)
    const sentPairs = parseCookieHeader(headerValue(exchange.requestHeaders, 'cookie'))
    const before = [...jar.values()]
    const expected: ExpectedCookie[] = []
    const matched = new Set<string>()
    if (url) {
      for (const cookie of before) {
        const reason = whyNotSent(cookie, url, exchange.startedAt)
        if (reason?.kind === 'domain') continue
        const sent = sentPairs.some((p) => p.name === cookie.name && p.value === cookie.value)
        if (sent) matched.add(`${cookie.name}=${cookie.value}`)
        expected.push(reason ? { cookie, sent, reason } : { cookie, sent })
      }
    }
    const unexpected = sentPairs.filter((p) => !matched.has(`${p.name}=${p.value}`))
    const changes = applySetCookies(jar, exchange)
    return { before, after: [...jar.values()], changes, expected, unexpected }
  }
  return undefined
}
