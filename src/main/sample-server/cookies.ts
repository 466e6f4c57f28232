// Reading the Cookie header and writing Set-Cookie lines. A cookie is a small name=value pair
// the server sends in Set-Cookie and the browser sends back in Cookie on later requests; the
// attributes after the pair (Path, Max-Age, HttpOnly, SameSite, Secure) tell the browser how
// long to keep it and when to send it, and never come back to the server.

import { parseCookieHeader as cookiePairs } from '../../shared/http'

export interface CookieOptions {
  path?: string
  /** Seconds to keep it; 0 tells the browser to delete it now. Without it, it lasts until the browser closes. */
  maxAge?: number
  /** Not readable from page JavaScript (document.cookie), so an injected script cannot steal it. */
  httpOnly?: boolean
  /** Whether it is sent on requests started by other sites. */
  sameSite?: 'Strict' | 'Lax' | 'None'
  /** Only sent (and, in modern browsers, only accepted) over https. */
  secure?: boolean
}

/** Formats one Set-Cookie value. The value must already be cookie-safe (see encodeCookieValue). */
export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) throw new TypeError(`Invalid cookie name: ${name}`)
  if (!/^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/.test(value)) {
    throw new TypeError(`Invalid cookie value for ${name}; encode it first.`)
  }
  const parts = [`${name}=${value}`]
  if (options.path) parts.push(`Path=${options.path}`)
  if (options.maxAge !== undefined) {
    const seconds = Math.max(0, Math.floor(options.maxAge))
    parts.push(`Max-Age=${seconds}`)
    // Expires as well, for clients that predate Max-Age; Max-Age wins where both are understood.
    parts.push(`Expires=${new Date(seconds === 0 ? 0 : Date.now() + seconds * 1000).toUTCString()}`)
  }
  if (options.httpOnly) parts.push('HttpOnly')
  if (options.secure) parts.push('Secure')
  if (options.sameSite) parts.push(`SameSite=${options.sameSite}`)
  return parts.join('; ')
}

/** Percent-encodes a value so any text (spaces, semicolons, quotes) fits in a cookie. */
export function encodeCookieValue(value: string): string {
  return encodeURIComponent(value)
}

/** Undoes encodeCookieValue; a value that is not valid percent-encoding is returned as sent. */
export function decodeCookieValue(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/**
 * Parses a Cookie request header ("a=1; b=2") into pairs, in order. When a name repeats (two
 * cookies with different paths), browsers send the more specific one first, so the first wins.
 */
export function parseCookieHeader(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>()
  if (!header) return cookies
  for (const { name, value: raw } of cookiePairs(header)) {
    let value = raw
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1)
    if (name && !cookies.has(name)) cookies.set(name, value)
  }
  return cookies
}
