// HTTP/2 multiplexing as facts: which exchanges were in flight together on one connection, the
// sub-row each stream takes when a lane stacks concurrent streams, and whether the capture shows
// the lesson (several streams at once on one HTTP/2 connection). Pure: plain model records in.
import type { CapturedConnection, CapturedExchange } from '../model'

/** The span an exchange occupied: start to its last known time (a pending one runs to `now`). */
export function spanOf(x: CapturedExchange, now = Number.POSITIVE_INFINITY): [number, number] {
  const t = x.timings
  const last = t.responseEnd ?? t.responseHeaders ?? t.requestSent ?? t.upstreamConnected ?? 0
  return [x.startedAt, x.state === 'pending' ? Math.max(now, x.startedAt + last) : x.startedAt + last]
}

/** HTTP/2: the connection says so, or its exchanges carry stream ids (a recording from elsewhere). */
export function isMultiplexed(
  connection: Pick<CapturedConnection, 'protocol'> | undefined,
  exchanges: readonly CapturedExchange[]
): boolean {
  return connection?.protocol === 'h2' || exchanges.some((x) => x.streamId !== undefined)
}

/**
 * Sub-rows for one connection's exchanges: each takes the lowest row free at its start, so streams
 * in flight together sit on different rows and a lone stream stays on row 0. Returns the row of
 * each exchange id and how many rows the lane needs.
 */
export function streamRows(
  exchanges: readonly CapturedExchange[],
  now?: number
): { rows: Map<string, number>; count: number } {
  const order = [...exchanges].sort((a, b) => a.startedAt - b.startedAt)
  const busyUntil: number[] = []
  const rows = new Map<string, number>()
  for (const x of order) {
    const [start, end] = spanOf(x, now)
    let row = busyUntil.findIndex((until) => until <= start)
    if (row < 0) row = busyUntil.length
    busyUntil[row] = end
    rows.set(x.id, row)
  }
  return { rows, count: Math.max(1, busyUntil.length) }
}

/** How many other exchanges on the same connection overlapped this one in time. */
export function othersInFlight(
  x: CapturedExchange,
  sameConnection: readonly CapturedExchange[],
  now?: number
): number {
  const [start, end] = spanOf(x, now)
  let n = 0
  for (const o of sameConnection) {
    if (o.id === x.id) continue
    const [s, e] = spanOf(o, now)
    if (s < end && start < e) n++
  }
  return n
}

export interface MultiplexLesson {
  step: 'multiplex'
  done: boolean
  /** The exchange with the most company in flight on its HTTP/2 connection. */
  exchangeId?: string
  /** How many streams were in flight at once there, at most. */
  streams?: number
}

/** Proved when one HTTP/2 connection carried at least two streams at the same time. */
export function multiplexLesson(
  exchanges: readonly CapturedExchange[],
  connections: readonly CapturedConnection[]
): MultiplexLesson {
  const byConnection = new Map<string, CapturedExchange[]>()
  for (const x of exchanges) {
    if (x.streamId === undefined) continue
    const list = byConnection.get(x.clientConnectionId)
    if (list) list.push(x)
    else byConnection.set(x.clientConnectionId, [x])
  }
  const h2 = new Set(connections.filter((c) => c.protocol === 'h2').map((c) => c.id))
  let best: { id: string; n: number } | undefined
  for (const [id, list] of byConnection) {
    if (!h2.has(id) && connections.some((c) => c.id === id)) continue
    for (const x of list) {
      const n = othersInFlight(x, list)
      if (n > 0 && (!best || n > best.n)) best = { id: x.id, n }
    }
  }
  return best
    ? { step: 'multiplex', done: true, exchangeId: best.id, streams: best.n + 1 }
    : { step: 'multiplex', done: false }
}
