// Selectors: plain functions of the state (memoised on identity), tested without React.
import type {
  CapturedConnection,
  CapturedExchange,
  CapturedTunnel,
  CloseReason,
  ServerSessionEvent
} from '../../../shared/model'
import { connectionSource, type ConnectionSource } from '../../../shared/analysis/connections'
import { explain, say } from '../../../shared/analysis/explain'
import { isMultiplexed, streamRows } from '../../../shared/analysis/multiplex'
import { ordinal, t, type Lang } from '../i18n'
import { sessionThreads, type SessionThread } from '../model/threads'
import { exchangeMatches, isFiltering } from './filters'
import { memoize } from './memo'
import { allExchanges, orderedExchanges, playedConnections, sessionEvents } from './played'
import type { RoundtripState } from './types'

export { allExchanges, orderedExchanges, playedConnections, sessionEvents }

export type PhaseKind = 'connect' | 'waiting' | 'receiving'

export interface TimelinePhase {
  kind: PhaseKind
  start: number
  end: number
}

/** What the timeline draws for one exchange (epoch ms). */
export interface TimelineBar {
  id: string
  start: number
  end: number
  phases: TimelinePhase[]
  state: CapturedExchange['state']
  /** The full line for the tooltip: method, URL, status. */
  label: string
  method: string
  url: string
  error?: string
  /** 1 = first on its connection; more means the connection was reused. */
  sequence: number
  /** HTTP/2: its stream id on the connection. */
  streamId?: number
  /** Sent twice: its first upstream socket was a stale kept-alive one (see CapturedExchange.retried). */
  retried?: boolean
}

export interface ConnectionLane {
  kind: 'connection'
  id: string
  openedAt: number
  closedAt?: number
  closedBy?: CloseReason
  error?: string
  remote: string
  /** The (matching) exchanges it carried, in order; bars are made only for the visible ones. */
  exchanges: CapturedExchange[]
  /** HTTP/2: streams in flight together stack in sub-rows (the row of each exchange, and how many). */
  streams?: { rows: Map<string, number>; count: number }
}

/** A CONNECT tunnel's lane: the tunnel record, with its error as one line of text. */
export type TunnelLane = { kind: 'tunnel'; error?: string } & Omit<CapturedTunnel, 'error'>

export type Lane = ConnectionLane | TunnelLane

const eventsByExchangeMemo = memoize((events: ServerSessionEvent[]) => {
  const map = new Map<string, ServerSessionEvent[]>()
  for (const e of events) if (e.exchangeId) map.set(e.exchangeId, [...(map.get(e.exchangeId) ?? []), e])
  return map
})

export function eventsByExchange(s: RoundtripState): Map<string, ServerSessionEvent[]> {
  return eventsByExchangeMemo(sessionEvents(s))
}

const filteredMemo = memoize(
  (
    ordered: CapturedExchange[],
    filters: RoundtripState['filters'],
    byExchange: Map<string, ServerSessionEvent[]>
  ) => (isFiltering(filters) ? ordered.filter((x) => exchangeMatches(x, filters, byExchange)) : ordered)
)

const withoutInternalMemo = memoize((ordered: CapturedExchange[], hide: boolean) =>
  hide ? ordered.filter((x) => !x.browserInternal) : ordered
)

/** The rows view: matching exchanges in chronological order. */
export function filteredExchanges(s: RoundtripState): CapturedExchange[] {
  return filteredMemo(
    withoutInternalMemo(orderedExchanges(s), s.hideBrowserInternal),
    s.filters,
    eventsByExchange(s)
  )
}

/** The end of an exchange as far as it is known; `now` for one still waiting. */
export function exchangeEnd(x: CapturedExchange, now: number): number {
  const t = x.timings
  const last = t.responseEnd ?? t.responseHeaders ?? t.requestSent ?? t.upstreamConnected
  if (x.state === 'pending') return Math.max(now, x.startedAt + (last ?? 0))
  return x.startedAt + (last ?? 0)
}

