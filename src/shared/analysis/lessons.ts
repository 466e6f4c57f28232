// The guided tour of the sample site, ticked off by the capture itself: for each lesson, whether the
// traffic so far shows it, and the exchange that does. Pure: plain model records in, codes out (the
// renderer words them in English or Korean).
import { headerValues, parseCookieHeader, setCookieLines, urlParts } from '../http'
import type { CapturedConnection, CapturedExchange, ServerSessionEvent } from '../model'
import { isClearing, parseSetCookie } from './cookies'

export const LESSON_STEPS = [
  'alone',
  'keep-alive',
  'stateless',
  'cookie',
  'three-uses',
  'naive-cookie',
  'session',
  'logout',
  'cost'
] as const

export type LessonStep = (typeof LESSON_STEPS)[number]

export const SAMPLE_HOST = 'roundtrip.test'
export const TRACKER_HOST = 'tracker.test'

export interface LessonInput {
  /** In order of arrival. */
  exchanges: readonly CapturedExchange[]
  connections: readonly CapturedConnection[]
  sessionEvents: readonly ServerSessionEvent[]
  /** How many sessions the server's store holds now, when known. */
  storeSize?: number
}

export type CookieUse = 'session' | 'personalization' | 'tracking'

export interface LessonProgress {
  step: LessonStep
  done: boolean
  /** The exchange that proved it (the one to look at). */
  exchangeId?: string
  /** `three-uses`: the exchange that showed each use so far. */
  uses?: Partial<Record<CookieUse, string>>
  /** `cost`: the most sessions the server held at once. */
  sessions?: number
}

/** A sample-site exchange, read once: host, path, its cookies each way. */
interface Seen {
  x: CapturedExchange
  host: string
  path: string
  sent: Map<string, string>
  set: { name: string; value: string; clearing: boolean }[]
}

function read(x: CapturedExchange): Seen | undefined {
  const url = urlParts(x.url)
  const host = url.hostname
  if (host !== SAMPLE_HOST && host !== TRACKER_HOST) return undefined
  const sent = new Map<string, string>()
  for (const c of parseCookieHeader(headerValues(x.requestHeaders, 'cookie'))) sent.set(c.name, c.value)
  const at = x.startedAt + (x.timings.responseHeaders ?? 0)
  const set = setCookieLines(x.responseHeaders).flatMap((line) => {
    const p = parseSetCookie(line, at)
    return p.ok ? [{ name: p.name, value: p.value, clearing: isClearing(p, at) || p.value === '' }] : []
  })
  return { x, host, path: url.pathname, sent, set }
}

const answered = (s: Seen): boolean => s.x.state === 'complete' && s.x.status !== undefined

function alone(seen: Seen[]): Pick<LessonProgress, 'exchangeId'> {
  return { exchangeId: seen.find((s) => s.host === SAMPLE_HOST && answered(s))?.x.id }
}

/** A request on a connection that had carried one before, and `/close` ending its connection. */
function keepAlive(
  seen: Seen[],
  connections: readonly CapturedConnection[]
): Pick<LessonProgress, 'exchangeId'> {
  const byId = new Map(connections.map((c) => [c.id, c]))
  const reused = seen.find((s) => s.host === SAMPLE_HOST && answered(s) && s.x.sequence > 1)
  const closed = seen.find((s) => {
    if (s.host !== SAMPLE_HOST || s.path !== '/close' || !answered(s)) return false
    const c = byId.get(s.x.clientConnectionId)
    return c?.closedAt !== undefined && c.exchangeIds.at(-1) === s.x.id
  })
  if (!reused || !closed) return {}
  return { exchangeId: (reused.x.startedAt > closed.x.startedAt ? reused : closed).x.id }
}

/** What tells two response bodies apart: their bytes, or the digest a feed that left the bytes out gave. */
function responseKey(x: CapturedExchange): string | undefined {
  return x.responseBody?.base64 ?? x.responseBodyInfo?.digest
}

/** The same page asked with cookies and without, answered as two different visitors. */
function stateless(seen: Seen[]): Pick<LessonProgress, 'exchangeId'> {
  const byPath = new Map<string, Seen[]>()
  for (const s of seen) {
    const page = responseKey(s.x)
    if (s.host !== SAMPLE_HOST || s.x.method !== 'GET' || s.x.status !== 200 || page === undefined) continue
    const earlier = byPath.get(s.path) ?? []
    const differs = earlier.find(
      (e) => (e.sent.size === 0) !== (s.sent.size === 0) && responseKey(e.x) !== page
    )
    if (differs) return { exchangeId: s.x.id }
    if (earlier.length < 20) byPath.set(s.path, [...earlier, s])
  }
  return {}
}

