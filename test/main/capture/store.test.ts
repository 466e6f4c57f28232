import { describe, expect, it } from 'vitest'
import { CaptureStore } from '../../../src/main/capture/store'
import type {
  CaptureBatch,
  CapturedConnection,
  CapturedExchange,
  CapturedTunnel
} from '../../../src/shared/model'

const conn = (id: string, extra: Partial<CapturedConnection> = {}): CapturedConnection => ({
  id,
  kind: 'client',
  remoteAddress: '127.0.0.1',
  remotePort: 50000,
  localAddress: '127.0.0.1',
  localPort: 8080,
  openedAt: 1,
  exchangeIds: [],
  ...extra
})

const exchange = (n: number, extra: Partial<CapturedExchange> = {}): CapturedExchange => ({
  id: `e${n}`,
  clientConnectionId: 'c1',
  sequence: n,
  method: 'GET',
  url: `http://example.test/${n}`,
  httpVersion: 'HTTP/1.1',
  requestHeaders: [
    ['Host', 'example.test'],
    ['Accept', '*/*']
  ],
  startedAt: n,
  timings: {},
  state: 'complete',
  ...extra
})

/** Puts exchanges the way the proxy does: the id joins the connection's list, then the record is saved. */
function carry(store: CaptureStore, c: CapturedConnection, ex: CapturedExchange): void {
  c.exchangeIds.push(ex.id)
  store.putConnection(c)
  store.putExchange(ex)
}

function listen(store: CaptureStore): CaptureBatch[] {
  const batches: CaptureBatch[] = []
  store.subscribe((b) => batches.push(b))
  return batches
}

describe('CaptureStore batches', () => {
  it('sends a record changed several times once, at the place of its last change', () => {
    const store = new CaptureStore({ batchMs: 10_000 })
    const batches = listen(store)
    const c1 = conn('c1')
    const e1 = exchange(1, { state: 'pending' })
    carry(store, c1, e1)
    store.putConnection(conn('c2'))
    e1.state = 'complete'
    store.putExchange(e1)
    store.flush()
    expect(batches).toHaveLength(1)
    expect(batches[0]!.seq).toBe(1)
    expect(batches[0]!.changes.map((c) => c.type)).toEqual(['connection', 'connection', 'exchange'])
    expect(batches[0]!.changes[2]).toMatchObject({ exchange: { id: 'e1', state: 'complete' } })
  })

  it('queues nothing while nobody listens, yet moves seq so a later listener starts from a snapshot', () => {
    const store = new CaptureStore({ batchMs: 10_000 })
    carry(store, conn('c1'), exchange(1))
    store.flush()
    const snap = store.snapshot()
    expect(snap.exchanges).toHaveLength(1)
    expect(snap.seq).toBeGreaterThan(0)
    const batches = listen(store)
    store.putExchange(exchange(2))
    store.flush()
    expect(batches).toHaveLength(1)
    expect(batches[0]!.seq).toBe(snap.seq + 1)
    expect(batches[0]!.changes).toHaveLength(1)
  })
})

