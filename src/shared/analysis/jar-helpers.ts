// Small pieces the jar needs: URL parts, the registrable site of a host, tough-cookie's SameSite context
// for what a request says about its origin, and tough-cookie's errors in plain words.
import { getPublicSuffix } from 'tough-cookie'
import { urlParts } from '../http'
import type { ParsedSetCookie } from './cookies'
import { explain, type Explanation } from './explain'
import type { SiteContext } from './jar'

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

/** A request's URL as tough-cookie reads it, and the parts its cookie matching depends on. */
export interface UrlFacts {
  /**
   * The URL as an object: tough-cookie reads its scheme, host and path exactly as from the string, without
   * parsing it again in every call. One that does not parse stays a string, so tough-cookie says what is
   * wrong with it as before.
   */
  url: URL | string
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
    facts = readFacts(url)
    if (urls.size >= 256) urls.clear()
    urls.set(url, facts)
  }
  return facts
}

const urls = new Map<string, UrlFacts>()

function readFacts(url: string): UrlFacts {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return { url, host: '', where: '', path: '/' }
  }
  // As tough-cookie's getCookieContext reads it.
  let path = u.pathname
  try {
    path = decodeURI(path)
  } catch {
    // Kept as written, as tough-cookie does.
  }
  return { url: u, host: u.hostname, where: `${u.protocol}//${u.hostname}`, path: path || '/' }
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
