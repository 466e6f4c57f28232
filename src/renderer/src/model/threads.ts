// Session IDs as the UI draws them: each round trip the shared analysis found (sessionRoundTrips: issued,
// sent back, replaced, cleared, expired), with the sample site's own session events beside it, as a thread
// of points in time; and the steps of one session as a Browser | Server | Session store sequence. Nothing
// here decides what a session is: that is the analysis's.
import type { SessionRoundTrip } from '../../../shared/analysis'
import { urlParts } from '../../../shared/http'
import type { CapturedExchange, ServerSessionEvent } from '../../../shared/model'
import { analyseCapture } from './analysis'

export type ThreadPointKind = 'issued' | 'sent' | 'rotated' | 'cleared' | 'created' | 'destroyed' | 'expired'

export interface ThreadPoint {
  kind: ThreadPointKind
  at: number
  exchangeId?: string
}

export interface SessionThread {
  id: string
  cookieName?: string
  user?: string
  /** A hue (0-359) derived from the id, so a session keeps its colour everywhere. */
  hue: number
  points: ThreadPoint[]
  start: number
  end: number
}

export function hueOf(id: string): number {
  let h = 0
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0
  return h % 360
}

/** Long random IDs shortened for display: the first 8 characters and an ellipsis. */
export function short(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id
}

const replyAt = (x: CapturedExchange): number => x.startedAt + (x.timings.responseHeaders ?? 0)

/** One thread per session ID, in order of first appearance. */
export function sessionThreads(ordered: CapturedExchange[], events: ServerSessionEvent[]): SessionThread[] {
  const { report, exchanges } = analyseCapture(ordered, events)
  const threads = new Map<string, SessionThread>()
  const point = (id: string, p: ThreadPoint, cookieName?: string): void => {
    let thread = threads.get(id)
    if (!thread) {
      thread = { id, hue: hueOf(id), points: [], start: p.at, end: p.at }
      threads.set(id, thread)
    }
    if (cookieName) thread.cookieName ??= cookieName
    // The traffic and the server's own events can tell the same step (a rotation at one exchange): once.
    if (p.exchangeId && thread.points.some((q) => q.kind === p.kind && q.exchangeId === p.exchangeId)) return
    thread.points.push(p)
    thread.start = Math.min(thread.start, p.at)
    thread.end = Math.max(thread.end, p.at)
  }
  const at = (i: number, reply: boolean): ThreadPoint['at'] => {
    const x = exchanges[i] as CapturedExchange
    return reply ? replyAt(x) : x.startedAt
  }
  for (const trip of report.sessions) {
    const p = (kind: ThreadPointKind, i: number, reply: boolean): void =>
      point(trip.value, { kind, at: at(i, reply), exchangeId: exchanges[i]?.id }, trip.cookie)
    if (trip.issuedBy !== null) p('issued', trip.issuedBy, true)
    for (const i of trip.sentIn) p('sent', i, false)
    if (trip.endedBy !== null) {
      const kind = trip.end === 'replaced' ? 'rotated' : trip.end === 'cleared' ? 'cleared' : 'expired'
      p(kind, trip.endedBy, true)
    } else if (trip.end === 'expired' && trip.expiredAtMs !== undefined) {
      point(trip.value, { kind: 'expired', at: trip.expiredAtMs }, trip.cookie)
    }
  }
  // The server's own view: created, rotated, destroyed, expired (also for IDs the traffic never showed).
  for (const e of events) {
    const kind: ThreadPointKind = e.kind === 'rotated' ? 'created' : e.kind
    point(e.sessionId, { kind, at: e.at, exchangeId: e.exchangeId })
    if (e.kind === 'rotated' && e.previousId) {
      point(e.previousId, { kind: 'rotated', at: e.at, exchangeId: e.exchangeId })
    }
    const thread = threads.get(e.sessionId)
    if (e.user && thread) thread.user = e.user
  }
  for (const thread of threads.values()) thread.points.sort((a, b) => a.at - b.at)
  return [...threads.values()].sort((a, b) => a.start - b.start)
}

export type Actor = 'browser' | 'server' | 'store'

export interface SequenceStep {
  from: Actor
  to: Actor
  /** A message key in the i18n dictionary, or undefined for raw `text` (a request line, a status). */
  key?:
    | 'seq.connect'
    | 'seq.reuse'
    | 'seq.storeCreate'
    | 'seq.storeRotate'
    | 'seq.storeDestroy'
    | 'seq.storeExpire'
  keyParams?: Record<string, string>
  text?: string
  cookie?: { kind: 'carries' | 'set' | 'stored' | 'lookup'; name: string; value: string }
  exchangeId?: string
  at: number
}

