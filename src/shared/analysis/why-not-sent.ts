// Why a cookie the browser sent was not one the jar expected: the jar's cookie of that name on another
// path, host or scheme, held back by SameSite, or the last time it was deleted, expired or refused.
import { domainMatch, pathMatch } from 'tough-cookie'
import { explain, type Explanation } from './explain'
import type { GoneCookie, JarCookie, SiteContext } from './jar-types'
import { hostAndPath } from './jar-helpers'

/** A Set-Cookie line the jar refused: the cookie's name, the host that sent it, the entry, and why. */
export interface Refusal {
  name: string
  host: string
  index: number
  reason: Explanation
}

/** Why `name` was not expected at `url` at `now`, from the live cookies and the jar's history. */
export function whyNotSent(
  live: readonly JarCookie[],
  gone: Iterable<GoneCookie>,
  rejected: readonly Refusal[],
  name: string,
  url: string,
  now: number,
  ctx: SiteContext
): Explanation {
  const { host, path, secure } = hostAndPath(url)
  const holders = live.filter((c) => c.name === name)
  const domainOk = (c: JarCookie): boolean =>
    c.hostOnly ? c.domain === host : domainMatch(host, c.domain, false) === true
  for (const c of holders.filter(domainOk)) {
    if (!pathMatch(path, c.path)) return explain('unexpected.path', { path: c.path, requestPath: path })
    if (c.secure && !secure) return explain('unexpected.secure')
    if (c.sameSite && c.sameSite !== 'none' && (ctx === 'cross-site' || ctx === 'cross-site-navigation')) {
      return explain('unexpected.sameSite', { sameSite: c.sameSite })
    }
  }
  const other = holders.find((c) => !domainOk(c))
  if (other) {
    return explain(other.hostOnly ? 'unexpected.hostOnly' : 'unexpected.domain', {
      domain: other.domain,
      host
    })
  }
  const events: { index: number; why: Explanation }[] = []
  for (const g of gone) {
    if (g.name !== name || !domainOk(g) || !pathMatch(path, g.path)) continue
    events.push({
      index: g.index,
      why:
        g.how === 'cleared'
          ? explain('unexpected.cleared', { entry: g.index })
          : explain('unexpected.expired', { ago: now - g.at, at: g.at })
    })
  }
  for (const r of rejected) {
    if (r.name === name && (r.host === host || domainMatch(host, r.host, false))) {
      events.push({
        index: r.index,
        why: explain('unexpected.rejected', { entry: r.index, reason: r.reason })
      })
    }
  }
  events.sort((a, b) => b.index - a.index)
  return events[0]?.why ?? explain('unexpected.unknown')
}
