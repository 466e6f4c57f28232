// The live capture: records of connections, exchanges, tunnels and server session events,
// upserted by id, read as a snapshot, and fed to subscribers in batches so a busy browser
// does not flood the UI with one message per request.
//
// Memory: the capture keeps at most `maxExchanges` exchanges and `maxBodyBytes` of kept bodies;
// past either limit the oldest finished exchanges leave (a recording file keeps them), their ids
// leave their connections' lists, and closed connections with nothing left in memory go too.
// Header strings are interned, so repeated names and values cost one copy.
import type {
  CaptureBatch,
  CaptureChange,
  CaptureSnapshot,
  CapturedConnection,
  CapturedExchange,
  CapturedTunnel,
  HeaderPair,
  ServerSessionEvent
} from '../../shared/model'
import { isBrowserInternalHost, isBrowserInternalUrl } from '../browser/internal-hosts'
import { Interner } from './intern'

export interface CaptureStoreOptions {
  /** How long changes gather before a batch goes out. */
  batchMs?: number
  /** The most exchanges kept in memory; the oldest leave first (a recording file keeps them). */
  maxExchanges?: number
  /** The most body bytes (as kept, base64) held in memory across all exchanges. */
  maxBodyBytes?: number
}

export type CaptureListener = (batch: CaptureBatch) => void

type EvictedChange = Extract<CaptureChange, { type: 'evicted' }>

const CLEAR = Symbol('clear')
const EVICTED = Symbol('evicted')

export class CaptureStore {
  private readonly connections = new Map<string, CapturedConnection>()
  private readonly exchanges = new Map<string, CapturedExchange>()
  private readonly tunnels = new Map<string, CapturedTunnel>()
  private sessionEvents: ServerSessionEvent[] = []
  private readonly listeners = new Set<CaptureListener>()
  /** Pending changes keyed by the record they carry: a record changed twice is sent once, at its last place. */
  private pending = new Map<object | symbol, CaptureChange>()
  private timer: NodeJS.Timeout | undefined
  private seq = 0
  private evictedCount = 0
  /** Kept body bytes per exchange id (only exchanges that have a body). */
  private readonly bodyBytesById = new Map<string, number>()
  private bodyBytesTotal = 0
  /** Connections that lost exchanges to the limit: once closed and empty, they leave too. */
  private readonly trimmed = new Set<string>()
  private readonly strings = new Interner()
  readonly batchMs: number
  readonly maxExchanges: number
  readonly maxBodyBytes: number

  constructor(options: CaptureStoreOptions = {}) {
    this.batchMs = options.batchMs ?? 100
    this.maxExchanges = Math.max(1, options.maxExchanges ?? 100_000)
    this.maxBodyBytes = Math.max(0, options.maxBodyBytes ?? 256 * 1024 * 1024)
  }

  /** Exchanges that left memory because of the capture limit. */
  get evicted(): number {
    return this.evictedCount
  }

  /** Body bytes (base64 characters) currently held by the capture. */
  get bodyBytes(): number {
    return this.bodyBytesTotal
  }

  /** Header pairs from Node's flat rawHeaders list, already interned (putExchange skips them). */
  headerPairs(raw: readonly string[]): HeaderPair[] {
    return this.strings.pairsFrom(raw)
  }

  putConnection(connection: CapturedConnection): void {
    const { id } = connection
    if (this.trimmed.has(id) && connection.exchangeIds.length === 0 && connection.closedAt !== undefined) {
      this.dropConnection(id)
      return
    }
    this.connections.set(id, connection)
    this.upsert(connection, { type: 'connection', connection })
  }

  putExchange(exchange: CapturedExchange): void {
    const isNew = !this.exchanges.has(exchange.id)
    if (isNew) {
      if (isBrowserInternalUrl(exchange.url)) exchange.browserInternal = true
      this.exchanges.set(exchange.id, exchange)
      this.strings.headers(exchange.requestHeaders)
      exchange.method = this.strings.intern(exchange.method)
      exchange.httpVersion = this.strings.intern(exchange.httpVersion)
    }
    if (exchange.state !== 'pending') {
      this.strings.headers(exchange.responseHeaders)
      if (exchange.statusText !== undefined) exchange.statusText = this.strings.intern(exchange.statusText)
    }
    this.accountBodies(exchange)
    this.upsert(exchange, { type: 'exchange', exchange })
    if (this.exchanges.size > this.maxExchanges || this.bodyBytesTotal > this.maxBodyBytes) this.evictOldest()
  }

  putTunnel(tunnel: CapturedTunnel): void {
    const isNew = !this.tunnels.has(tunnel.id)
    if (isNew && isBrowserInternalHost(tunnel.host)) tunnel.browserInternal = true
    this.tunnels.set(tunnel.id, tunnel)
    this.upsert(tunnel, { type: 'tunnel', tunnel })
    if (isNew && this.tunnels.size > this.maxExchanges) this.evictTunnels()
  }