function storeStep(e: ServerSessionEvent): SequenceStep {
  const base = { from: 'server' as Actor, to: 'store' as Actor, at: e.at, exchangeId: e.exchangeId }
  if (e.kind === 'created') return { ...base, key: 'seq.storeCreate', keyParams: { id: short(e.sessionId) } }
  if (e.kind === 'rotated') {
    const keyParams = { id: short(e.sessionId), previous: short(e.previousId ?? '?') }
    return { ...base, key: 'seq.storeRotate', keyParams }
  }
  if (e.kind === 'destroyed')
    return { ...base, key: 'seq.storeDestroy', keyParams: { id: short(e.sessionId) } }
  return {
    ...base,
    from: 'store',
    key: 'seq.storeExpire',
    keyParams: { id: short(e.sessionId), reason: e.reason ?? '' }
  }
}

/** The steps a session really took (the analysis's round trip of that ID), in order. */
export function sessionSequence(
  sessionId: string,
  ordered: CapturedExchange[],
  events: ServerSessionEvent[]
): SequenceStep[] {
  const { report, exchanges } = analyseCapture(ordered, events)
  const trips = report.sessions.filter((s) => s.value === sessionId)
  const related = new Map<string, ServerSessionEvent[]>()
  const loose: ServerSessionEvent[] = []
  for (const e of events) {
    if (e.sessionId !== sessionId && e.previousId !== sessionId) continue
    if (e.exchangeId) related.set(e.exchangeId, [...(related.get(e.exchangeId) ?? []), e])
    else loose.push(e)
  }
  const role = new Map<number, { trip: SessionRoundTrip; sent: boolean; issued: boolean; ended: boolean }>()
  const mark = (i: number | null, trip: SessionRoundTrip, what: 'sent' | 'issued' | 'ended'): void => {
    if (i === null) return
    const r = role.get(i) ?? { trip, sent: false, issued: false, ended: false }
    r[what] = true
    role.set(i, r)
  }
  for (const trip of trips) {
    mark(trip.issuedBy, trip, 'issued')
    for (const i of trip.sentIn) mark(i, trip, 'sent')
    if (trip.end !== 'replaced') mark(trip.endedBy, trip, 'ended')
  }
  exchanges.forEach((x, i) => {
    if (related.has(x.id) && !role.has(i) && trips[0])
      role.set(i, { trip: trips[0], sent: false, issued: false, ended: false })
  })
  const groups: { at: number; steps: SequenceStep[] }[] = []
  for (const [i, r] of [...role].sort((a, b) => a[0] - b[0])) {
    const x = exchanges[i] as CapturedExchange
    const { cookie, value } = r.trip
    const exchangeId = x.id
    const at = x.startedAt
    const steps: SequenceStep[] = []
    // Reuse is drawn only where the capture knows which connection carried the request.
    if (x.connectionSource !== 'none') {
      const key = x.sequence === 1 ? 'seq.connect' : 'seq.reuse'
      steps.push({
        from: 'browser',
        to: 'server',
        key,
        keyParams: { id: x.clientConnectionId },
        at,
        exchangeId
      })
    }
    steps.push({
      from: 'browser',
      to: 'server',
      text: `${x.method} ${urlParts(x.url).path}`,
      at,
      exchangeId,
      ...(r.sent && { cookie: { kind: 'carries' as const, name: cookie, value } })
    })
    if (r.sent)
      steps.push({
        from: 'server',
        to: 'store',
        cookie: { kind: 'lookup', name: cookie, value },
        at,
        exchangeId
      })
    for (const e of related.get(x.id) ?? []) steps.push(storeStep(e))
    const reply = x.status
      ? `${x.status} ${x.statusText ?? ''}`.trim()
      : x.state === 'error'
        ? (x.error?.message ?? 'error')
        : '…'
    const setValue = r.issued ? value : r.ended ? '' : undefined
    steps.push({
      from: 'server',
      to: 'browser',
      text: reply,
      at: replyAt(x),
      exchangeId,
      ...(setValue !== undefined && { cookie: { kind: 'set' as const, name: cookie, value: setValue } })
    })
    if (r.issued) {
      steps.push({
        from: 'browser',
        to: 'browser',
        cookie: { kind: 'stored', name: cookie, value },
        at: replyAt(x),
        exchangeId
      })
    }
    groups.push({ at, steps })
  }
  for (const e of loose) groups.push({ at: e.at, steps: [storeStep(e)] })
  return groups.sort((a, b) => a.at - b.at).flatMap((g) => g.steps)
}
