// Roundtrip's own HAR files carry the sample site's session-store events (`log._roundtrip.sessionEvents`):
// the server's view of each ID. When present they settle what the traffic alone can only suggest, e.g.
// whether a deletion answered a timed-out session (expired) or a deliberate logout (cleared).
import type { CapturedExchange, ServerSessionEvent } from '../model'
import { tell, type ServerSideEvent, type SessionRoundTrip } from './sessions'

const KINDS = new Set(['created', 'rotated', 'destroyed', 'expired'])

/** Adds the server's events to each round trip and lets them decide expired versus cleared. */
export function attachServerView(
  exchanges: readonly CapturedExchange[],
  sessionEvents: readonly ServerSessionEvent[],
  sessions: SessionRoundTrip[]
): void {
  const events = sessionEvents.filter(
    (e) => typeof e.sessionId === 'string' && typeof e.at === 'number' && KINDS.has(e.kind)
  )
  if (!events.length) return
  const entryOf = new Map<string, number>()
  exchanges.forEach((x, i) => entryOf.set(x.id, i))
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
    tell(trip)
  }
}
