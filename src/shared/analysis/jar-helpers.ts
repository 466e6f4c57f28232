// Small pieces the jar needs: URL parts, the registrable site of a host, tough-cookie's SameSite context
// for what a request says about its origin, and tough-cookie's errors in plain words.
import { getPublicSuffix } from 'tough-cookie'
import { urlParts } from '../http'
import type { ParsedSetCookie } from './cookies'
import { explain, type Explanation } from './explain'
import type { SiteContext } from './jar-types'

export function contextOption(ctx: SiteContext): 'strict' | 'lax' | 'none' | undefined {
  if (ctx === 'same-site') return 'strict'
  if (ctx === 'cross-site-navigation') return 'lax'
  if (ctx === 'cross-site') return 'none'
  return undefined
}

export function hostAndPath(url: string): { host: string; path: string; secure: boolean } {
  const u = urlParts(url)
  return u.scheme
    ? { host: u.hostname, path: u.pathname, secure: u.secure }
    : { host: '', path: '/', secure: false }
}

/** The registrable domain ("site") of a host: a.test for www.a.test; the host itself when unknown. */
export function siteOf(host: string): string {
  const h = host.replace(/^\./, '')
  let site = sites.get(h)
  if (site === undefined) {
    site = getPublicSuffix(h, { allowSpecialUseDomain: true, ignoreError: true }) ?? h
    if (sites.size > 10_000) sites.clear()
    sites.set(h, site)
  }
  return site
}

/** Public-suffix lookups are costly and a capture names few hosts. */
const sites = new Map<string, string>()

/** A request's URL as the jar reads it: what tough-cookie's matching and storing depend on. */
export interface UrlFacts {
  /** The URL as written. */
  href: string
  /** Whether it parses: tough-cookie is handed the string of one that does not, to say what is wrong. */
  parsed: boolean
  /** The host name ('' when the URL does not parse). */
  host: string
  /** `protocol//hostname`: what decides, with the path, which stored cookies match ('' when unparsed). */
  where: string
  /** The path as tough-cookie matches it (percent-decoded, '/' when empty). */
  path: string
}

/**
 * The facts of a URL, read once: the last few are kept (an entry's request and response ask for the same
 * URL). Shared: treat them as immutable.
 */
export function urlFacts(url: string): UrlFacts {
  let facts = urls.get(url)
  if (facts === undefined) {
    facts = simpleFacts(url) ?? parsedFacts(url)
    if (urls.size >= 256) urls.clear()
    urls.set(url, facts)
  }
  return facts
}

const urls = new Map<string, UrlFacts>()

/** The URL for tough-cookie: parsed once per URL (only when tough-cookie is asked), or the string. */
export function toughUrl(u: UrlFacts): URL | string {
  if (!u.parsed) return u.href
  let parsed = objects.get(u)
  if (parsed === undefined) objects.set(u, (parsed = new URL(u.href)))
  return parsed
}

const objects = new WeakMap<UrlFacts, URL>()

/** The facts as the URL parser gives them. */
export function parsedFacts(url: string): UrlFacts {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return { href: url, parsed: false, host: '', where: '', path: '/' }
  }
  // As tough-cookie's getCookieContext reads it.
  let path = u.pathname
  try {
    path = decodeURI(path)
  } catch {
    // Kept as written, as tough-cookie does.
  }
  return {
    href: url,
    parsed: true,
    host: u.hostname,
    where: `${u.protocol}//${u.hostname}`,
    path: path || '/'
  }
}

/**
 * A URL the parser gives back unchanged in scheme, host and path: lower-case http(s) or ws(s); a lower-case
 * DNS name (no IDNA label, its last label starting with a letter, so no IPv4 address in any notation); a
 * port the parser accepts; a path only of characters it keeps as they are, with no percent escape (nothing
 * to decode) and no dot segment; no space or control before its query (the parser strips those). Most
 * captured URLs are such.
 */
const SIMPLE =
  /^(https?|wss?):\/\/((?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*)(?::(\d{1,5}))?(\/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*)?(?:[?#][\s\S]*)?$/
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/

/** The facts of a simple URL (see SIMPLE) read off the string; undefined for any other. */
export function simpleFacts(url: string): UrlFacts | undefined {
  const m = SIMPLE.exec(url)
  if (!m) return undefined
  const [, scheme, host, port, path] = m as unknown as [string, string, string, string?, string?]
  if (host.includes('xn--') || (port !== undefined && Number(port) > 65535)) return undefined
  if (path !== undefined && DOT_SEGMENT.test(path)) return undefined
  return { href: url, parsed: true, host, where: `${scheme}://${host}`, path: path || '/' }
}

export function translateError(message: string, p: ParsedSetCookie, url: string): Explanation {
  const { host } = hostAndPath(url)
  if (/public suffix/i.test(message)) return explain('reject.publicSuffix', { domain: p.domain })
  if (/not in this host's domain/i.test(message))
    return explain('reject.foreignDomain', { domain: p.domain, host })
  if (/Secure but this is not a secure connection/i.test(message)) return explain('reject.secureOverHttp')
  if (/__Secure prefix/i.test(message)) return explain('reject.securePrefix')
  if (/__Host prefix/i.test(message)) return explain('reject.hostPrefix')
  if (/SameSite but this is a cross-origin/i.test(message)) {
    return explain('reject.sameSiteCrossOrigin', { sameSite: p.sameSite ?? 'lax' })
  }
  if (/HttpOnly/i.test(message)) return explain('reject.httpOnly')
  return explain('reject.other', { message })
}
