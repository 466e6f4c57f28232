// Why a request's Cookie header differed from what the jar would have sent: each cookie withheld, sent
// with another value, or sent unexpectedly, with a reason (a code and its English sentence).
import type { CapturedExchange } from '../model'
import { headerValue, type SentCookie } from '../http'
import { explain, say, type Explanation } from './explain'
import type { BrowserJar, JarCookie, SiteContext } from './jar'
import type { CookieDifference } from './replay'

/** Whether the cookies sent are exactly the ones expected, in the same order (nothing to explain). */
export function sameCookies(expected: readonly JarCookie[], sent: readonly SentCookie[]): boolean {
  if (expected.length !== sent.length) return false
  for (let i = 0; i < sent.length; i++) {
    const e = expected[i] as JarCookie
    const s = sent[i] as SentCookie
    if (e.name !== s.name || e.value !== s.value) return false
  }
  return true
}

/**
 * A browser builds a request's Cookie header when it starts the request, and runs requests in parallel: a
 * request started while another response was still arriving can go out without the cookie that response
 * set (or with its old value). A request started after that response had ended is no race.
 */
const withheldWords = new Map<string, { reason: string; explain: Explanation }>()

function worded(key: string, make: () => Explanation): { reason: string; explain: Explanation } {
  let w = withheldWords.get(key)
  if (!w) {
    const e = make()
    w = { reason: say('en', e), explain: e }
    if (withheldWords.size > 5000) withheldWords.clear()
    withheldWords.set(key, w)
  }
  return w
}

function withheldWhy(
  c: JarCookie,
  ctx: SiteContext,
  carriedNone: boolean,
  otherClient: boolean
): { reason: string; explain: Explanation } {
  const entry = c.setBy
  if (ctx === 'unknown' && (c.sameSite === 'strict' || c.sameSite === 'lax')) {
    return worded(`ss|${entry}|${c.sameSite}`, () =>
      explain('withheld.sameSiteUnknown', { entry, sameSite: c.sameSite })
    )
  }
  const code = !carriedNone
    ? 'withheld.credentials'
    : otherClient
      ? 'withheld.otherClient'
      : 'withheld.clearedJar'
  return worded(`${code}|${entry}`, () => explain(code, { entry }))
}

function difference(cookie: string, kind: CookieDifference['kind'], e: Explanation): CookieDifference {
  return { cookie, kind, reason: say('en', e), explain: e }
}

/** What the replay knows beyond the request itself. */
export interface DifferenceContext {
  jar: BrowserJar
  /** How long after the setting response reached the jar this request started, if that was a race. */
  raced: (c: JarCookie, at: number) => number | undefined
  /** The User-Agent of entry `i`'s request. */
  agentOf: (i: number | null) => string | undefined
}

/** Every difference between the cookies expected (`send`) and those `x` sent, at `at`, as entry `index`. */
export function cookieDifferences(
  d: DifferenceContext,
  at: number,
  x: CapturedExchange,
  ctx: SiteContext,
  sent: readonly SentCookie[],
  send: readonly JarCookie[]
): CookieDifference[] {
  const { jar } = d
  const url = x.url
  const differences: CookieDifference[] = []
  const sentNames = new Set(sent.map((s) => s.name))
  const carriedNone = send.every((c) => !sentNames.has(c.name))
  const agent = headerValue(x.requestHeaders, 'user-agent')
  // Sent pairs by name, each taken at most once, so long Cookie headers stay linear.
  const byName = new Map<string, SentCookie[]>()
  for (const s of sent) {
    const list = byName.get(s.name)
    if (list) list.push(s)
    else byName.set(s.name, [s])
  }
  const take = (name: string, value?: string): SentCookie | undefined => {
    const list = byName.get(name)
    const i = list ? list.findIndex((s) => value === undefined || s.value === value) : -1
    return list && i >= 0 ? list.splice(i, 1)[0] : undefined
  }
  for (const c of send) {
    if (take(c.name, c.value)) continue
    const other = take(c.name)
    const race = d.raced(c, at)
    if (other) {
      const e =
        race !== undefined
          ? explain('race.value', { entry: c.setBy, ms: Math.max(0, Math.round(race)), old: other.value })
          : explain('value.changed', { sent: other.value, held: c.value, entry: c.setBy })
      differences.push(difference(c.name, 'value', e))
      // A cookie no response set is the page's own: follow the value the browser now evidently holds.
      if (c.adopted) jar.adopt(c.name, other.value, url, at)
    } else if (race !== undefined) {
      const e = explain('race.withheld', { entry: c.setBy, ms: Math.max(0, Math.round(race)) })
      differences.push(difference(c.name, 'withheld', e))
    } else {
      const setterAgent = d.agentOf(c.setBy)
      const otherClient = agent !== undefined && setterAgent !== undefined && agent !== setterAgent
      const w = withheldWhy(c, ctx, carriedNone, otherClient)
      differences.push({ cookie: c.name, kind: 'withheld', ...w })
    }
  }
  for (const s of [...byName.values()].flat()) {
    differences.push(difference(s.name, 'unexpected', jar.whyNotSent(s.name, url, at, ctx)))
  }
  return differences
}