/** A cookie the server set, sent back by a later request. */
function cookie(seen: Seen[]): Pick<LessonProgress, 'exchangeId'> {
  const issued = new Set<string>()
  for (const s of seen) {
    if (s.host !== SAMPLE_HOST) continue
    for (const [name, value] of s.sent) if (issued.has(`${name}=${value}`)) return { exchangeId: s.x.id }
    for (const c of s.set) if (!c.clearing) issued.add(`${c.name}=${c.value}`)
  }
  return {}
}

/** The sample site's three cookies: the session ID, the theme, the tracker's visitor id. */
function threeUses(seen: Seen[]): Pick<LessonProgress, 'exchangeId' | 'uses'> {
  const uses: Partial<Record<CookieUse, string>> = {}
  let last: string | undefined
  for (const s of seen) {
    for (const c of s.set) {
      if (c.clearing) continue
      const use: CookieUse | undefined =
        s.host === TRACKER_HOST && c.name === 'uid'
          ? 'tracking'
          : s.host === SAMPLE_HOST && c.name === 'sid'
            ? 'session'
            : s.host === SAMPLE_HOST && c.name === 'theme'
              ? 'personalization'
              : undefined
      if (use && !uses[use]) {
        uses[use] = s.x.id
        last = s.x.id
      }
    }
  }
  const done = uses.session && uses.personalization && uses.tracking
  return { uses, ...(done && { exchangeId: last }) }
}

/** After the naive login set `user=<name>`, a request that says it is someone else, believed. */
function naiveCookie(seen: Seen[]): Pick<LessonProgress, 'exchangeId'> {
  const issued = new Set<string>()
  for (const s of seen) {
    if (s.host !== SAMPLE_HOST) continue
    const claimed = s.sent.get('user')
    if (
      claimed &&
      issued.size > 0 &&
      !issued.has(claimed) &&
      s.path.startsWith('/naive/') &&
      s.x.status === 200
    )
      return { exchangeId: s.x.id }
    for (const c of s.set) if (c.name === 'user' && !c.clearing) issued.add(c.value)
  }
  return {}
}

/** A login: an ID issued, replaced at login, and the new one sent back and accepted. */
function session(seen: Seen[], events: readonly ServerSessionEvent[]): Pick<LessonProgress, 'exchangeId'> {
  const created = new Set(events.filter((e) => e.kind === 'created').map((e) => e.sessionId))
  const rotated = new Set(
    events
      .filter((e) => e.kind === 'rotated' && e.user && e.previousId && created.has(e.previousId))
      .map((e) => e.sessionId)
  )
  if (rotated.size === 0) return {}
  const back = seen.find(
    (s) => s.host === SAMPLE_HOST && s.x.status === 200 && [...s.sent.values()].some((v) => rotated.has(v))
  )
  return { exchangeId: back?.x.id }
}

/** A logout: the server destroyed the session. */
function logout(
  events: readonly ServerSessionEvent[]
): Pick<LessonProgress, 'exchangeId'> & { done: boolean } {
  const destroyed = events.find((e) => e.kind === 'destroyed')
  return { done: destroyed !== undefined, exchangeId: destroyed?.exchangeId }
}

/** The server's store holding a session per visitor: two at once at least. */
function cost(
  events: readonly ServerSessionEvent[],
  storeSize = 0
): Pick<LessonProgress, 'exchangeId' | 'sessions'> & { done: boolean } {
  const live = new Set<string>()
  let most = 0
  let proof: string | undefined
  for (const e of events) {
    if (e.kind === 'created') live.add(e.sessionId)
    else if (e.kind === 'rotated') {
      if (e.previousId) live.delete(e.previousId)
      live.add(e.sessionId)
    } else live.delete(e.sessionId)
    if (live.size > most) {
      most = live.size
      if (most === 2) proof = e.exchangeId
    }
  }
  const sessions = Math.max(most, storeSize)
  return { done: sessions >= 2, sessions, exchangeId: proof }
}

/** Every lesson's progress, in the tour's order. */
export function lessonProgress(input: LessonInput): LessonProgress[] {
  const seen = input.exchanges.flatMap((x) => read(x) ?? [])
  const events = input.sessionEvents
  const byProof = (step: LessonStep, found: Omit<LessonProgress, 'step' | 'done'>): LessonProgress => ({
    step,
    done: found.exchangeId !== undefined,
    ...found
  })
  const out: LessonProgress[] = [
    byProof('alone', alone(seen)),
    byProof('keep-alive', keepAlive(seen, input.connections)),
    byProof('stateless', stateless(seen)),
    byProof('cookie', cookie(seen)),
    byProof('three-uses', threeUses(seen)),
    byProof('naive-cookie', naiveCookie(seen)),
    byProof('session', session(seen, events)),
    { step: 'logout', ...logout(events) },
    { step: 'cost', ...cost(events, input.storeSize) }
  ]
  return out
}
