// Replays a capture's exchanges in time order through a browser cookie jar: each request at its own start
// time, each response's Set-Cookie lines when its headers arrived. For every request it records the Cookie
// header a browser would have sent, the one really sent, and a reason (a code) for every difference.
import type { CapturedExchange } from '../model'
import { formatCookieHeader, headerValue } from '../http'
import type { SentCookie } from '../http'
import { cookieDifferences, sameCookies, type DifferenceContext } from './differences'
import { explain, type Explanation } from './explain'
import { BrowserJar, type GoneCookie, type JarCookie, type SetCookieResult, type SiteContext } from './jar'
import { siteContext, topLevelSites, type PageInfo } from './site-context'
import {
  cookieSplitOf,
  emptyList,
  exchangeTimes,
  holderOf,
  hostOf,
  isoTime,
  responseSetCookies,
  sentHeader
} from './replay-parts'

export interface CookieDifference {
  cookie: string
  /** withheld: expected but not sent; unexpected: sent but not expected; value: sent with another value. */
  kind: 'withheld' | 'unexpected' | 'value'
  /** English, for `inspect --json` readers; `explain` is the code the UI renders in its language. */
  reason: string
  explain: Explanation
}

export interface RequestCookies {
  index: number
  expectedCookie: string
  sentCookie: string
  differences: CookieDifference[]
  /** The same cookies were sent as expected, but not in RFC 6265 order (longer paths, then older, first). */
  orderDiffers: boolean
  method: string
  url: string
  /** ISO 8601 in UTC. */
  startedDateTime: string
  siteContext: SiteContext
  /** The top-level site the request was made from, when the capture says (its page). */
  topLevelSite?: string
  sent: SentCookie[]
  /** The jar cookies behind `expectedCookie`, in order. */
  expected: JarCookie[]
  /** Cookies first seen in this request, taken to be in the browser before the capture began. */
  adopted: string[]
  /** Cookies that would have matched this request but had expired by its time. */
  expired: GoneCookie[]
  /** HTTP/2 let the request split its Cookie header into several fields, read here as one (`request.cookieSplit`). */
  cookieSplit?: Explanation
  /** What the jar did with each Set-Cookie line of this entry's response. */
  setCookies: SetCookieResult[]
  /** The jar as it stood after this entry's response. */
  jarAfter: JarCookie[]
}

export type ReplayEvent =
  /** The request sent its cookies (`row.sent`; each one's domain is `sentDomain(row, cookie)`). */
  | { type: 'send'; index: number; at: number; row: RequestCookies }
  | { type: 'set'; index: number; at: number; cookie: JarCookie; previousValue?: string }
  | { type: 'clear'; index: number; at: number; cookie: JarCookie; previousValue?: string }
  | { type: 'expire'; index: number; at: number; cookie: GoneCookie }

export interface RejectedSetCookie {
  index: number
  line: string
  cookie: string
  reason: string
  explain: Explanation
}

export interface CookieReplay {
  requests: RequestCookies[]
  events: ReplayEvent[]
  rejected: RejectedSetCookie[]
}

