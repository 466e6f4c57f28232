// Roundtrip's own HAR files carry the sample site's session-store events (`log._roundtrip.sessionEvents`):
// the server's view of each ID. When present they settle what the traffic alone can only suggest, e.g.
// whether a deletion answered a timed-out session (expired) or a deliberate logout (cleared).
import type { Har } from 'har-format'
import { storyOf, type ServerSideEvent, type SessionRoundTrip } from './sessions'

interface RawEvent {
  at: number
  kind: ServerSideEvent['kind']
  sessionId: string
  previousId?: string
  user?: string
  reason?: 'idle' | 'absolute'
  exchangeId?: string
}

const KINDS = new Set(['created', 'rotated', 'destroyed', 'expired'])

function serverEvents(har: Har): RawEvent[] {
  const data = (har.log as unknown as Record<string, unknown>)._roundtrip
  const list =
    typeof data === 'object' && data !== null ? (data as Record<string, unknown>).sessionEvents : undefined
  if (!Array.isArray(list)) return []
  return list.filter(
    (e): e is RawEvent =>
      typeof e === 'object' &&
      e !== null &&
      typeof e.sessionId === 'string' &&
      typeof e.at === 'number' &&
      KINDS.has(e.kind)
  )
}

/** Adds the server's events to each round trip and lets them decide expired versus cleared. */
export function attachServerView(har: Har, sessions: SessionRoundTrip[]): void {
  const events = serverEvents(har)
  if (!events.length) return
  const entryOf = new Map<string, number>()
  har.log.entries.forEach((e, i) => {
    const id = (e as unknown as Record<string, unknown>)._id
    if (typeof id === 'string') entryOf.set(id, i)
  })
  for (const trip of sessions) {
    const mine = events.filter(
      (e) => e.sessionId === trip.value || (e.kind === 'rotated' && e.previousId === trip.value)
    )
    if (!mine.length) continue
    trip.server = mine.map((e) => {
      // A rotation seen from the old ID is its end; from the new ID, its start.
      const kind = e.kind === 'rotated' && e.sessionId === trip.value ? 'created' : e.kind
      const out: ServerSideEvent = { kind, at: new Date(e.at).toISOString() }
      if (e.reason) out.reason = e.reason
      if (e.user) out.user = e.user
      const entry = e.exchangeId ? entryOf.get(e.exchangeId) : undefined
      if (entry !== undefined) out.entry = entry
      return out
    })
    const last = trip.server.at(-1)
    if (trip.end === 'cleared' && last?.kind === 'expired') {
      trip.end = 'expired'
      trip.expiredOn = 'server'
      trip.expiredAt = last.at
      trip.atLogout = undefined
    } else if (trip.end === 'expired' && trip.expiredOn === 'server' && last?.kind === 'destroyed') {
      trip.end = 'cleared'
      trip.expiredOn = undefined
      trip.expiredAt = undefined
    } else if (trip.end === 'expired' && trip.expiredOn === 'server' && last?.kind === 'expired') {
      trip.expiredAt = last.at
    }
    trip.story = storyOf(trip)
  }
}
