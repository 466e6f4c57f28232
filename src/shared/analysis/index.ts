// `analyzeHar`: everything Roundtrip works out from a capture — connections, the cookie jar over time, what
// each cookie is for, every session ID's round trip, and warnings. Pure; runs in main, renderer and CLI.
import type { Entry, Har } from 'har-format'
import { groupConnections, type ConnectionReport } from './connections'
import { humanDuration, type AttributeExplanation } from './cookies'
import { classifyCookie, personalData, type CookieBehaviour, type CookiePurpose } from './purpose'
import { replayCookies, type RejectedSetCookie, type RequestCookies } from './replay'
import { attachServerView } from './server-view'
import { requestKind, sessionRoundTrips, type SessionRoundTrip } from './sessions'

export type { ConnectionGroup, ConnectionReport } from './connections'
export type { CookieDifference, RejectedSetCookie, RequestCookies } from './replay'
export type { ServerSideEvent, SessionEnd, SessionRoundTrip } from './sessions'
export type { CookiePurpose } from './purpose'
export type { JarCookie, SetCookieResult, SiteContext } from './jar'
export type { AttributeExplanation, ParsedSetCookie, SentCookie } from './cookies'
export { parseSetCookie, parseCookieHeader, explainSetCookie, humanDuration } from './cookies'

export interface CookieSummary {
  name: string
  domain: string
  purpose: CookiePurpose
  reason: string
  /** Distinct values seen (set or sent). */
  values: number
  /** Entries whose responses set (or cleared) it, and entries whose requests carried it. */
  setIn: number[]
  sentIn: number[]
  httpOnly: boolean
  secure: boolean
  sameSite?: string
  /** "1 year", "session" (until the browser closes), or undefined if the capture never set it. */
  lifetime?: string
  /** Sentences for the attributes of the last Set-Cookie that stored it. */
  attributes: AttributeExplanation[]
  /** Every Set-Cookie for it was rejected by the jar (see `rejected` in the report for why). */
  rejected?: boolean
}

export type WarningKind =
  | 'personal-data'
  | 'session-not-httponly'
  | 'not-rotated-at-login'
  | 'cookie-withheld'
  | 'set-cookie-rejected'

export interface InspectWarning {
  kind: WarningKind
  message: string
  entry?: number
  cookie?: string
}

export interface InspectReport {
  entries: number
  creator: string
  connections: ConnectionReport
  sessions: SessionRoundTrip[]
  cookies: CookieSummary[]
  requests: RequestCookies[]
  rejected: RejectedSetCookie[]
  warnings: InspectWarning[]
}

interface Tally extends CookieBehaviour {
  domain: string
  rejected?: boolean
  accepted?: boolean
  seen: Set<string>
  setIn: number[]
  sentIn: number[]
  secure: boolean
  sameSite?: string
  attributes: AttributeExplanation[]
}

function tallyCookies(
  entries: readonly Entry[],
  replay: ReturnType<typeof replayCookies>
): Map<string, Tally> {
  const tallies = new Map<string, Tally>()
  const get = (name: string, domain: string): Tally => {
    const k = `${name}\t${domain}`
    let t = tallies.get(k)
    if (!t) {
      t = {
        name,
        domain,
        values: [],
        seen: new Set(),
        issuedByServer: false,
        httpOnly: false,
        secure: false,
        rotatedAtLogin: false,
        clearedAtLogout: false,
        echoed: 0,
        setIn: [],
        sentIn: [],
        attributes: []
      }
      tallies.set(k, t)
    }
    return t
  }
  const addValue = (t: Tally, v: string): void => {
    if (t.seen.has(v)) return
    t.seen.add(v)
    t.values.push(v)
  }
  for (const ev of replay.events) {
    if (ev.type === 'send') {
      const t = get(ev.name, ev.domain)
      addValue(t, ev.value)
      t.echoed++
      if (t.sentIn.at(-1) !== ev.index) t.sentIn.push(ev.index)
      continue
    }
    if (ev.type === 'expire') continue
    const c = ev.cookie
    const t = get(c.name, c.domain)
    if (t.setIn.at(-1) !== ev.index) t.setIn.push(ev.index)
    const kind = requestKind(entries[ev.index])
    if (ev.type === 'clear') {
      if (kind === 'logout') t.clearedAtLogout = true
      continue
    }
    addValue(t, c.value)
    t.accepted = true
    t.issuedByServer = true
    t.httpOnly ||= c.httpOnly
    t.secure ||= c.secure
    if (c.sameSite) t.sameSite = c.sameSite
    const life = c.expiresAt === null ? null : c.expiresAt - ev.at
    if (life !== null)
      t.lifetimeMs = Math.max(life, typeof t.lifetimeMs === 'number' ? t.lifetimeMs : -Infinity)
    else if (t.lifetimeMs === undefined) t.lifetimeMs = null
    if (kind === 'login' && ev.previousValue !== undefined && ev.previousValue !== c.value)
      t.rotatedAtLogin = true
    const row = replay.requests[ev.index]
    const line = row?.setCookies.find((s) => s.cookie?.name === c.name && s.cookie.domain === c.domain)
    if (line) t.attributes = line.parsed.explanations
  }
  // Cookies the browser refused still tell what the server meant them for (a tracker's uid over http).
  for (const r of replay.rejected) {
    const row = replay.requests[r.index]
    const parsed = row?.setCookies.find((s) => s.parsed.line === r.line)?.parsed
    if (!parsed?.ok || !row) continue
    let host = ''
    try {
      host = new URL(row.url).hostname.toLowerCase()
    } catch {
      // keep ''
    }
    const t = get(parsed.name, (parsed.domain ?? host).replace(/^\./, '').toLowerCase())
    addValue(t, parsed.value)
    t.issuedByServer = true
    t.httpOnly ||= parsed.httpOnly
    t.secure ||= parsed.secure
    if (parsed.sameSite) t.sameSite = parsed.sameSite
    if (parsed.maxAge !== undefined) t.lifetimeMs = Math.max(parsed.maxAge * 1000, t.lifetimeMs ?? -Infinity)
    if (t.setIn.at(-1) !== r.index) t.setIn.push(r.index)
    if (!t.attributes.length) t.attributes = parsed.explanations
    t.rejected = true
  }
  return tallies
}

