// Replays a capture's entries in time order through a browser cookie jar: each request at its own start
// time, each response's Set-Cookie lines when its headers arrived. For every request it records the Cookie
// header a browser would have sent, the one really sent, and a reason for every difference.
import type { Entry, Page } from 'har-format'
import {
  formatCookieHeader,
  headerValues,
  parseCookieHeader,
  setCookieLines as splitLines,
  toPairs,
  type SentCookie
} from '../http'
import { BrowserJar, type GoneCookie, type JarCookie, type SetCookieResult, type SiteContext } from './jar'
import { siteContext, topLevelSites } from './site-context'

export interface CookieDifference {
  cookie: string
  /** withheld: expected but not sent; unexpected: sent but not expected; value: sent with another value. */
  kind: 'withheld' | 'unexpected' | 'value'
  reason: string
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
}

export interface CookieReplay {
  requests: RequestCookies[]
  events: ReplayEvent[]
  rejected: RejectedSetCookie[]
}

/** The Cookie header(s) the request carried, or its `cookies` list when a tool left the header out. */
export function sentCookies(entry: Entry): SentCookie[] {
  const values = headerValues(toPairs(entry.request.headers), 'cookie')
  if (values.length) return parseCookieHeader(values)
  return (entry.request.cookies ?? []).map((c) => ({ name: String(c.name), value: String(c.value ?? '') }))
}

function cookieObjectLine(c: Record<string, unknown>): string {
  let line = `${String(c.name)}=${String(c.value ?? '')}`
  if (typeof c.domain === 'string' && c.domain) line += `; Domain=${c.domain}`
  if (typeof c.path === 'string' && c.path) line += `; Path=${c.path}`
  if (typeof c.expires === 'string' && c.expires) {
    const t = Date.parse(c.expires)
    if (Number.isFinite(t)) line += `; Expires=${new Date(t).toUTCString()}`
  }
  if (c.secure === true) line += '; Secure'
  if (c.httpOnly === true) line += '; HttpOnly'
  if (typeof c.sameSite === 'string' && c.sameSite) line += `; SameSite=${c.sameSite}`
  return line
}

/** The response's Set-Cookie lines (some tools join several with newlines in one header). */
export function setCookieLines(entry: Entry): string[] {
  const clean = splitLines(toPairs(entry.response?.headers))
  if (clean.length) return clean
  const objects = (entry.response?.cookies ?? []) as unknown as Record<string, unknown>[]
  return objects.filter((c) => typeof c.name === 'string').map(cookieObjectLine)
}

/** Epoch ms of the request and of the response headers, from the entry's own timings. */
export function entryTimes(entry: Entry, fallback: number): { request: number; response: number } {
  const started = Date.parse(entry.startedDateTime)
  const request = Number.isFinite(started) ? started : fallback
  const t = entry.timings ?? ({} as Entry['timings'])
  const parts = [t.blocked, t.dns, t.connect, t.send, t.wait].map((x) =>
    typeof x === 'number' && x > 0 ? x : 0
  )
  let toHeaders = parts.reduce((a, b) => a + b, 0)
  if (toHeaders === 0 && typeof entry.time === 'number' && entry.time > 0) toHeaders = entry.time
  return { request, response: request + toHeaders }
}

const short = (v: string): string => (v.length > 48 ? `${v.slice(0, 44)}…` : v)

const withheldWords = new Map<string, string>()

/** Shares one string per distinct reason: a long capture repeats the same few sentences many times. */
/**
 * A browser builds a request's Cookie header when it starts the request, and runs requests in
 * parallel: a request started just before another response's Set-Cookie was processed goes out
 * without that cookie (or with its old value), even if it reaches the server a moment later.
 */
const RACE_MS = 1000

function raceSentence(setBy: number, ms: number, old?: string): string {
  const what = old === undefined ? 'without it' : `with the old value "${short(old)}"`
  return `the response of entry ${setBy} set it only ${Math.max(0, Math.round(ms))} ms before this request arrived: the browser most likely built this request ${what} before it had processed that response (requests run in parallel).`
}

function withheldReason(c: JarCookie, ctx: SiteContext): string {
  const k = `${c.setBy}|${c.sameSite}|${ctx}`
  let text = withheldWords.get(k)
  if (text === undefined) {
    text = withheldSentence(c, ctx)
    if (withheldWords.size > 5000) withheldWords.clear()
    withheldWords.set(k, text)
  }
  return text
}

function withheldSentence(c: JarCookie, ctx: SiteContext): string {
  const origin = c.setBy !== null ? `set by entry ${c.setBy}` : 'carried by an earlier request'
  if (ctx === 'unknown' && (c.sameSite === 'strict' || c.sameSite === 'lax')) {
    const ss = c.sameSite === 'strict' ? 'Strict' : 'Lax'
    return `the jar held it (${origin}) with SameSite=${ss}; if this request came from another site (the capture does not say), a browser withholds it.`
  }
  return `the jar held it (${origin}) and it matches this URL, but the request did not carry it: the request may have been sent without credentials (fetch with credentials "omit"), or browser settings blocked the cookie.`
}

