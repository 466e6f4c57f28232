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

/** A URL without its query and fragment: all a cookie lookup reads of it (scheme, host, path). */
export function beforeQuery(url: string): string {
  const q = url.indexOf('?')
  const h = url.indexOf('#')
  const end = q < 0 ? h : h < 0 ? q : Math.min(q, h)
  return end < 0 ? url : url.slice(0, end)
}

/**
 * The URL as an object: tough-cookie reads its scheme, host and path exactly as from the string, without
 * parsing it again in every call (it parsed a string twice per lookup). One that does not parse stays a
 * string, so tough-cookie says what is wrong with it as before. The last few are kept (an entry's request
 * and response ask for the same URL).
 */
export function parsedUrl(url: string): URL | string {
  let parsed = urls.get(url)
  if (parsed === undefined) {
    try {
      parsed = new URL(url)
    } catch {
      parsed = url
    }
    if (urls.size >= 256) urls.clear()
    urls.set(url, parsed)
  }
  return parsed
}

const urls = new Map<string, URL | string>()

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
