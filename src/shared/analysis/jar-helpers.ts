// Small pieces the jar needs: URL parts, the registrable site of a host, tough-cookie's SameSite context
// for what a request says about its origin, and tough-cookie's errors in plain words.
import { getPublicSuffix } from 'tough-cookie'
import type { ParsedSetCookie } from './cookies'
import type { SiteContext } from './jar'

export function contextOption(ctx: SiteContext): 'strict' | 'lax' | 'none' | undefined {
  if (ctx === 'same-site') return 'strict'
  if (ctx === 'cross-site-navigation') return 'lax'
  if (ctx === 'cross-site') return 'none'
  return undefined
}

export function hostAndPath(url: string): { host: string; path: string; secure: boolean } {
  try {
    const u = new URL(url)
    return {
      host: u.hostname.toLowerCase().replace(/^\[|\]$/g, ''),
      path: u.pathname || '/',
      secure: u.protocol === 'https:' || u.protocol === 'wss:'
    }
  } catch {
    return { host: '', path: '/', secure: false }
  }
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

export function translateError(message: string, p: ParsedSetCookie, url: string): string {
  const { host } = hostAndPath(url)
  if (/public suffix/i.test(message)) {
    return `Domain=${p.domain} is a public suffix (like .com), which no single site may set cookies for.`
  }
  if (/not in this host's domain/i.test(message)) {
    return `Domain=${p.domain} does not cover ${host}, the host that sent it, so the browser ignores it.`
  }
  if (/Secure but this is not a secure connection/i.test(message)) {
    return 'set with Secure, but this response came over plain http, so the browser ignores it.'
  }
  if (/__Secure prefix/i.test(message))
    return 'a __Secure- name needs the Secure attribute, which is missing.'
  if (/__Host prefix/i.test(message)) {
    return 'a __Host- name needs Secure, Path=/ and no Domain; this line breaks at least one of those.'
  }
  if (/SameSite but this is a cross-origin/i.test(message)) {
    return `SameSite=${p.sameSite === 'strict' ? 'Strict' : 'Lax'} cookies set by a request from another site are ignored.`
  }
  if (/HttpOnly/i.test(message)) return 'an HttpOnly cookie cannot be replaced from a script.'
  return `the browser would ignore it (${message}).`
}