export function replayCookies(entries: readonly Entry[], pages: readonly Page[] = []): CookieReplay {
  const tops = topLevelSites(entries, pages)
  const jar = new BrowserJar()
  let lastJar: { version: number; cookies: JarCookie[] } = { version: -1, cookies: [] }
  const events: ReplayEvent[] = []
  const rejected: RejectedSetCookie[] = []
  const requests: RequestCookies[] = new Array(entries.length)
  const steps: { at: number; index: number; kind: 0 | 1 }[] = []
  /** When each entry's response reached the jar, to recognise requests built just before it. */
  const responseAt = new Map<number, number>()
  const justSet = (c: JarCookie, at: number): number | undefined => {
    const t = c.setBy === null ? undefined : responseAt.get(c.setBy)
    return t !== undefined && at - t <= RACE_MS ? at - t : undefined
  }
  let last = 0
  entries.forEach((entry, index) => {
    const times = entryTimes(entry, last)
    last = times.request
    steps.push(
      { at: times.request, index, kind: 0 },
      { at: Math.max(times.response, times.request), index, kind: 1 }
    )
  })
  steps.sort((a, b) => a.at - b.at || a.index - b.index || a.kind - b.kind)

  for (const step of steps) {
    const entry = entries[step.index] as Entry
    const top = entry.pageref ? tops.get(entry.pageref) : undefined
    const ctx = siteContext(entry, top)
    const url = entry.request.url
    if (step.kind === 0) {
      const sent = sentCookies(entry)
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
      const differences: CookieDifference[] = []
      // Sent pairs by name, each taken at most once, so long Cookie headers stay linear.
      const byName = new Map<string, SentCookie[]>()
      for (const s of sent) byName.set(s.name, [...(byName.get(s.name) ?? []), s])
      const take = (name: string, value?: string): SentCookie | undefined => {
        const list = byName.get(name)
        const i = list ? list.findIndex((s) => value === undefined || s.value === value) : -1
        return list && i >= 0 ? list.splice(i, 1)[0] : undefined
      }
      for (const c of send) {
        if (take(c.name, c.value)) continue
        const other = take(c.name)
        const race = justSet(c, step.at)
        if (other) {
          const origin = c.setBy !== null ? `set by entry ${c.setBy}` : 'seen in an earlier request'
          differences.push({
            cookie: c.name,
            kind: 'value',
            reason:
              race !== undefined && c.setBy !== null
                ? raceSentence(c.setBy, race, other.value)
                : `sent "${short(other.value)}", but the jar held "${short(c.value)}" (${origin}): a page script may have changed it (document.cookie writes are not in a HAR), or a response that set it is missing from the capture.`
          })
          // A cookie no response set is the page's own: follow the value the browser now evidently holds.
          if (c.adopted) jar.adopt(c.name, other.value, url, step.at)
        } else {
          const reason =
            race !== undefined && c.setBy !== null ? raceSentence(c.setBy, race) : withheldReason(c, ctx)
          differences.push({ cookie: c.name, kind: 'withheld', reason })
        }
      }
      for (const s of [...byName.values()].flat()) {
        differences.push({
          cookie: s.name,
          kind: 'unexpected',
          reason: jar.whyNotSent(s.name, url, step.at, ctx)
        })
      }
      for (const g of first.expired)
        events.push({ type: 'expire', index: step.index, at: step.at, cookie: g })
      for (const s of sent) {
        const holder =
          send.find((c) => c.name === s.name && c.value === s.value) ?? send.find((c) => c.name === s.name)
        const domain = holder?.domain ?? hostOf(url)
        events.push({ type: 'send', index: step.index, at: step.at, name: s.name, value: s.value, domain })
      }
      const expectedCookie = formatCookieHeader(send.map((c) => ({ name: c.name, value: c.value })))
      const sentCookie = formatCookieHeader(sent)
      requests[step.index] = {
        index: step.index,
        expectedCookie,
        sentCookie,
        differences,
        orderDiffers: differences.length === 0 && expectedCookie !== sentCookie,
        method: entry.request.method,
        url,
        startedDateTime: entry.startedDateTime,
        siteContext: ctx,
        ...(top ? { topLevelSite: top } : {}),
        sent,
        expected: send,
        adopted,
        expired: first.expired,
        setCookies: [],
        jarAfter: []
      }
    } else {
      const row = requests[step.index] as RequestCookies
      responseAt.set(step.index, step.at)
      for (const line of setCookieLines(entry)) {
        const result = jar.receive(line, url, step.at, ctx, step.index)
        row.setCookies.push(result)
        if (!result.accepted) {
          rejected.push({ index: step.index, line, cookie: result.parsed.name, reason: result.reason ?? '' })
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
