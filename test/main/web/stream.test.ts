// The live stream never queues without bound for a reader that stops reading: it skips that reader
// past a high-water mark and, once its buffer drains, sends it one fresh snapshot. Real sockets.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import type { CaptureBatch, CaptureSnapshot } from '../../../src/shared/model'
import { createLiveStream, type LiveStream } from '../../../src/main/web/stream'
import { body, connection, exchange } from '../../helpers/capture-factory'

function fakeSource() {
  let seq = 0
  const listeners = new Set<(b: CaptureBatch) => void>()
  return {
    snapshot: () =>
      ({ seq, connections: [], exchanges: [], tunnels: [], sessionEvents: [] }) as unknown as CaptureSnapshot,
    subscribe(l: (b: CaptureBatch) => void) {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    /** One batch of about `bytes` bytes. */
    emit(bytes: number) {
      seq += 1
      const batch = { seq, changes: [{ kind: 'note', text: 'x'.repeat(bytes) }] } as unknown as CaptureBatch
      for (const l of listeners) l(batch)
    }
  }
}

const cleanup: Array<() => void | Promise<void>> = []
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c()
})

async function setup(opts: Parameters<typeof createLiveStream>[1]) {
  const source = fakeSource()
  const server = http.createServer()
  const wss = new WebSocketServer({ server })
  const stream: LiveStream = createLiveStream(source, opts)
  const accepted: WebSocket[] = []
  wss.on('connection', (ws) => {
    accepted.push(ws)
    stream.accept(ws)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  cleanup.push(
    () => new Promise<void>((r) => server.close(() => r())),
    () => stream.close()
  )
  const port = (server.address() as AddressInfo).port
  const client = new WebSocket(`ws://127.0.0.1:${port}/`)
  const messages: Array<{ type: string; seq: number }> = []
  client.on('message', (data) => {
    const msg = JSON.parse(String(data)) as {
      type: string
      snapshot?: { seq: number }
      batch?: { seq: number }
    }
    messages.push({ type: msg.type, seq: (msg.snapshot ?? msg.batch)!.seq })
  })
  cleanup.push(() => client.terminate())
  await new Promise<void>((r) => client.once('open', r))
  await until(() => messages.length === 1)
  return { source, stream, client, messages, serverSide: accepted[0]! }
}

async function until(ok: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms
  while (!ok()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('live stream', () => {
  it('sends a snapshot, then batches in order to a reader that keeps up', async () => {
    const { source, messages } = await setup({})
    for (let i = 0; i < 5; i++) source.emit(100)
    await until(() => messages.length === 6)
    expect(messages).toEqual([
      { type: 'snapshot', seq: 0 },
      ...[1, 2, 3, 4, 5].map((seq) => ({ type: 'batch', seq }))
    ])
  })

  it('bounds what it holds for a reader that stops reading, then catches it up with a snapshot', async () => {
    const high = 512 * 1024
    const { source, client, messages, serverSide } = await setup({
      highWaterBytes: high,
      lowWaterBytes: 64 * 1024,
      drainCheckMs: 20
    })
    // The reader stops reading: its kernel buffers fill, then the server's send buffer grows.
    ;(client as unknown as { _socket: { pause(): void } })._socket.pause()
    const chunk = 64 * 1024
    let most = 0
    for (let i = 0; i < 600; i++) {
      source.emit(chunk) // 600 x 64 KiB, about 38 MiB, far past every buffer on the way
      most = Math.max(most, serverSide.bufferedAmount)
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 5))
    }
    expect(most).toBeLessThanOrEqual(high + chunk + 1024)
    const before = messages.length
    ;(client as unknown as { _socket: { resume(): void } })._socket.resume()
    await until(() => messages.slice(before).some((m) => m.type === 'snapshot'))
    const snap = messages.slice(before).find((m) => m.type === 'snapshot')!
    expect(snap.seq).toBe(600)
    source.emit(100)
    await until(() => messages.at(-1)?.seq === 601)
    expect(messages.at(-1)).toEqual({ type: 'batch', seq: 601 })
    // Batches before the catch-up snapshot arrive in order, with the gap closed by the snapshot.
    const seqs = messages.filter((m) => m.type === 'batch').map((m) => m.seq)
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    expect(seqs.length).toBeLessThan(601)
  })
})

describe('live stream: a big snapshot in parts', () => {
  it('sends the parts before any batch, holding batches that come meanwhile, and shapes each exchange', async () => {
    const exchanges = Array.from({ length: 3000 }, (_, i) =>
      exchange({ id: `e${i + 1}`, responseBody: body('x'.repeat(50)) })
    )
    let seq = 4
    const listeners = new Set<(b: CaptureBatch) => void>()
    const source = {
      snapshot: (): CaptureSnapshot => ({
        seq,
        connections: [connection('c1')],
        exchanges,
        tunnels: [],
        sessionEvents: []
      }),
      subscribe(l: (b: CaptureBatch) => void) {
        listeners.add(l)
        return () => listeners.delete(l)
      }
    }
    const stream = createLiveStream(source, {
      parts: {
        first: 100,
        next: 100,
        largest: 400,
        exchange: ({ responseBody, ...x }) => ({ ...x, note: !!responseBody }) as never
      }
    })
    const server = http.createServer()
    const wss = new WebSocketServer({ server })
    wss.on('connection', (ws) => {
      stream.accept(ws)
      // Batches made while the parts are still going out.
      for (let i = 0; i < 3; i++) {
        seq += 1
        for (const l of listeners) l({ seq, changes: [] })
      }
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    cleanup.push(
      () => new Promise<void>((r) => server.close(() => r())),
      () => stream.close()
    )
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`)
    cleanup.push(() => client.terminate())
    const seen: Array<{ type: string; n?: number; seq?: number; note?: unknown }> = []
    client.on('message', (data) => {
      const m = JSON.parse(String(data)) as {
        type: string
        snapshot?: { seq: number; exchanges: Array<{ note?: unknown }> }
        exchanges?: Array<{ note?: unknown }>
        batch?: { seq: number }
      }
      const xs = m.snapshot?.exchanges ?? m.exchanges
      seen.push({ type: m.type, n: xs?.length, seq: (m.snapshot ?? m.batch)?.seq, note: xs?.[0]?.note })
    })
    const end = Date.now() + 10_000
    while (seen.filter((m) => m.type === 'batch').length < 3) {
      if (Date.now() > end) throw new Error(`not every message came in time; saw ${JSON.stringify(seen)}`)
      await new Promise((r) => setTimeout(r, 10))
    }
    expect(seen.map((m) => m.type)).toEqual([
      'snapshot',
      ...Array<string>(9).fill('snapshot-part'),
      'batch',
      'batch',
      'batch'
    ])
    expect(seen[0]).toMatchObject({ seq: 4, n: 100 })
    expect(seen.slice(0, 10).reduce((n, m) => n + (m.n ?? 0), 0)).toBe(3000)
    expect(seen.slice(10).map((m) => m.seq)).toEqual([5, 6, 7])
    expect(new Set(seen.slice(0, 10).map((m) => m.note))).toEqual(new Set([true]))
  })
})
