// Pipelined requests come back in the order they were sent, even when the origin is slowest on
// the first; and a request that would send the proxy to itself ends in a 508, not a loop.
import { afterEach, describe, expect, it } from 'vitest'
import { errorExchange, rawExchange, startRig, type FaultRig } from '../helpers/faults'
import { eventually, proxiedGet, startOrigin } from '../helpers/net'

let rig: FaultRig
const cleanups: (() => Promise<void> | void)[] = []

afterEach(async () => {
  await rig.healthy()
  for (const c of cleanups.splice(0).reverse()) await c()
  await rig.close()
})

/** Splits a stream of Content-Length responses into their bodies. */
function bodies(text: string): string[] {
  const out: string[] = []
  let rest = text
  for (;;) {
    const end = rest.indexOf('\r\n\r\n')
    if (end < 0) return out
    const len = Number(/content-length: *(\d+)/i.exec(rest.slice(0, end))?.[1] ?? 0)
    out.push(rest.slice(end + 4, end + 4 + len))
    rest = rest.slice(end + 4 + len)
  }
}

describe('pipelining and loops', () => {
  it('answers three pipelined requests in order although the first is the slowest', async () => {
    rig = await startRig()
    const delays: Record<string, number> = { '/a': 150, '/b': 50, '/c': 0 }
    const origin = await startOrigin((req, res) => {
      setTimeout(() => res.end(`body of ${req.url}`), delays[req.url ?? ''] ?? 0)
    })
    cleanups.push(() => origin.close())
    const one = (path: string, extra = ''): string =>
      `GET ${origin.url}${path} HTTP/1.1\r\nHost: x\r\n${extra}\r\n`
    const reply = await rawExchange(
      rig.proxy.port,
      one('/a') + one('/b') + one('/c', 'Connection: close\r\n'),
      {
        until: () => false,
        waitMs: 3000
      }
    )
    expect(reply.closed).toBe(true)
    expect(bodies(reply.text)).toEqual(['body of /a', 'body of /b', 'body of /c'])
    const exchanges = rig.proxy.store.snapshot().exchanges
    expect(exchanges.map((e) => e.sequence)).toEqual([1, 2, 3])
    expect(new Set(exchanges.map((e) => e.clientConnectionId)).size).toBe(1)
  })

  it('keeps a pipelined POST body with its own request', async () => {
    rig = await startRig()
    const origin = await startOrigin((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => res.end(`${req.method} ${req.url} [${body}]`))
    })
    cleanups.push(() => origin.close())
    const reply = await rawExchange(
      rig.proxy.port,
      `POST ${origin.url}/p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello` +
        `GET ${origin.url}/g HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      { until: () => false, waitMs: 3000 }
    )
    expect(bodies(reply.text)).toEqual(['POST /p [hello]', 'GET /g []'])
  })

  for (const host of ['127.0.0.1', 'localhost']) {
    it(`answers a request for the proxy's own address (${host}) with 508`, async () => {
      rig = await startRig()
      const r = await proxiedGet(rig.proxy.port, `http://${host}:${rig.proxy.port}/`)
      expect(r.status).toBe(508)
      const ex = await errorExchange(rig.proxy)
      expect(ex.error?.kind).toBe('loop-detected')
    })
  }

  it('stops a loop through an address spelling the proxy does not know as its own', async () => {
    rig = await startRig()
    // [::ffff:127.0.0.1] is the proxy too, reached over an IPv4-mapped address.
    const r = await proxiedGet(rig.proxy.port, `http://[::ffff:127.0.0.1]:${rig.proxy.port}/again`)
    expect(r.status).toBe(508)
    await eventually(() => {
      const loops = rig.proxy.store.snapshot().exchanges.filter((e) => e.error?.kind === 'loop-detected')
      expect(loops).toHaveLength(1)
    })
    // One outer exchange and at most one looped copy: no runaway.
    expect(rig.proxy.store.snapshot().exchanges.length).toBeLessThanOrEqual(2)
  })
})

describe('upgrade requests', () => {
  // Browsers open WebSockets through a proxy with CONNECT; a plain Upgrade request is forwarded as
  // an ordinary request (Upgrade is hop-by-hop) rather than left hanging.
  it('answers a WebSocket upgrade request instead of hanging, and records it', async () => {
    rig = await startRig()
    const reply = await rawExchange(
      rig.proxy.port,
      `GET ${rig.origin.url}/ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
      { waitMs: 2000 }
    )
    expect(reply.status).toBe(200)
    expect(reply.text).toContain('GET /ws')
    await eventually(() => expect(rig.proxy.store.snapshot().exchanges[0]?.state).toBe('complete'))
  })
})