export function replayCookies(
  exchanges: readonly CapturedExchange[],
  pages: readonly PageInfo[] = []
): CookieReplay {
  const tops = topLevelSites(exchanges, pages)
  const jar = new BrowserJar()
  let lastJar: JarCookie[] = NO_COOKIES
  let lastVersion = -1
  const events: ReplayEvent[] = []
  const rejected: RejectedSetCookie[] = []
  const requests: RequestCookies[] = new Array(exchanges.length)
  // Numbers in typed arrays, not an object per entry or step: they live through the whole replay, and
  // on a long capture every object that does is copied by the young-generation collector.
  const n = exchanges.length
  /** Each entry's request (step 2i) and response (step 2i + 1) times, and its response's last byte. */
  const stepAt = new Float64Array(2 * n)
  const ends = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const t = exchangeTimes(exchanges[i] as CapturedExchange)
    stepAt[2 * i] = t.request
    stepAt[2 * i + 1] = Math.max(t.response, t.request)
    ends[i] = t.end
  }
  /** When each entry's response reached the jar (NaN: not yet), to recognise requests built meanwhile. */
  const responseAt = new Float64Array(n).fill(NaN)
  const raced = (c: JarCookie, at: number): number | undefined => {
    if (c.setBy === null || !(c.setBy >= 0 && c.setBy < n)) return undefined
    const t = responseAt[c.setBy] as number
    return !Number.isNaN(t) && at < (ends[c.setBy] as number) ? at - t : undefined
  }
  const agentOf = (i: number | null): string | undefined =>
    i === null ? undefined : headerValue(exchanges[i]?.requestHeaders, 'user-agent')
  // Steps in time order, then by entry, request before response. A capture is mostly in that order
  // already (each request answered before the next starts): sorted only when it is not.
  const byTime = (a: number, b: number): number => (stepAt[a] as number) - (stepAt[b] as number) || a - b
  let order: Uint32Array | undefined
  for (let id = 1; id < 2 * n; id++) {
    if (byTime(id - 1, id) > 0) {
      order = new Uint32Array(2 * n).map((_, i) => i).sort(byTime)
      break
    }
  }
  const diff: DifferenceContext = { jar, raced, agentOf }

  // An entry's site context is the same at its request and at its response: worked out once.
  const contexts: (SiteContext | undefined)[] = new Array(n)
  for (let k = 0; k < 2 * n; k++) {
    const id = order ? (order[k] as number) : k
    const index = id >> 1
    const at = stepAt[id] as number
    const x = exchanges[index] as CapturedExchange
    const top = x.pageRef ? tops.get(x.pageRef) : undefined
    const ctx = (contexts[index] ??= siteContext(x, top))
    const url = x.url
    if ((id & 1) === 0) {
      const header = sentHeader(x)
      const sent = header.sent
      const first = jar.matching(url, at, ctx, index)
      let adopted = NONE
      for (const s of sent) {
        if (!s.name || holds(first.send, s.name) || adopted.includes(s.name) || jar.knows(s.name, url))
          continue
        jar.adopt(s.name, s.value, url, at)
        if (adopted === NONE) adopted = []
        adopted.push(s.name)
      }
      const send = adopted.length ? jar.matching(url, at, ctx, index).send : first.send
      // The common case, the browser sent exactly the cookies expected, in order: nothing to explain.
      const asExpected = sameCookies(send, sent)
      const differences = asExpected ? NO_DIFFERENCES : cookieDifferences(diff, at, x, ctx, sent, send)
      for (const g of first.expired) events.push({ type: 'expire', index, at, cookie: g })
      const sentCookie = header.text
      const expectedCookie = asExpected ? sentCookie : formatCookieHeader(send)
      const split = cookieSplitOf(x, header.fields)
      // Every field in one literal, in the order `inspect --json` writes them; the optional ones, only
      // when they apply, are put in their places by withPlaces (no spread of a small object per row).
      const row: RequestCookies = {
        index,
        expectedCookie,
        sentCookie,
        differences,
        orderDiffers: differences.length === 0 && expectedCookie !== sentCookie,
        method: x.method,
        url,
        startedDateTime: isoTime(x.startedAt),
        siteContext: ctx,
        sent,
        expected: send,
        adopted,
        expired: first.expired,
        setCookies: NO_RESULTS,
        jarAfter: NO_COOKIES
      }
      requests[index] = top || split ? withPlaces(row, top, split) : row
      if (sent.length) events.push({ type: 'send', index, at, row: requests[index] as RequestCookies })
    } else {
      const row = requests[index] as RequestCookies
      responseAt[index] = at
      const lines = responseSetCookies(x)
      // A list of its exact length (a list grown by push keeps room for 16 more, in every row).
      if (lines.length) row.setCookies = new Array<SetCookieResult>(lines.length)
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i] as string
        const result = jar.receive(line, url, at, ctx, index)
        row.setCookies[i] = result
        if (!result.accepted) {
          rejected.push({
            index,
            line,
            cookie: result.parsed.name,
            reason: result.reason ?? '',
            explain: result.explain ?? explain('reject.ignored')
          })
        } else if (result.cookie) {
          const type = result.cleared ? 'clear' : 'set'
          events.push(
            result.previousValue !== undefined
              ? { type, index, at, cookie: result.cookie, previousValue: result.previousValue }
              : { type, index, at, cookie: result.cookie }
          )
        }
      }
      // Reuse the last snapshot while the jar is unchanged and nothing in it has run out since.
      if (jar.version !== lastVersion || expiresBy(lastJar, at)) {
        lastJar = jar.all(at)
        lastVersion = jar.version
      }
      row.jarAfter = lastJar
    }
  }
  return { requests, events, rejected }
}

/** The domain of the jar cookie a sent cookie stood for, or the request's host when it stood for none. */
export function sentDomain(row: RequestCookies, s: SentCookie): string {
  return holderOf(row.expected, s)?.domain ?? hostOf(row.url)
}

/** Empty lists rows share (most rows have nothing to say there): never changed, only replaced. */
const NONE = emptyList<string>()
const NO_DIFFERENCES = emptyList<CookieDifference>()
const NO_RESULTS = emptyList<SetCookieResult>()
const NO_COOKIES = emptyList<JarCookie>()

/** The row with its top-level site and split Cookie header (when there are) in their places. */
function withPlaces(
  row: RequestCookies,
  top: string | undefined,
  split: Explanation | undefined
): RequestCookies {
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(row)) {
    out[k] = row[k as keyof RequestCookies]
    if (k === 'siteContext' && top) out.topLevelSite = top
    if (k === 'expired' && split) out.cookieSplit = split
  }
  return out as unknown as RequestCookies
}

/** Whether `send` holds a cookie named `name`. */
function holds(send: readonly JarCookie[], name: string): boolean {
  for (const c of send) if (c.name === name) return true
  return false
}

/** Whether a cookie of the snapshot has run out by `at`. */
function expiresBy(cookies: readonly JarCookie[], at: number): boolean {
  for (const c of cookies) if (c.expiresAt !== null && c.expiresAt <= at) return true
  return false
}