function warningsFor(
  entries: readonly Entry[],
  cookies: CookieSummary[],
  tallies: Map<string, Tally>,
  sessions: SessionRoundTrip[],
  replay: ReturnType<typeof replayCookies>
): InspectWarning[] {
  const out: InspectWarning[] = []
  for (const t of tallies.values()) {
    for (const v of t.values) {
      const msg = personalData(t.name, v)
      if (msg) {
        out.push({ kind: 'personal-data', cookie: t.name, message: `Personal data in a cookie: ${msg}` })
        break
      }
    }
  }
  for (const c of cookies) {
    if (c.purpose === 'session-id' && c.setIn.length > 0 && !c.httpOnly) {
      out.push({
        kind: 'session-not-httponly',
        cookie: c.name,
        message: `The session cookie "${c.name}" (${c.domain}) is not HttpOnly: a script injected into the page could read it and take over the session.`
      })
    }
  }
  entries.forEach((entry, i) => {
    const status = entry.response?.status ?? 0
    if (requestKind(entry) !== 'login' || status < 200 || status >= 400) return
    for (const s of sessions) {
      if (!s.sentIn.includes(i) || (s.end === 'replaced' && s.endedBy === i)) continue
      if (s.end === 'cleared' && s.endedBy === i) continue
      out.push({
        kind: 'not-rotated-at-login',
        entry: i,
        cookie: s.cookie,
        message: `The session ID "${s.cookie}" carried into the login at entry ${i} was not replaced by its response: keeping the same ID across a login lets anyone who planted it (session fixation) use the logged-in session.`
      })
    }
  })
  // One warning per withheld cookie, naming the entries, so a long capture does not drown in repeats.
  const withheld = new Map<string, { entries: number[]; reason: string }>()
  for (const r of replay.requests) {
    for (const d of r.differences) {
      if (d.kind !== 'withheld') continue
      const w = withheld.get(d.cookie) ?? { entries: [], reason: d.reason }
      w.entries.push(r.index)
      withheld.set(d.cookie, w)
    }
  }
  for (const [cookie, w] of withheld) {
    const n = w.entries.length
    const list = w.entries.slice(0, 8).join(', ') + (n > 8 ? ', …' : '')
    out.push({
      kind: 'cookie-withheld',
      entry: w.entries[0] as number,
      cookie,
      message:
        n === 1
          ? `Entry ${list} did not carry "${cookie}": ${w.reason}`
          : `${n} requests (entries ${list}) did not carry "${cookie}"; the first time: ${w.reason}`
    })
  }
  for (const r of replay.rejected) {
    out.push({
      kind: 'set-cookie-rejected',
      entry: r.index,
      cookie: r.cookie,
      message: `Entry ${r.index}'s Set-Cookie for "${r.cookie || '(no name)'}" was rejected: ${r.reason}`
    })
  }
  return out
}

export function analyzeHar(har: Har): InspectReport {
  const entries = har.log.entries
  const replay = replayCookies(entries, har.log.pages ?? [])
  const tallies = tallyCookies(entries, replay)
  const cookies: CookieSummary[] = [...tallies.values()].map((t) => {
    const { purpose, reason } = classifyCookie(t)
    const summary: CookieSummary = {
      name: t.name,
      domain: t.domain,
      purpose,
      reason,
      values: t.values.length,
      setIn: t.setIn,
      sentIn: t.sentIn,
      httpOnly: t.httpOnly,
      secure: t.secure,
      attributes: t.attributes
    }
    if (t.sameSite) summary.sameSite = t.sameSite
    if (t.rejected && !t.accepted) summary.rejected = true
    if (t.lifetimeMs !== undefined) {
      summary.lifetime = t.lifetimeMs === null ? 'session' : humanDuration(t.lifetimeMs)
    }
    return summary
  })
  const purposeOf = new Map(cookies.map((c) => [`${c.name}\t${c.domain}`, c.purpose]))
  const sessions = sessionRoundTrips(
    entries,
    replay.events,
    (name, domain) => purposeOf.get(`${name}\t${domain}`) === 'session-id'
  )
  attachServerView(har, sessions)
  return {
    entries: entries.length,
    creator: [har.log.creator?.name, har.log.creator?.version].filter(Boolean).join(' '),
    connections: groupConnections(har),
    sessions,
    cookies,
    requests: replay.requests,
    rejected: replay.rejected,
    warnings: warningsFor(entries, cookies, tallies, sessions, replay)
  }
}
