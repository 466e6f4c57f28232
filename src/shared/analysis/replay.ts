// Replays a capture's exchanges in time order through a browser cookie jar: each request at its own start
// time, each response's Set-Cookie lines when its headers arrived. For every request it records the Cookie
// header a browser would have sent, the one really sent, and a reason (a code) for every difference.
import type { CapturedExchange } from '../model'
import { formatCookieHeader, headerValue, headerValues, parseCookieHeader, setCookieLines } from '../http'
import type { SentCookie } from '../http'
import { cookieDifferences, sameCookies, type DifferenceContext } from './differences'
import { explain, type Explanation } from './explain'
import { BrowserJar, type GoneCookie, type JarCookie, type SetCookieResult, type SiteContext } from './jar'
import { siteContext, topLevelSites, type PageInfo } from './site-context'

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
  | { type: 'send'; index: number; at: number; name: string; value: string; domain: string }
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

/** The Cookie header(s) the request carried, or the tool's cookie list when it left the header out. */
export function sentCookies(x: CapturedExchange): SentCookie[] {
  const values = headerValues(x.requestHeaders, 'cookie')
  if (values.length) return parseCookieHeader(values)
  return x.cookieLists?.sent ?? []
}

/** Several `cookie` fields (HTTP/2), joined at the door (`cookieSplit`) or still apart in the headers. */
function cookieSplitOf(x: CapturedExchange): Explanation | undefined {
  const fields = headerValues(x.requestHeaders, 'cookie').length
  if (fields > 1) return explain('request.cookieSplit', { fields })
  return x.cookieSplit ? explain('request.cookieSplit') : undefined
}

/** The jar cookie a sent pair stood for: the same name and value, else the same name. */
function holderOf(send: readonly JarCookie[], s: SentCookie): JarCookie | undefined {
  let named: JarCookie | undefined
  for (const c of send) {
    if (c.name !== s.name) continue
    if (c.value === s.value) return c
    named ??= c
  }
  return named
}

/** The response's Set-Cookie lines (unfolded), or the tool's cookie list when its headers had none. */
export function responseSetCookies(x: CapturedExchange): string[] {
  const lines = setCookieLines(x.responseHeaders)
  return lines.length ? lines : (x.cookieLists?.set ?? [])
}

/** Epoch ms of the request, of the response headers, and of the response's last byte. */
export function exchangeTimes(x: CapturedExchange): { request: number; response: number; end: number } {
  const t = x.timings
  const response = x.startedAt + Math.max(0, t.responseHeaders ?? t.requestSent ?? 0)
  const end = Math.max(response, x.startedAt + (t.responseEnd ?? 0))
  return { request: x.startedAt, response, end }
}

/** ISO 8601 in UTC, or '' for a time a Date cannot hold. */
export function isoTime(ms: number): string {
  const d = new Date(ms)
  return Number.isNaN(d.getTime()) ? '' : d.toISOString()
}

export function replayCookies(
  exchanges: readonly CapturedExchange[],
  pages: readonly PageInfo[] = []
): CookieReplay {
  const tops = topLevelSites(exchanges, pages)
  const jar = new BrowserJar()
  let lastJar: { version: number; cookies: JarCookie[] } = { version: -1, cookies: [] }
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
    const step = { index: id >> 1, kind: id & 1, at: stepAt[id] as number }
    const x = exchanges[step.index] as CapturedExchange
    const top = x.pageRef ? tops.get(x.pageRef) : undefined
    const ctx = (contexts[step.index] ??= siteContext(x, top))
    const url = x.url
    if (step.kind === 0) {
      const sent = sentCookies(x)
      const first = jar.matching(url, step.at, ctx, step.index)
      const adopted: string[] = []
      const held = new Set(first.send.map((c) => c.name))
      for (const s of sent) {
        if (!s.name || held.has(s.name) || jar.knows(s.name, url)) continue
        jar.adopt(s.name, s.value, url, step.at)
        adopted.push(s.name)
        held.add(s.name)
      }
      const send = adopted.length ? jar.matching(url, step.at, ctx, step.index).send : first.send
      // The common case, the browser sent exactly the cookies expected, in order: nothing to explain.
      const asExpected = sameCookies(send, sent)
      const differences = asExpected ? [] : cookieDifferences(diff, step.at, x, ctx, sent, send)
      for (const g of first.expired)
        events.push({ type: 'expire', index: step.index, at: step.at, cookie: g })
      for (const s of sent) {
        const domain = holderOf(send, s)?.domain ?? hostOf(url)
        events.push({ type: 'send', index: step.index, at: step.at, name: s.name, value: s.value, domain })
      }
      const sentCookie = formatCookieHeader(sent)
      const expectedCookie = asExpected ? sentCookie : formatCookieHeader(send)
      // Built field by field in this order (the order `inspect --json` writes), optional ones only when
      // they apply, without a spread of a small object per row.
      const row = {
        index: step.index,
        expectedCookie,
        sentCookie,
        differences,
        orderDiffers: differences.length === 0 && expectedCookie !== sentCookie,
        method: x.method,
        url,
        startedDateTime: isoTime(x.startedAt),
        siteContext: ctx
      } as RequestCookies
      if (top) row.topLevelSite = top
      row.sent = sent
      row.expected = send
      row.adopted = adopted
      row.expired = first.expired
      const split = cookieSplitOf(x)
      if (split) row.cookieSplit = split
      row.setCookies = []
      row.jarAfter = []
      requests[step.index] = row
    } else {
      const row = requests[step.index] as RequestCookies
      responseAt[step.index] = step.at
      for (const line of responseSetCookies(x)) {
        const result = jar.receive(line, url, step.at, ctx, step.index)
        row.setCookies.push(result)
        if (!result.accepted) {
          rejected.push({
            index: step.index,
            line,
            cookie: result.parsed.name,
            reason: result.reason ?? '',
            explain: result.explain ?? explain('reject.ignored')
          })
        } else if (result.cookie) {
          const ev = { index: step.index, at: step.at, cookie: result.cookie }
          const prev = result.previousValue !== undefined ? { previousValue: result.previousValue } : {}
          events.push(result.cleared ? { type: 'clear', ...ev, ...prev } : { type: 'set', ...ev, ...prev })
        }
      }
      // Reuse the last snapshot while the jar is unchanged and nothing in it has run out since.
      const expiresBetween = lastJar.cookies.some((c) => c.expiresAt !== null && c.expiresAt <= step.at)
      if (jar.version !== lastJar.version || expiresBetween) {
        lastJar = { version: jar.version, cookies: jar.all(step.at) }
      }
      row.jarAfter = lastJar.cookies
    }
  }
  return { requests, events, rejected }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase()
  } catch {
    return ''
  }
}