/** Phases from the timings: connect (only on a new upstream socket), waiting, receiving. */
export function timelineBar(x: CapturedExchange, now: number): TimelineBar {
  const t = x.timings
  const s = x.startedAt
  const end = exchangeEnd(x, now)
  const phases: TimelinePhase[] = []
  const connectEnd =
    t.upstreamConnected !== undefined && !x.upstreamReused ? s + t.upstreamConnected : undefined
  if (connectEnd !== undefined) phases.push({ kind: 'connect', start: s, end: connectEnd })
  const waitStart = connectEnd ?? s
  const waitEnd = t.responseHeaders !== undefined ? s + t.responseHeaders : end
  if (waitEnd > waitStart || phases.length === 0)
    phases.push({ kind: 'waiting', start: waitStart, end: waitEnd })
  if (t.responseHeaders !== undefined) {
    const recvEnd = t.responseEnd !== undefined ? s + t.responseEnd : end
    phases.push({
      kind: 'receiving',
      start: s + t.responseHeaders,
      end: Math.max(recvEnd, s + t.responseHeaders)
    })
  }
  const label = `${x.method} ${x.url}${x.status ? ` ${x.status}` : ''}`
  return {
    id: x.id,
    start: s,
    end,
    phases,
    state: x.state,
    label,
    method: x.method,
    url: x.url,
    sequence: x.sequence,
    ...(x.streamId !== undefined && { streamId: x.streamId }),
    ...(x.retried && { retried: true }),
    ...(x.error && { error: `${x.error.kind}: ${x.error.message}` })
  }
}

/**
 * "3rd request on connection c7" or "new connection c7"; for connections inferred from timings it says so,
 * and where the capture does not say which connection carried the request it claims nothing.
 */
export function reuseLabel(
  x: Pick<CapturedExchange, 'sequence' | 'clientConnectionId' | 'connectionSource' | 'streamId'>,
  lang: Lang
): string {
  if (x.connectionSource === 'none') return say(lang, explain('conn.unknown'))
  // HTTP/2: the stream, not a position in a queue of requests.
  if (x.streamId !== undefined) return t(lang, 'h2.stream', { stream: x.streamId, id: x.clientConnectionId })
  const label =
    x.sequence <= 1
      ? t(lang, 'timeline.newConnection', { id: x.clientConnectionId })
      : t(lang, 'timeline.nthRequest', { nth: ordinal(lang, x.sequence), id: x.clientConnectionId })
  return x.connectionSource === 'inferred' ? `${label} (${say(lang, explain('conn.label.inferred'))})` : label
}

const sourceMemo = memoize(
  (all: CapturedExchange[], info: RoundtripState['connectionInfo']): ConnectionSource =>
    connectionSource(all, info)
)

/** Where the capture's connections come from: recorded, inferred from timings, or not known at all. */
export function connectionSourceOf(s: RoundtripState): ConnectionSource {
  return sourceMemo(allExchanges(s), s.connectionInfo)
}

