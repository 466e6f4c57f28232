// A big capture goes to the page in parts: the newest first, then the rest from newer to older in
// doubling parts; every exchange exactly once, every connection once and never after an exchange that
// names it, and the shape (bodies left out) applied to every exchange.
import { describe, expect, it } from 'vitest'
import type { SnapshotMessage } from '../../../src/shared/api/contract'
import { snapshotMessages } from '../../../src/main/service/snapshot-parts'
import type { CaptureSnapshot, CapturedExchange } from '../../../src/shared/model'
import { connection, exchange } from '../../helpers/capture-factory'

function capture(n: number): CaptureSnapshot {
  const exchanges = Array.from({ length: n }, (_, i) =>
    exchange({ id: `e${i + 1}`, clientConnectionId: `c${Math.floor(i / 6) + 1}`, upstreamConnectionId: 'u1' })
  )
  const connections = [
    ...Array.from({ length: Math.ceil(n / 6) }, (_, i) => connection(`c${i + 1}`)),
    connection('u1'),
    connection('c999')
  ]
  return { seq: 9, connections, exchanges, tunnels: [], sessionEvents: [] }
}

const exchangesOf = (m: SnapshotMessage): CapturedExchange[] =>
  m.type === 'snapshot' ? m.snapshot.exchanges : m.exchanges
const connectionIdsOf = (m: SnapshotMessage): string[] =>
  (m.type === 'snapshot' ? m.snapshot.connections : m.connections).map((c) => c.id)

describe('snapshotMessages', () => {
  it('sends a small capture as one snapshot, as before', () => {
    const snap = capture(40)
    expect([...snapshotMessages(snap, { first: 50 })]).toEqual([{ type: 'snapshot', snapshot: snap }])
  })

  it('sends a big one newest first, then doubling parts back to the oldest, each record once', () => {
    const snap = capture(5000)
    const messages = [...snapshotMessages(snap, { first: 100, next: 200, largest: 1000 })]
    const [head, ...parts] = messages
    expect(head).toMatchObject({ type: 'snapshot', more: { loaded: 100, total: 5000 }, snapshot: { seq: 9 } })
    expect(exchangesOf(head!).map((x) => x.id)).toEqual(snap.exchanges.slice(4900).map((x) => x.id))
    expect(parts.map((p) => exchangesOf(p).length)).toEqual([200, 400, 800, 1000, 1000, 1000, 500])
    expect(parts.map((p) => (p.type === 'snapshot-part' ? p.loaded : 0))).toEqual([
      300, 700, 1500, 2500, 3500, 4500, 5000
    ])
    const ids = messages.flatMap((m) => exchangesOf(m).map((x) => x.id))
    expect(new Set(ids).size).toBe(5000)
    const sent = messages.flatMap(connectionIdsOf)
    expect(sent.sort()).toEqual(snap.connections.map((c) => c.id).sort())
    // A connection no exchange names, and the upstream one, travel in the first message.
    expect(connectionIdsOf(head!)).toEqual(expect.arrayContaining(['c999', 'u1']))
    // Each exchange's connection arrived with it or before it.
    const known = new Set<string>()
    for (const m of messages) {
      for (const id of connectionIdsOf(m)) known.add(id)
      for (const x of exchangesOf(m)) expect(known.has(x.clientConnectionId), x.id).toBe(true)
    }
  })

  it('shapes every exchange it sends', () => {
    const snap = capture(3000)
    const shaped = [...snapshotMessages(snap, { exchange: (x) => ({ ...x, method: 'SHAPED' }) })]
    expect(shaped.length).toBeGreaterThan(1)
    expect(new Set(shaped.flatMap((m) => exchangesOf(m).map((x) => x.method)))).toEqual(new Set(['SHAPED']))
  })
})
