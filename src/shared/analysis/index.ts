// `analyzeHar`: everything Roundtrip works out from a capture — connections, the cookie jar over time, what
// each cookie is for, every session ID's round trip, and warnings. Pure; runs in main, renderer and CLI.
import type { Har } from 'har-format'
import type { CaptureSnapshot, CapturedExchange } from '../model'
import type { ImportedSnapshot } from '../har/export'
import { importCapture } from '../har/to-capture'
import { groupConnections, type ConnectionReport } from './connections'
import { humanDuration, type AttributeExplanation } from './cookies'
import { explain, say, type Explanation } from './explain'
import { classifyCookie, personalData, type CookieBehaviour, type CookiePurpose } from './purpose'
import { replayCookies, sentDomain, type RejectedSetCookie, type RequestCookies } from './replay'
import { attachServerView } from './server-view'
import { urlParts } from '../http'
import { requestKind, sessionRoundTrips, type SessionRoundTrip } from './sessions'

export type { ConnectionGroup, ConnectionReport, ConnectionSource } from './connections'
export { groupConnections, connectionSource } from './connections'
export type { Code, Explanation, Lang } from './explain'
export { explain, say, words } from './explain'
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
  reasonExplain: Explanation
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
  /** The same in ms (null: a session cookie), for words in other languages. */
  lifetimeMs?: number | null
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
  explain: Explanation
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
  entries: readonly CapturedExchange[],
  replay: ReturnType<typeof replayCookies>
): Map<string, Tally> {
  const tallies = new Map<string, Tally>()
  // Found by name, then domain (no key string made per event); `tallies` keeps the order of first sight.
  const byName = new Map<string, Map<string, Tally>>()
  const get = (name: string, domain: string): Tally => {
    let domains = byName.get(name)
    if (!domains) byName.set(name, (domains = new Map()))
    let t = domains.get(domain)
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
      tallies.set(`${name}\t${domain}`, t)
      domains.set(domain, t)
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
      for (const s of ev.row.sent) {
        const t = get(s.name, sentDomain(ev.row, s))
        addValue(t, s.value)
        t.echoed++
        if (t.sentIn.at(-1) !== ev.index) t.sentIn.push(ev.index)
      }
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
    const host = urlParts(row.url).hostname
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

const warning = (
  kind: WarningKind,
  e: Explanation,
  extra: { entry?: number; cookie?: string } = {}
): InspectWarning => ({ kind, ...extra, message: say('en', e), explain: e })

function warningsFor(
  entries: readonly CapturedExchange[],
  cookies: CookieSummary[],
  tallies: Map<string, Tally>,
  sessions: SessionRoundTrip[],
  replay: ReturnType<typeof replayCookies>
): InspectWarning[] {
  const out: InspectWarning[] = []
  for (const t of tallies.values()) {
    for (const v of t.values) {
      const detail = personalData(t.name, v)
      if (detail) {
        out.push(warning('personal-data', explain('warn.personal', { detail }), { cookie: t.name }))
        break
      }
    }
  }
  for (const c of cookies) {
    if (c.purpose === 'session-id' && c.setIn.length > 0 && !c.httpOnly) {
      const e = explain('warn.sessionNotHttpOnly', { cookie: c.name, domain: c.domain })
      out.push(warning('session-not-httponly', e, { cookie: c.name }))
    }
  }
  entries.forEach((entry, i) => {
    const status = entry.status ?? 0
    if (requestKind(entry) !== 'login' || status < 200 || status >= 400) return
    for (const s of sessions) {
      if (!s.sentIn.includes(i) || (s.end === 'replaced' && s.endedBy === i)) continue
      if (s.end === 'cleared' && s.endedBy === i) continue
      const e = explain('warn.notRotated', { cookie: s.cookie, entry: i })
      out.push(warning('not-rotated-at-login', e, { entry: i, cookie: s.cookie }))
    }
  })
  // One warning per withheld cookie, naming the entries, so a long capture does not drown in repeats.
  const withheld = new Map<string, { entries: number[]; reason: Explanation }>()
  for (const r of replay.requests) {
    for (const d of r.differences) {
      if (d.kind !== 'withheld') continue
      const w = withheld.get(d.cookie) ?? { entries: [], reason: d.explain }
      w.entries.push(r.index)
      withheld.set(d.cookie, w)
    }
  }
  for (const [cookie, w] of withheld) {
    const e = explain('warn.withheld', { cookie, entries: w.entries, reason: w.reason })
    out.push(warning('cookie-withheld', e, { entry: w.entries[0] as number, cookie }))
  }
  for (const r of replay.rejected) {
    const e = explain('warn.rejected', { entry: r.index, cookie: r.cookie, reason: r.explain })
    out.push(warning('set-cookie-rejected', e, { entry: r.index, cookie: r.cookie }))
  }
  return out
}

/** Everything the analysis reads: the model as any door built it. */
export type AnalysisInput = Pick<CaptureSnapshot, 'exchanges' | 'sessionEvents' | 'connectionInfo'> &
  Pick<ImportedSnapshot, 'harLog'>

/** The analysis of a capture. Indices are positions in `input.exchanges` (for a HAR: in `log.entries`). */
export function analyzeCapture(input: AnalysisInput): InspectReport {
  const entries = input.exchanges
  const pages = (input.harLog?.pages ?? []).map((p) => ({ id: String(p.id), title: p.title }))
  const replay = replayCookies(entries, pages)
  const tallies = tallyCookies(entries, replay)
  const cookies: CookieSummary[] = [...tallies.values()].map((t) => {
    const { purpose, reason, explain: reasonExplain } = classifyCookie(t)
    const summary: CookieSummary = {
      name: t.name,
      domain: t.domain,
      purpose,
      reason,
      reasonExplain,
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
      summary.lifetimeMs = t.lifetimeMs
    }
    return summary
  })
  // Session IDs by name, then domain (asked once per replay event: no key string made per event).
  const sessionIds = new Map<string, Set<string>>()
  for (const c of cookies) {
    if (c.purpose !== 'session-id') continue
    const domains = sessionIds.get(c.name) ?? new Set<string>()
    sessionIds.set(c.name, domains.add(c.domain))
  }
  const sessions = sessionRoundTrips(
    entries,
    replay.events,
    (name, domain) => sessionIds.get(name)?.has(domain) === true
  )
  attachServerView(entries, input.sessionEvents, sessions)
  const creator = input.harLog?.creator
  return {
    entries: entries.length,
    creator: [creator?.name, creator?.version].filter(Boolean).join(' '),
    connections: groupConnections(entries, input.connectionInfo),
    sessions,
    cookies,
    requests: replay.requests,
    rejected: replay.rejected,
    warnings: warningsFor(entries, cookies, tallies, sessions, replay)
  }
}

/** The analysis of a HAR file from any tool: its entries as the model (one import), then the analysis. */
export function analyzeHar(har: Har): InspectReport {
  return analyzeCapture(importCapture(har))
}
