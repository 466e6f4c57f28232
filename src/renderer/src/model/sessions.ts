// Session IDs across the capture: where each was issued, sent back, rotated and cleared (from the
// cookies on the wire and the sample site's own session events), and the steps of one session as
// a sequence diagram Browser | Server | Session store.
import type { CapturedExchange, ServerSessionEvent } from '../../../shared/model'
import { cookieExpiry } from './cookies'
import { cookiesOf } from './exchange-cookies'
import { urlParts } from '../../../shared/http'

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

const SESSION_NAME =
  /^(sid|sess|session|sessionid|session_id|connect\.sid|phpsessid|jsessionid|asp\.net_sessionid)$|_session$/i

export function isSessionCookieName(name: string): boolean {
  return SESSION_NAME.test(name)
}

export function hueOf(id: string): number {
  let h = 0
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0
  return h % 360
}

/** Builds one thread per session ID, in order of first appearance. */
export function sessionThreads(ordered: CapturedExchange[], events: ServerSessionEvent[]): SessionThread[] {
  const threads = new Map<string, SessionThread>()
  const known = new Set(events.map((e) => e.sessionId))
  const point = (id: string, p: ThreadPoint, cookieName?: string): void => {
    let thread = threads.get(id)
    if (!thread) {
      thread = { id, hue: hueOf(id), points: [], start: p.at, end: p.at }
      threads.set(id, thread)
    }
    if (cookieName) thread.cookieName ??= cookieName
    thread.points.push(p)
    thread.start = Math.min(thread.start, p.at)
    thread.end = Math.max(thread.end, p.at)
  }
  const lastValue = new Map<string, string>()
  for (const x of ordered) {
    const { sent, set } = cookiesOf(x)
    for (const c of sent) {
      if (c.value && (isSessionCookieName(c.name) || known.has(c.value))) {
        point(c.value, { kind: 'sent', at: x.startedAt, exchangeId: x.id }, c.name)
      }
    }
    const at = x.startedAt + (x.timings.responseHeaders ?? 0)
    for (const c of set) {
      if (!(isSessionCookieName(c.name) || known.has(c.value))) continue
      const deleted = !c.value || cookieExpiry(c, at) === 'deleted'
      if (deleted) {
        const previous = lastValue.get(c.name)
        if (previous) point(previous, { kind: 'cleared', at, exchangeId: x.id }, c.name)
        lastValue.delete(c.name)
      } else {
        point(c.value, { kind: 'issued', at, exchangeId: x.id }, c.name)
        lastValue.set(c.name, c.value)
      }
    }
  }
  for (const e of events) {
    const kind: ThreadPointKind = e.kind === 'created' ? 'created' : e.kind === 'rotated' ? 'created' : e.kind
    point(e.sessionId, { kind, at: e.at, exchangeId: e.exchangeId })
    if (e.kind === 'rotated' && e.previousId)
      point(e.previousId, { kind: 'rotated', at: e.at, exchangeId: e.exchangeId })
    if (e.user) {
      const thread = threads.get(e.sessionId)
      if (thread) thread.user = e.user
    }
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

/** The steps a session really took, in order, drawn between Browser, Server and Session store. */
export function sessionSequence(
  sessionId: string,
  ordered: CapturedExchange[],
  events: ServerSessionEvent[]
): SequenceStep[] {
  const eventsByExchange = new Map<string, ServerSessionEvent[]>()
  const loose: ServerSessionEvent[] = []
  for (const e of events) {
    if (e.sessionId !== sessionId && e.previousId !== sessionId) continue
    if (e.exchangeId) eventsByExchange.set(e.exchangeId, [...(eventsByExchange.get(e.exchangeId) ?? []), e])
    else loose.push(e)
  }
  const storeStep = (e: ServerSessionEvent): SequenceStep => {
    const base = { from: 'server' as Actor, to: 'store' as Actor, at: e.at, exchangeId: e.exchangeId }
    if (e.kind === 'created')
      return { ...base, key: 'seq.storeCreate', keyParams: { id: short(e.sessionId) } }
    if (e.kind === 'rotated')
      return {
        ...base,
        key: 'seq.storeRotate',
        keyParams: { id: short(e.sessionId), previous: short(e.previousId ?? '?') }
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
  // Steps stay in the order they happen within an exchange; exchanges and loose events (a timeout
  // the server noticed on its own) are ordered by time.
  const groups: { at: number; steps: SequenceStep[] }[] = []
  for (const x of ordered) {
    const cookies = cookiesOf(x)
    const sent = cookies.sent.find((c) => c.value === sessionId)
    const sets = cookies.set
    const issued = sets.find((c) => c.value === sessionId)
    const related = eventsByExchange.get(x.id) ?? []
    const clears = sent
      ? sets.find((c) => c.name === sent.name && (!c.value || cookieExpiry(c, x.startedAt) === 'deleted'))
      : undefined
    if (!sent && !issued && related.length === 0) continue
    const at = x.startedAt
    const replyAt = x.startedAt + (x.timings.responseHeaders ?? 0)
    const steps: SequenceStep[] = []
    const exchangeId = x.id
    steps.push({
      from: 'browser',
      to: 'server',
      key: x.sequence === 1 ? 'seq.connect' : 'seq.reuse',
      keyParams: { id: x.clientConnectionId },
      at,
      exchangeId
    })
    steps.push({
      from: 'browser',
      to: 'server',
      text: `${x.method} ${urlParts(x.url).path}`,
      at,
      exchangeId,
      ...(sent && { cookie: { kind: 'carries', name: sent.name, value: sent.value } })
    })
    if (sent) {
      steps.push({
        from: 'server',
        to: 'store',
        cookie: { kind: 'lookup', name: sent.name, value: sent.value },
        at,
        exchangeId
      })
    }
    for (const e of related) steps.push(storeStep(e))
    const reply = x.status
      ? `${x.status} ${x.statusText ?? ''}`.trim()
      : x.state === 'error'
        ? (x.error?.message ?? 'error')
        : '…'
    const setLine = issued ?? clears
    steps.push({
      from: 'server',
      to: 'browser',
      text: reply,
      at: replyAt,
      exchangeId,
      ...(setLine && { cookie: { kind: 'set', name: setLine.name, value: setLine.value } })
    })
    if (issued) {
      steps.push({
        from: 'browser',
        to: 'browser',
        cookie: { kind: 'stored', name: issued.name, value: issued.value },
        at: replyAt,
        exchangeId
      })
    }
    groups.push({ at, steps })
  }
  for (const e of loose) groups.push({ at: e.at, steps: [storeStep(e)] })
  return groups.sort((a, b) => a.at - b.at).flatMap((g) => g.steps)
}

/** Long random IDs shortened for display: the first 8 characters and an ellipsis. */
export function short(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id
}
