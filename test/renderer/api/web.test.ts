/// <reference types="node" />
// Node 20 has no global WebSocket: the client gets ws's, which speaks the same browser API.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { WebSocket as WsClient, WebSocketServer, type WebSocket as WsSocket } from 'ws'
import { createWebClient } from '../../../src/renderer/src/api/web'
import type { CaptureSnapshot } from '../../../src/shared/model'
import { nthExchange, snapshot } from '../../helpers/capture-factory'

const TOKEN = 'test-token'
let server: Server
let wss: WebSocketServer
let base: string
let sockets: WsSocket[]
let current: CaptureSnapshot
const authorised = (req: IncomingMessage): boolean =>
  req.headers.authorization === `Bearer ${TOKEN}` ||
  new URL(req.url ?? '/', base).searchParams.get('token') === TOKEN

const hadWebSocket = 'WebSocket' in globalThis
beforeEach(async () => {
  if (!hadWebSocket) Object.assign(globalThis, { WebSocket: WsClient })
  sockets = []
  current = snapshot({ seq: 3, exchanges: [nthExchange(1)] })
  server = createServer((req, res) => {
    if (!authorised(req)) return void res.writeHead(401).end()
    const path = new URL(req.url ?? '/', base).pathname
    const json = (v: unknown): void =>
      void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(v))
    if (path === '/api/info')
      json({ proxy: 'http://127.0.0.1:8080', sample: 'http://127.0.0.1:3000', version: '9' })
    else if (path === '/api/snapshot') json(current)
    else if (path === '/api/sessions') json([])
    else if (path === '/api/exchanges/e1/body')
      json({ id: 'e1', response: { size: 2, truncated: false, base64: 'aGk=' } })
    else if (path === '/api/clear' && req.method === 'POST') res.writeHead(204).end()
    else res.writeHead(404).end()
  })
  wss = new WebSocketServer({ noServer: true })
  server.on('upgrade', (req, socket, head) => {
    if (!authorised(req)) return void socket.destroy()
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.push(ws)
      ws.send(JSON.stringify({ type: 'snapshot', snapshot: current }))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterEach(async () => {
  if (!hadWebSocket) delete (globalThis as { WebSocket?: unknown }).WebSocket
  for (const ws of wss.clients) ws.terminate()
  wss.close()
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
})

describe('web client', () => {
  it('calls the API with the token and says clearly when it is refused', async () => {
    const client = createWebClient({ base, token: TOKEN })
    expect((await client.info()).version).toBe('9')
    expect((await client.snapshot()).seq).toBe(3)
    await client.clear()
    const refused = createWebClient({ base, token: 'wrong' })
    await expect(refused.info()).rejects.toThrow(/refused this page/)
  })

  it('streams a snapshot then batches, and reconnects with a fresh snapshot after the socket drops', async () => {
    const client = createWebClient({ base, token: TOKEN, maxBackoffMs: 100 })
    const snaps: number[] = []
    const batches: number[] = []
    const off = client.subscribe({
      onSnapshot: (s) => snaps.push(s.seq),
      onBatch: (b) => batches.push(b.seq)
    })
    await vi.waitFor(() => expect(snaps).toEqual([3]))
    sockets[0]?.send(JSON.stringify({ type: 'batch', batch: { seq: 4, changes: [] } }))
    await vi.waitFor(() => expect(batches).toEqual([4]))
    current = snapshot({ seq: 7 })
    sockets[0]?.terminate()
    await vi.waitFor(() => expect(snaps).toEqual([3, 7]), { timeout: 5000 })
    sockets[1]?.send(JSON.stringify({ type: 'batch', batch: { seq: 8, changes: [] } }))
    await vi.waitFor(() => expect(batches).toEqual([4, 8]))
    off()
  })

  it('reconnects for a fresh snapshot when a batch is missing', async () => {
    const client = createWebClient({ base, token: TOKEN, maxBackoffMs: 100 })
    const snaps: number[] = []
    const off = client.subscribe({ onSnapshot: (s) => snaps.push(s.seq), onBatch: () => {} })
    await vi.waitFor(() => expect(snaps).toEqual([3]))
    current = snapshot({ seq: 12 })
    sockets[0]?.send(JSON.stringify({ type: 'batch', batch: { seq: 9, changes: [] } }))
    await vi.waitFor(() => expect(snaps).toEqual([3, 12]), { timeout: 5000 })
    off()
  })

  it('takes a big snapshot in parts, in order, before the batches behind them, and fetches a body by id', async () => {
    const client = createWebClient({ base, token: TOKEN })
    const seen: string[] = []
    const off = client.subscribe({
      onSnapshot: (s, more) => seen.push(`snapshot ${s.exchanges.length} ${more?.loaded}/${more?.total}`),
      onSnapshotPart: (p) =>
        seen.push(`part ${p.exchanges.map((x) => x.id).join(',')} ${p.loaded}/${p.total}`),
      onBatch: (b) => seen.push(`batch ${b.seq}`)
    })
    await vi.waitFor(() => expect(seen).toEqual(['snapshot 1 undefined/undefined']))
    const ws = sockets[0]!
    ws.send(
      JSON.stringify({
        type: 'snapshot',
        snapshot: snapshot({ seq: 5, exchanges: [nthExchange(3)] }),
        more: { loaded: 1, total: 3 }
      })
    )
    ws.send(
      JSON.stringify({
        type: 'snapshot-part',
        exchanges: [nthExchange(2)],
        connections: [],
        loaded: 2,
        total: 3
      })
    )
    ws.send(
      JSON.stringify({
        type: 'snapshot-part',
        exchanges: [nthExchange(1)],
        connections: [],
        loaded: 3,
        total: 3
      })
    )
    ws.send(JSON.stringify({ type: 'batch', batch: { seq: 6, changes: [] } }))
    await vi.waitFor(() => expect(seen).toHaveLength(5), { timeout: 5000 })
    expect(seen.slice(1)).toEqual(['snapshot 1 1/3', 'part e2 2/3', 'part e1 3/3', 'batch 6'])
    expect(await client.body!('e1')).toEqual({
      id: 'e1',
      response: { size: 2, truncated: false, base64: 'aGk=' }
    })
    await expect(client.body!('e2')).rejects.toThrow(/answered 404/)
    off()
  })
})