describe('CaptureStore limits', () => {
  it('evicts the oldest finished exchanges, takes their ids off the connection and says so once', () => {
    const store = new CaptureStore({ batchMs: 10_000, maxExchanges: 3 })
    const batches = listen(store)
    const c1 = conn('c1')
    carry(store, c1, exchange(1, { state: 'pending' }))
    for (let n = 2; n <= 6; n++) carry(store, c1, exchange(n))
    store.flush()
    expect(store.snapshot().exchanges.map((e) => e.id)).toEqual(['e1', 'e5', 'e6'])
    expect(store.evicted).toBe(3)
    expect(store.snapshot().evicted).toBe(3)
    expect(c1.exchangeIds).toEqual(['e1', 'e5', 'e6'])
    const evicted = batches[0]!.changes.filter((c) => c.type === 'evicted')
    expect(evicted).toEqual([{ type: 'evicted', exchangeIds: ['e2', 'e3', 'e4'] }])
    // Evicted records are not also sent as upserts in the same batch.
    const sent = batches[0]!.changes.flatMap((c) => (c.type === 'exchange' ? [c.exchange.id] : []))
    expect(sent).toEqual(['e1', 'e5', 'e6'])
    store.clear()
    expect(store.snapshot().evicted).toBe(0)
  })

  it('drops a closed connection once all its exchanges have left, also when it closes afterwards', () => {
    const store = new CaptureStore({ batchMs: 10_000, maxExchanges: 2 })
    const batches = listen(store)
    const a = conn('c1', { closedAt: 5, closedBy: 'client' })
    const b = conn('c2')
    carry(store, a, exchange(1))
    carry(store, b, exchange(2, { clientConnectionId: 'c2' }))
    const c = conn('c3')
    carry(store, c, exchange(3, { clientConnectionId: 'c3' }))
    carry(store, c, exchange(4, { clientConnectionId: 'c3' }))
    expect(store.getConnection('c1')).toBeUndefined()
    expect(store.getConnection('c2')).toBe(b)
    expect(b.exchangeIds).toEqual([])
    b.closedAt = 9
    b.closedBy = 'server'
    store.putConnection(b)
    expect(store.getConnection('c2')).toBeUndefined()
    store.flush()
    const evicted = batches[0]!.changes.find((ch) => ch.type === 'evicted')
    expect(evicted).toEqual({ type: 'evicted', exchangeIds: ['e1', 'e2'], connectionIds: ['c1', 'c2'] })
    expect(store.snapshot().connections.map((x) => x.id)).toEqual(['c3'])
  })

  it('keeps a connection that closes with no exchanges at all (a preconnect is worth showing)', () => {
    const store = new CaptureStore({ maxExchanges: 1 })
    store.putConnection(conn('c9', { closedAt: 3, closedBy: 'client' }))
    carry(store, conn('c1'), exchange(1))
    carry(store, conn('c1'), exchange(2))
    expect(store.getConnection('c9')).toBeDefined()
  })

  it('evicts by kept body bytes too', () => {
    const store = new CaptureStore({ maxBodyBytes: 100 })
    const body = { size: 45, truncated: false, base64: 'x'.repeat(60) }
    const c1 = conn('c1')
    carry(store, c1, exchange(1, { responseBody: body }))
    expect(store.bodyBytes).toBe(60)
    carry(store, c1, exchange(2, { responseBody: body }))
    expect(store.snapshot().exchanges.map((e) => e.id)).toEqual(['e2'])
    expect(store.bodyBytes).toBe(60)
    carry(store, c1, exchange(3))
    expect(store.snapshot().exchanges).toHaveLength(2)
  })

  it('keeps at most maxExchanges tunnels, dropping the oldest closed ones', () => {
    const store = new CaptureStore({ maxExchanges: 2 })
    const tunnel = (n: number, closed: boolean): CapturedTunnel => ({
      id: `t${n}`,
      clientConnectionId: 'c1',
      host: 'example.test',
      port: 443,
      openedAt: n,
      bytesUp: 0,
      bytesDown: 0,
      ...(closed ? { closedAt: n + 1, closedBy: 'client' as const } : {})
    })
    store.putTunnel(tunnel(1, false))
    store.putTunnel(tunnel(2, true))
    store.putTunnel(tunnel(3, true))
    store.putTunnel(tunnel(4, true))
    expect(store.snapshot().tunnels.map((t) => t.id)).toEqual(['t1', 't4'])
  })

  it('stores header values unchanged (interning shares them, it never alters them)', () => {
    const store = new CaptureStore()
    const headers: [string, string][] = [
      ['User-Agent', 'curl/8.0'],
      ['Cookie', 'a=1; b=2']
    ]
    for (let n = 1; n <= 3; n++) {
      carry(
        store,
        conn('c1'),
        exchange(n, {
          requestHeaders: headers.map(([k, v]) => [`${k}`, `${v}`]),
          responseHeaders: [['Content-Type', 'text/plain']]
        })
      )
    }
    const [a, b] = store.snapshot().exchanges
    for (const e of store.snapshot().exchanges) {
      expect(e.requestHeaders).toEqual(headers)
      expect(e.responseHeaders).toEqual([['Content-Type', 'text/plain']])
    }
    // One shared, frozen pair per distinct header line.
    expect(a!.requestHeaders[1]).toBe(b!.requestHeaders[1])
    expect(Object.isFrozen(a!.requestHeaders[1])).toBe(true)
    expect(a!.requestHeaders).not.toBe(b!.requestHeaders)
  })
})
