// What the jar remembers of its calls into tough-cookie, so a long capture asks it less: the cookies a
// lookup found while the store is unchanged, and the cookie a Set-Cookie line stored while the store still
// holds it. Both answer exactly what tough-cookie would (see each), never from a stale store.
import { pathMatch, type Cookie } from 'tough-cookie'
import type { SiteContext } from './jar-types'
import type { UrlFacts } from './jar-helpers'

/** Past this many distinct stored paths a lookup is not worth a key: tough-cookie is asked directly. */
const MAX_PATHS = 32
const MAX_KEPT = 1000

/**
 * tough-cookie's answers to lookups (getCookiesSync without expiry, sorted) since the store last changed.
 * Such an answer depends only on the stored cookies, the context, the URL's scheme and host (domain,
 * Secure and its trustworthy-origin rule) and, of its path, on which stored cookies' paths it path-matches:
 * the key is those, so /page/1 and /page/2 share one answer while the store holds only Path=/ cookies.
 * Expiry is the jar's own (checked per request on the cookies found), so time is no part of the key.
 */
export class Lookups {
  private version = -1
  private paths: string[] = []
  /** Answers by the URL's `where`, then by context and matched paths as one number (no key string). */
  private readonly found = new Map<string, Map<number, Cookie[]>>()
  private kept = 0
  /** Where the last lookup not found would be kept (`where` undefined: it is not to be kept). */
  private nextWhere: string | undefined
  private nextKey = 0

  /**
   * tough-cookie's answer to this lookup while the store is at `version` (holding `stored`), if kept;
   * otherwise undefined, and `keep` keeps the answer the caller gets next.
   */
  find(version: number, stored: () => Iterable<Cookie>, ctx: SiteContext, u: UrlFacts): Cookie[] | undefined {
    if (version !== this.version) {
      this.version = version
      this.found.clear()
      this.kept = 0
      const paths = new Set<string>()
      for (const c of stored()) if (typeof c.path === 'string') paths.add(c.path)
      this.paths = [...paths]
    }
    this.nextWhere = undefined
    if (!u.parsed || this.paths.length > MAX_PATHS) return undefined
    // Which stored paths the request's path matches, one bit each (at most 32: below 2^32).
    let matched = 0
    for (const p of this.paths) matched = matched * 2 + (pathMatch(u.path, p) ? 1 : 0)
    const key = CONTEXTS[ctx] * 2 ** 32 + matched
    const answer = this.found.get(u.where)?.get(key)
    if (answer === undefined) {
      this.nextWhere = u.where
      this.nextKey = key
    }
    return answer
  }

  /** Keeps tough-cookie's answer to the last lookup `find` did not have. */
  keep(cookies: Cookie[]): void {
    const where = this.nextWhere
    if (where === undefined || this.kept >= MAX_KEPT) return
    let byKey = this.found.get(where)
    if (!byKey) this.found.set(where, (byKey = new Map()))
    byKey.set(this.nextKey, cookies)
    this.kept++
    this.nextWhere = undefined
  }
}

const CONTEXTS: Record<SiteContext, number> = {
  unknown: 0,
  'same-site': 1,
  'cross-site-navigation': 2,
  'cross-site': 3
}

interface LastSet {
  ctx: SiteContext
  where: string
  /** The request path, which decided the cookie's path when the line gave none. */
  path: string
  cookie: Cookie
  /** The cookie's identity in the jar (domain, path, name). */
  key: string
}

/**
 * The cookie each Set-Cookie line last stored, and where. tough-cookie's setCookie reads the line, the
 * context (SameSite), the URL's scheme and host (Domain, Secure, prefixes) and, only for a cookie without
 * a Path, the URL's path; given the same, it stores the same cookie. When the store still holds the very
 * object it stored then (nothing replaced or removed it since), storing the line again would only replace
 * it with an equal one keeping its creation time and index (tough-cookie's update): the order cookies are
 * sent and listed in stays the same. So the jar can keep the object it holds instead of asking again.
 */
export class Resets {
  private readonly byLine = new Map<string, LastSet>()
  /** The line each identity was last stored from: only that line's memory can still apply. */
  private readonly lineOf = new Map<string, string>()

  /**
   * The stored cookie `line` would store again, received with `ctx` from `u` (`held` maps identities to
   * the objects stored), and its identity: remembered as it is.
   */
  find(
    line: string,
    ctx: SiteContext,
    u: UrlFacts,
    held: ReadonlyMap<string, Cookie>
  ): Readonly<{ cookie: Cookie; key: string }> | undefined {
    const last = this.byLine.get(line)
    if (!last || last.ctx !== ctx || last.where !== u.where || !u.parsed) return undefined
    if (last.cookie.pathIsDefault && last.path !== u.path) return undefined
    return held.get(last.key) === last.cookie ? last : undefined
  }

  remember(line: string, ctx: SiteContext, u: UrlFacts, cookie: Cookie, key: string): void {
    // The identity's cookie from another line is replaced: that line's memory is let go with it.
    const before = this.lineOf.get(key)
    if (before !== undefined && before !== line) this.byLine.delete(before)
    if (this.byLine.size >= 10_000) this.byLine.clear()
    this.byLine.set(line, { ctx, where: u.where, path: u.path, cookie, key })
    if (this.lineOf.size >= 10_000) this.lineOf.clear()
    this.lineOf.set(key, line)
  }
}