  addSessionEvent(event: ServerSessionEvent): void {
    this.sessionEvents.push(event)
    // Session events come from the sample site only (a person clicking), so they stay bounded in practice;
    // still, never more than the exchange limit.
    if (this.sessionEvents.length > this.maxExchanges) this.sessionEvents.shift()
    this.upsert(event, { type: 'session-event', event })
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
    this.bodyBytesById.clear()
    this.bodyBytesTotal = 0
    this.evictedCount = 0
    this.trimmed.clear()
    this.pending = new Map<object | symbol, CaptureChange>([[CLEAR, { type: 'clear' }]])
    this.schedule()
  }

  snapshot(): CaptureSnapshot {
    return {
      seq: this.seq,
      connections: [...this.connections.values()],
      exchanges: [...this.exchanges.values()],
      tunnels: [...this.tunnels.values()],
      sessionEvents: [...this.sessionEvents],
      evicted: this.evictedCount
    }
  }

  /**
   * Changes arrive in batches. Records in a change are the store's own objects at the time of
   * delivery; a listener that keeps them must copy (structuredClone) if it needs them frozen.
   * Changes made while nobody listens are not queued: a new listener reads snapshot() first.
   */
  subscribe(listener: CaptureListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Delivers whatever is pending now (used at shutdown and by tests that cannot wait). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    if (this.pending.size === 0) return
    const batch: CaptureBatch = { seq: ++this.seq, changes: [...this.pending.values()] }
    this.pending = new Map()
    for (const listener of this.listeners) listener(batch)
  }

  private upsert(key: object, change: CaptureChange): void {
    if (this.listeners.size === 0) {
      // Nobody to tell; the sequence still moves so a snapshot's seq says "something changed".
      this.seq++
      return
    }
    const known = this.pending.get(key)
    if (known) this.pending.delete(key)
    this.pending.set(key, known ?? change)
    this.schedule()
  }

  private schedule(): void {
    if (this.timer) return
    this.timer = setTimeout(() => this.flush(), this.batchMs)
    this.timer.unref()
  }

  private accountBodies(exchange: CapturedExchange): void {
    const now = (exchange.requestBody?.base64.length ?? 0) + (exchange.responseBody?.base64.length ?? 0)
    const before = this.bodyBytesById.get(exchange.id) ?? 0
    if (now === before) return
    this.bodyBytesTotal += now - before
    if (now > 0) this.bodyBytesById.set(exchange.id, now)
    else this.bodyBytesById.delete(exchange.id)
  }

  /** Removes the oldest finished exchanges until both limits hold (in-flight ones stay). */
  private evictOldest(): void {
    const gone: string[] = []
    for (const [id, exchange] of this.exchanges) {
      if (this.exchanges.size <= this.maxExchanges && this.bodyBytesTotal <= this.maxBodyBytes) break
      if (exchange.state === 'pending') continue
      this.exchanges.delete(id)
      this.bodyBytesTotal -= this.bodyBytesById.get(id) ?? 0
      this.bodyBytesById.delete(id)
      this.pending.delete(exchange)
      this.detach(exchange.clientConnectionId, id)
      if (exchange.upstreamConnectionId) this.detach(exchange.upstreamConnectionId, id)
      gone.push(id)
    }
    this.evictedCount += gone.length
    if (gone.length > 0) this.evictedChange().exchangeIds.push(...gone)
  }

  /** Takes an evicted exchange's id off its connection (it is almost always the first). */
  private detach(connectionId: string, exchangeId: string): void {
    const connection = this.connections.get(connectionId)
    if (!connection) return
    const ids = connection.exchangeIds
    if (ids[0] === exchangeId) ids.shift()
    else {
      const at = ids.indexOf(exchangeId)
      if (at >= 0) ids.splice(at, 1)
    }
    if (ids.length > 0 || connection.closedAt === undefined) this.trimmed.add(connectionId)
    else this.dropConnection(connectionId)
  }

  private dropConnection(id: string): void {
    const connection = this.connections.get(id)
    this.trimmed.delete(id)
    if (!connection) return
    this.connections.delete(id)
    this.pending.delete(connection)
    const change = this.evictedChange()
    ;(change.connectionIds ??= []).push(id)
  }

  private evictTunnels(): void {
    const change = this.evictedChange()
    for (const [id, tunnel] of this.tunnels) {
      if (this.tunnels.size <= this.maxExchanges) break
      if (tunnel.closedAt === undefined) continue
      this.tunnels.delete(id)
      this.pending.delete(tunnel)
      ;(change.tunnelIds ??= []).push(id)
    }
  }

  /** The one 'evicted' change of the pending batch (evicted records have no pending upserts left). */
  private evictedChange(): EvictedChange {
    const scratch: EvictedChange = { type: 'evicted', exchangeIds: [] }
    if (this.listeners.size === 0) return scratch
    const known = this.pending.get(EVICTED) as EvictedChange | undefined
    if (known) return known
    this.pending.set(EVICTED, scratch)
    this.schedule()
    return scratch
  }
}