const lanesMemo = memoize(
  (
    filtered: CapturedExchange[],
    filtering: boolean,
    connections: Map<string, CapturedConnection>,
    tunnels: RoundtripState['tunnels'],
    hideInternal: boolean
  ): Lane[] => {
    const byConn = new Map<string, CapturedExchange[]>()
    for (const x of filtered) {
      const list = byConn.get(x.clientConnectionId)
      if (list) list.push(x)
      else byConn.set(x.clientConnectionId, [x])
    }
    const tunnelConns = new Set([...tunnels.values()].map((tn) => tn.clientConnectionId))
    const lanes: Lane[] = []
    for (const c of connections.values()) {
      if (c.kind !== 'client') continue
      const exchanges = byConn.get(c.id) ?? []
      byConn.delete(c.id)
      if (exchanges.length === 0 && (filtering || hideInternal || tunnelConns.has(c.id))) continue
      lanes.push({
        kind: 'connection',
        id: c.id,
        openedAt: c.openedAt,
        closedAt: c.closedAt,
        closedBy: c.closedBy,
        error: c.error,
        remote: `${c.remoteAddress}:${c.remotePort}`,
        exchanges,
        ...(isMultiplexed(c, exchanges) && { streams: streamRows(exchanges) })
      })
    }
    // Exchanges whose connection record has not arrived yet still get a lane.
    for (const [id, exchanges] of byConn) {
      lanes.push({
        kind: 'connection',
        id,
        openedAt: exchanges[0]?.startedAt ?? 0,
        remote: '',
        exchanges,
        ...(isMultiplexed(undefined, exchanges) && { streams: streamRows(exchanges) })
      })
    }
    if (!filtering) {
      for (const tn of tunnels.values()) {
        if (hideInternal && tn.browserInternal) continue
        const { error, ...rest } = tn
        lanes.push({ kind: 'tunnel', ...rest, ...(error && { error: `${error.kind}: ${error.message}` }) })
      }
    }
    return lanes.sort((a, b) => a.openedAt - b.openedAt || (a.id < b.id ? -1 : 1))
  }
)

/** Bars for a lane's exchanges that overlap [from, to]. */
export function visibleBars(lane: ConnectionLane, from: number, to: number, now: number): TimelineBar[] {
  const out: TimelineBar[] = []
  for (const x of lane.exchanges) {
    if (x.startedAt > to) break
    if (exchangeEnd(x, now) >= from) out.push(timelineBar(x, now))
  }
  return out
}

/** One lane per client connection (and one per CONNECT tunnel), in order of opening. */
export function lanes(s: RoundtripState): Lane[] {
  return lanesMemo(
    filteredExchanges(s),
    isFiltering(s.filters),
    playedConnections(s),
    s.tunnels,
    s.hideBrowserInternal
  )
}

export interface TimeRange {
  start: number
  end: number
}

const rangeMemo = memoize(
  (
    ordered: CapturedExchange[],
    connections: Map<string, CapturedConnection>,
    tunnels: RoundtripState['tunnels']
  ) => {
    let start = Infinity
    let end = -Infinity
    const see = (v: number | undefined): void => {
      if (v === undefined) return
      if (v < start) start = v
      if (v > end) end = v
    }
    for (const x of ordered) {
      see(x.startedAt)
      see(exchangeEnd(x, x.startedAt))
    }
    // Only what is drawn: an upstream socket that the origin closes seconds later (idle keep-alive)
    // has no lane, and counting it squeezed every bar of the live view into a corner.
    for (const c of connections.values()) {
      if (c.kind !== 'client') continue
      see(c.openedAt)
      see(c.closedAt)
    }
    for (const tn of tunnels.values()) {
      see(tn.openedAt)
      see(tn.closedAt)
    }
    return start === Infinity ? undefined : { start, end }
  }
)

/** The span of everything captured (undefined when nothing is). */
export function timeRange(s: RoundtripState): TimeRange | undefined {
  return rangeMemo(allExchanges(s), s.connections, s.tunnels)
}

const threadsMemo = memoize(sessionThreads)

export function threads(s: RoundtripState): SessionThread[] {
  return threadsMemo(orderedExchanges(s), sessionEvents(s))
}

export function selectedExchange(s: RoundtripState): CapturedExchange | undefined {
  return s.selectedExchangeId ? s.exchanges.get(s.selectedExchangeId) : undefined
}

const pendingMemo = memoize((ordered: CapturedExchange[]) => ordered.some((x) => x.state === 'pending'))

/** Whether anything is still waiting for its response (the timeline then grows with the clock). */
export function hasPending(s: RoundtripState): boolean {
  return pendingMemo(orderedExchanges(s))
}
