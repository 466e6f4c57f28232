// What the jar says, as data: a cookie as it held it, what it did with a Set-Cookie line, a cookie it let
// go, and the site context of a request.
import type { ParsedSetCookie, SameSite } from './cookies'
import type { Explanation } from './explain'

/** Where a request came from, as far as the capture says. */
export type SiteContext = 'same-site' | 'cross-site-navigation' | 'cross-site' | 'unknown'

/** A cookie as the jar holds it at one moment. */
export interface JarCookie {
  name: string
  value: string
  domain: string
  path: string
  hostOnly: boolean
  secure: boolean
  httpOnly: boolean
  sameSite?: SameSite
  /** Epoch ms, or null for a session cookie. */
  expiresAt: number | null
  /** The entry whose response set it; null when it was already in the browser (adopted from a request). */
  setBy: number | null
  adopted: boolean
}

/** What the jar did with one Set-Cookie line. */
export interface SetCookieResult {
  parsed: ParsedSetCookie
  accepted: boolean
  /** Why it was rejected, in English (kept for `inspect --json` readers); `explain` is the code. */
  reason?: string
  explain?: Explanation
  /** Accepted, but it deletes the cookie (Max-Age<=0 or Expires in the past). */
  cleared: boolean
  cookie?: JarCookie
  /** The value it replaced or deleted, if the jar held one. */
  previousValue?: string
}

/** A cookie removed from the jar: deleted by a response, or found expired at a request. */
export interface GoneCookie extends JarCookie {
  at: number
  /** Entry whose response deleted it, or whose request found it expired. */
  index: number
  how: 'cleared' | 'expired'
}
