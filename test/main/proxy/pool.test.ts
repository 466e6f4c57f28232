// The upstream sockets one client connection holds (src/main/proxy/pool.ts): one per origin,
// reused while the client's connection lasts, and recorded truthfully (which upstream connection
// carried which request, and whether it was reused).
import http from 'node:http'
import type net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  eventually,
  proxiedGet,
  startOrigin,
  startProxy,
  type Origin,
  type TestProxy
} from '../../helpers/net'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** An origin that counts the TCP connections it accepted. */
async function countingOrigin(handler?: http.RequestListener): Promise<Origin & { sockets: net.Socket[] }> {
  const origin = await startOrigin(handler)
  const sockets: net.Socket[] = []
  origin.server.on('connection', (s: net.Socket) => sockets.push(s))
  cleanups.push(() => origin.close())
  return Object.assign(origin, { sockets })
}

async function proxyUp(): Promise<TestProxy> {
  const proxy = await startProxy()
  cleanups.push(() => proxy.close())
  return proxy
}

describe('upstream sockets per client connection', () => {
  it('keeps one upstream socket per origin while one client connection alternates between two origins', async () => {
    const a = await countingOrigin()
    const b = await countingOrigin()
    const proxy = await proxyUp()
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    cleanups.push(() => agent.destroy())
    for (const url of [`${a.url}/1`, `${b.url}/2`, `${a.url}/3`, `${b.url}/4`]) {
      const r = await proxiedGet(proxy.port, url, { agent })
      expect(r.body).toBe(`GET /${url.split('/').pop()}`)
    }
    expect([a.sockets.length, b.sockets.length]).toEqual([1, 1])
    const ex = proxy.store.snapshot().exchanges
    expect(new Set(ex.map((e) => e.clientConnectionId)).size).toBe(1)
    expect(ex.map((e) => e.upstreamReused)).toEqual([false, false, true, true])
    expect(ex[2]!.upstreamConnectionId).toBe(ex[0]!.upstreamConnectionId)
    expect(ex[3]!.upstreamConnectionId).toBe(ex[1]!.upstreamConnectionId)
    expect(ex[0]!.upstreamConnectionId).not.toBe(ex[1]!.upstreamConnectionId)
    const up = proxy.store.getConnection(ex[0]!.upstreamConnectionId!)!
    expect(up.exchangeIds).toEqual([ex[0]!.id, ex[2]!.id])
    expect(up.target).toBe(new URL(a.url).host)
  })

  it('opens a fresh upstream socket when the origin announces Keep-Alive: timeout=1 (too short to reuse safely)', async () => {
    const origin = await countingOrigin((_req, res) => {
      res.writeHead(200, { 'keep-alive': 'timeout=1', 'content-length': 2 })
      res.end('ok')
    })
    const proxy = await proxyUp()
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    cleanups.push(() => agent.destroy())
    await proxiedGet(proxy.port, `${origin.url}/x`, { agent })
    await proxiedGet(proxy.port, `${origin.url}/y`, { agent })
    const ex = proxy.store.snapshot().exchanges
    expect(ex[0]!.clientConnectionId).toBe(ex[1]!.clientConnectionId)
    expect(ex.map((e) => e.upstreamReused)).toEqual([false, false])
    expect(ex[1]!.upstreamConnectionId).not.toBe(ex[0]!.upstreamConnectionId)
    expect(origin.sockets.length).toBe(2)
    // The proxy let the first one go as soon as its exchange was over.
    const first = await eventually(() => {
      const c = proxy.store.getConnection(ex[0]!.upstreamConnectionId!)!
      expect(c.closedAt, 'the first upstream connection should be closed').toBeDefined()
      return c
    })
    expect(first.exchangeIds).toEqual([ex[0]!.id])
  })

  it('sends pipelined requests one after another on the same upstream socket', async () => {
    const origin = await countingOrigin((req, res) => {
      setTimeout(() => res.end(`body of ${req.url}`), req.url === '/a' ? 100 : 0)
    })
    const proxy = await proxyUp()
    const { rawExchange } = await import('../../helpers/faults')
    const one = (path: string, extra = ''): string =>
      `GET ${origin.url}${path} HTTP/1.1\r\nHost: x\r\n${extra}\r\n`
    const reply = await rawExchange(proxy.port, one('/a') + one('/b') + one('/c', 'Connection: close\r\n'), {
      until: () => false,
      waitMs: 3000
    })
    expect(reply.closed).toBe(true)
    const ex = await eventually(() => {
      const list = proxy.store.snapshot().exchanges
      expect(list.map((e) => e.state)).toEqual(['complete', 'complete', 'complete'])
      return list
    })
    expect(origin.sockets.length).toBe(1)
    expect(new Set(ex.map((e) => e.upstreamConnectionId)).size).toBe(1)
    expect(ex.map((e) => e.upstreamReused)).toEqual([false, true, true])
  })
})
