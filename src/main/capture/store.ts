// The live capture: records of connections, exchanges, tunnels and server session events,
// upserted by id, read as a snapshot, and fed to subscribers in batches so a busy browser
// does not flood the UI with one message per request.
import type {
  CaptureBatch,
  CaptureChange,
  CaptureSnapshot,
  CapturedConnection,
  CapturedExchange,
  CapturedTunnel,
  ServerSessionEvent
} from '../../shared/model'

export interface CaptureStoreOptions {
  /** How long changes gather before a batch goes out. */
  batchMs?: number
  /** The most exchanges kept in memory; the oldest leave first (a recording file keeps them). */
  maxExchanges?: number
}

export type CaptureListener = (batch: CaptureBatch) => void

export class CaptureStore {
  private readonly connections = new Map<string, CapturedConnection>()
  private readonly exchanges = new Map<string, CapturedExchange>()
  private readonly tunnels = new Map<string, CapturedTunnel>()
  private sessionEvents: ServerSessionEvent[] = []
  private readonly listeners = new Set<CaptureListener>()
  private pending: CaptureChange[] = []
  private timer: NodeJS.Timeout | undefined
  private seq = 0
  private evictedCount = 0
  readonly batchMs: number
  readonly maxExchanges: number

  constructor(options: CaptureStoreOptions = {}) {
    this.batchMs = options.batchMs ?? 100
    this.maxExchanges = options.maxExchanges ?? 100_000
  }

  /** Exchanges that left memory because of the capture limit. */
  get evicted(): number {
    return this.evictedCount
  }

  putConnection(connection: CapturedConnection): void {
    this.connections.set(connection.id, connection)
    this.queue({ type: 'connection', connection })
  }

  putExchange(exchange: CapturedExchange): void {
    const isNew = !this.exchanges.has(exchange.id)
    this.exchanges.set(exchange.id, exchange)
    this.queue({ type: 'exchange', exchange })
    if (isNew && this.exchanges.size > this.maxExchanges) this.evictOldest()
  }

  putTunnel(tunnel: CapturedTunnel): void {
    this.tunnels.set(tunnel.id, tunnel)
    this.queue({ type: 'tunnel', tunnel })
  }

  addSessionEvent(event: ServerSessionEvent): void {
    this.sessionEvents.push(event)
    this.queue({ type: 'session-event', event })
  }

  getExchange(id: string): CapturedExchange | undefined {
    return this.exchanges.get(id)
  }

  getConnection(id: string): CapturedConnection | undefined {
    return this.connections.get(id)
  }

  clear(): void {
    this.connections.clear()
    this.exchanges.clear()
    this.tunnels.clear()
    this.sessionEvents = []
    this.pending = [{ type: 'clear' }]
    this.schedule()
  }

  snapshot(): CaptureSnapshot {
    return {
      seq: this.seq,
      connections: [...this.connections.values()],
      exchanges: [...this.exchanges.values()],
      tunnels: [...this.tunnels.values()],
      sessionEvents: [...this.sessionEvents]
    }
  }

  /**
   * Changes arrive in batches. Records in a change are the store's own objects at the time of
   * delivery; a listener that keeps them must copy (structuredClone) if it needs them frozen.
   */
  subscribe(listener: CaptureListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Delivers whatever is pending now (used at shutdown and by tests that cannot wait). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    if (this.pending.length === 0) return
    const batch: CaptureBatch = { seq: ++this.seq, changes: compact(this.pending) }
    this.pending = []
    for (const listener of this.listeners) listener(batch)
  }

  private queue(change: CaptureChange): void {
    this.pending.push(change)
    this.schedule()
  }

  private schedule(): void {
    if (this.timer) return
    this.timer = setTimeout(() => this.flush(), this.batchMs)
    this.timer.unref()
  }

  private evictOldest(): void {
    const removed: string[] = []
    for (const id of this.exchanges.keys()) {
      if (this.exchanges.size <= this.maxExchanges) break
      this.exchanges.delete(id)
      removed.push(id)
    }
    this.evictedCount += removed.length
    this.queue({ type: 'evicted', exchangeIds: removed })
  }
}

/** Keeps only the latest upsert of each record within a batch, at the place of its last change. */
function compact(changes: CaptureChange[]): CaptureChange[] {
  const latest = new Map<string, number>()
  changes.forEach((c, i) => {
    const key = keyOf(c)
    if (key) latest.set(key, i)
  })
  return changes.filter((c, i) => {
    const key = keyOf(c)
    return !key || latest.get(key) === i
  })
}

function keyOf(c: CaptureChange): string | undefined {
  switch (c.type) {
    case 'connection':
      return `c:${c.connection.id}`
    case 'exchange':
      return `e:${c.exchange.id}`
    case 'tunnel':
      return `t:${c.tunnel.id}`
    default:
      return undefined
  }
}
