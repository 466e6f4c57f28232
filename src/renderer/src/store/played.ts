// The capture as far as the playhead: all of it without one. Everything the UI derives starts here.
import type { CapturedConnection, CapturedExchange, ServerSessionEvent } from '../../../shared/model'
import { memoize } from './memo'
import type { RoundtripState } from './types'

const allMemo = memoize((exchanges: Map<string, CapturedExchange>, order: string[]): CapturedExchange[] => {
  const out: CapturedExchange[] = []
  for (const id of order) {
    const x = exchanges.get(id)
    if (x) out.push(x)
  }
  return out
})

/** Every exchange in the capture, in order of arrival, whatever the playhead. */
export function allExchanges(s: RoundtripState): CapturedExchange[] {
  return allMemo(s.exchanges, s.exchangeOrder)
}

const playedMemo = memoize((all: CapturedExchange[], playhead: number | undefined) =>
  playhead === undefined ? all : all.filter((x) => x.startedAt <= playhead)
)

/** The exchanges in order of arrival, as far as the playhead (all of them without one). */
export function orderedExchanges(s: RoundtripState): CapturedExchange[] {
  return playedMemo(allExchanges(s), s.playhead)
}

const playedEventsMemo = memoize((events: ServerSessionEvent[], playhead: number | undefined) =>
  playhead === undefined ? events : events.filter((e) => e.at <= playhead)
)

/** The sample site's session events up to the playhead. */
export function sessionEvents(s: RoundtripState): ServerSessionEvent[] {
  return playedEventsMemo(s.sessionEvents, s.playhead)
}

const playedConnectionsMemo = memoize(
  (connections: Map<string, CapturedConnection>, playhead: number | undefined) =>
    playhead === undefined ? connections : new Map([...connections].filter(([, c]) => c.openedAt <= playhead))
)

/** Connections opened by the playhead. */
export function playedConnections(s: RoundtripState): Map<string, CapturedConnection> {
  return playedConnectionsMemo(s.connections, s.playhead)
}
