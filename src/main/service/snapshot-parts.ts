// A big capture goes to the page in parts, so the timeline draws before the rest is there: first the
// newest exchanges (what the live timeline shows, following the newest traffic), then the rest from
// newer to older in parts of at most 2,000 exchanges (about 1 MB of JSON: the page reads each in a task
// short enough to keep answering clicks, and holds them to apply together, useCaptureFeed.ts). Parts
// may grow (`next`, doubling up to `largest`). Each connection travels with the first exchange that
// names it; connections no exchange names, tunnels and session events travel first.
// Both doors send it so: the web stream (web/stream.ts) and the Electron IPC (ipc/routes.ts).
import type { SnapshotMessage } from '../../shared/api/contract'
import type { CaptureSnapshot, CapturedConnection, CapturedExchange } from '../../shared/model'

export interface PartsOptions {
  /** Exchanges in the first message (the window the user sees first). */
  first?: number
  /** The second part's size; each part after it doubles, up to `largest`. */
  next?: number
  largest?: number
  /** How each exchange travels (e.g. without its bodies' bytes); applied part by part. */
  exchange?: (x: CapturedExchange) => CapturedExchange
}

/**
 * The snapshot as one message when it is small, else a first message and its parts; made one at a
 * time, so the first can be sent before the rest is shaped.
 */
export function* snapshotMessages(
  snap: CaptureSnapshot,
  opts: PartsOptions = {}
): Generator<SnapshotMessage> {
  const first = opts.first ?? 500
  const shape = opts.exchange ?? ((x: CapturedExchange) => x)
  const total = snap.exchanges.length
  if (total <= first * 2) {
    yield {
      type: 'snapshot',
      snapshot: opts.exchange ? { ...snap, exchanges: snap.exchanges.map(shape) } : snap
    }
    return
  }
  const byId = new Map(snap.connections.map((c) => [c.id, c]))
  const named = new Set<string>()
  for (const x of snap.exchanges) {
    named.add(x.clientConnectionId)
    if (x.upstreamConnectionId) named.add(x.upstreamConnectionId)
  }
  const sent = new Set<string>()
  const connectionsOf = (exchanges: CapturedExchange[]): CapturedConnection[] => {
    const out: CapturedConnection[] = []
    for (const x of exchanges) {
      for (const id of [x.clientConnectionId, x.upstreamConnectionId]) {
        if (id === undefined || sent.has(id)) continue
        sent.add(id)
        const c = byId.get(id)
        if (c) out.push(c)
      }
    }
    return out
  }
  // Exchanges are in arrival order: the newest are at the end.
  let end = total - first
  const head = snap.exchanges.slice(end)
  yield {
    type: 'snapshot',
    snapshot: {
      ...snap,
      exchanges: head.map(shape),
      connections: [...snap.connections.filter((c) => !named.has(c.id)), ...connectionsOf(head)]
    },
    more: { loaded: head.length, total }
  }
  let size = opts.next ?? 2000
  const largest = opts.largest ?? 2000
  while (end > 0) {
    const start = Math.max(0, end - size)
    const exchanges = snap.exchanges.slice(start, end)
    yield {
      type: 'snapshot-part',
      exchanges: exchanges.map(shape),
      connections: connectionsOf(exchanges),
      loaded: total - start,
      total
    }
    end = start
    size = Math.min(size * 2, largest)
  }
}
