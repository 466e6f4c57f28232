// Clients that leave early, stall, trickle or just sit there. The origin must see an abandoned
// request end too, timeouts are settable and fire, and the proxy keeps serving.
import http from 'node:http'
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { errorExchange, rawExchange, sleep, startRig, type FaultRig } from '../helpers/faults'
import { eventually, startOrigin, type Origin } from '../helpers/net'

let rig: FaultRig
const cleanups: (() => Promise<void> | void)[] = []

afterEach(async () => {
  await rig.healthy()
  for (const c of cleanups.splice(0).reverse()) await c()
  await rig.close()
})

/** An origin that notes whether each request ended normally or was abandoned by the proxy. */
async function watchfulOrigin(handler: http.RequestListener): Promise<{ origin: Origin; aborted: string[] }> {
  const aborted: string[] = []
  const origin = await startOrigin((req, res) => {
    res.once('close', () => {
      if (!res.writableFinished) aborted.push(req.url ?? '')
    })
    handler(req, res)
  })
  cleanups.push(() => origin.close())
  return { origin, aborted }
}

describe('clients that misbehave', () => {
  it('destroys the upstream request when the client leaves in the middle of a download', async () => {
    rig = await startRig()
    const { origin, aborted } = await watchfulOrigin((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      const timer = setInterval(() => res.write('x'.repeat(1000)), 20)
      res.once('close', () => clearInterval(timer))
      setTimeout(() => res.end(), 5000)
    })
    await new Promise<void>((resolve) => {
      const r = http.request(
        { host: '127.0.0.1', port: rig.proxy.port, path: `${origin.url}/download` },
        (res) => res.once('data', () => (r.destroy(), resolve()))
      )
      r.on('error', () => undefined)
      r.end()
    })
    await eventually(() => expect(aborted).toEqual(['/download']))
    const ex = await errorExchange(rig.proxy)
    expect(ex.error?.kind).toBe('client-aborted')
    expect(ex.status).toBe(200)
  })

  it('destroys the upstream request when the client leaves in the middle of an upload', async () => {
    rig = await startRig()
    const { origin, aborted } = await watchfulOrigin((req, res) => {
      req.resume()
      req.once('end', () => res.end('got it all'))
    })
    const socket = net.connect(rig.proxy.port, '127.0.0.1')
    socket.on('error', () => undefined)
    socket.write(
      `POST ${origin.url}/upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n` + 'y'.repeat(20_000)
    )
    await eventually(() =>
      expect(rig.proxy.store.snapshot().exchanges[0]?.upstreamConnectionId).toBeDefined()
    )
    socket.destroy()
    await eventually(() => expect(aborted).toEqual(['/upload']))
    const ex = await errorExchange(rig.proxy)
    expect(ex.error?.kind).toBe('client-aborted')
  })

  it('ends the upstream request when the client half-closes after half a body', async () => {
    rig = await startRig()
    const { origin, aborted } = await watchfulOrigin((req, res) => {
      req.resume()
      req.once('end', () => res.end('complete'))
    })
    const reply = await rawExchange(
      rig.proxy.port,
      `POST ${origin.url}/half-body HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly ten b`,
      { endAfterWrite: true }
    )
    expect(reply.text).not.toContain('complete')
    await eventually(() => expect(aborted).toEqual(['/half-body']))
    await errorExchange(rig.proxy)
  })

  it('does not blame the origin when a slow reader stalls a download past the upstream timeout', async () => {
    rig = await startRig({ upstreamTimeoutMs: 200 })
    const big = Buffer.alloc(8 * 1024 * 1024, 97)
    const { origin } = await watchfulOrigin((_req, res) => {
      res.writeHead(200, { 'content-length': big.length })
      res.end(big)
    })
    const received = await new Promise<number>((resolve, reject) => {
      const r = http.request(
        { host: '127.0.0.1', port: rig.proxy.port, path: `${origin.url}/big` },
        (res) => {
          res.pause()
          let n = 0
          // A response cut short ends with 'close' and no 'end': said at once, with what the proxy recorded.
          res.on('close', () => {
            if (res.complete) return
            const e = rig.proxy.store.snapshot().exchanges[0]
            reject(new Error(`the response was cut after ${n} bytes: ${JSON.stringify(e?.error)}`))
          })
          setTimeout(() => {
            res.on('data', (c: Buffer) => (n += c.length))
            res.on('end', () => resolve(n))
            res.resume()
          }, 800)
        }
      )
      r.on('error', reject)
      r.end()
    })
    expect(received).toBe(big.length)
    const ex = await eventually(() => {
      const e = rig.proxy.store.snapshot().exchanges[0]!
      expect(e.state).not.toBe('pending')
      return e
    })
    expect(ex.error).toBeUndefined()
    expect(ex.state).toBe('complete')
  })

  it('still times out an origin that goes silent mid-body after a slow reader had stalled it', async () => {
    rig = await startRig({ upstreamTimeoutMs: 200 })
    const half = Buffer.alloc(4 * 1024 * 1024, 97)
    const { origin } = await watchfulOrigin((_req, res) => {
      // Promises twice what it sends, then says nothing more.
      res.writeHead(200, { 'content-length': half.length * 2 })
      res.write(half)
    })
    const outcome = await new Promise<string>((resolve, reject) => {
      const r = http.request(
        { host: '127.0.0.1', port: rig.proxy.port, path: `${origin.url}/half` },
        (res) => {
          res.pause()
          res.on('error', () => undefined)
          res.once('close', () => resolve(res.complete ? 'complete' : 'cut'))
          // The reader stalls first (the proxy must not blame the origin), then takes everything.
          setTimeout(() => res.resume(), 600)
        }
      )
      r.on('error', reject)
      r.end()
    })
    expect(outcome).toBe('cut')
    const ex = await eventually(() => {
      const e = rig.proxy.store.snapshot().exchanges[0]!
      expect(e.state, 'the exchange should have ended').not.toBe('pending')
      return e
    })
    expect(ex.error?.kind).toBe('upstream-timeout')
  })

  it('records half a request followed by a close as the client leaving early', async () => {
    rig = await startRig()
    const reply = await rawExchange(rig.proxy.port, `GET ${rig.origin.url}/half HTTP/1.1\r\nHost: x\r\n`, {
      endAfterWrite: true,
      until: () => false
    })
    expect(reply.closed).toBe(true)
    expect([0, 400]).toContain(reply.status)
    const ex = await errorExchange(rig.proxy)
    expect(ex.error?.kind).toBe('client-aborted')
    expect(ex.error?.message).toMatch(/before it had sent its whole request/)
  })

  it('closes a client that trickles its headers with 408 once the headers timeout passes', async () => {
    rig = await startRig({ headersTimeoutMs: 300 })
    const parts = [`GET ${rig.origin.url}/slowloris HTTP/1.1\r\n`]
    for (let i = 0; i < 30; i++) parts.push(`X-Drip-${i}: ${i}\r\n`)
    const t0 = Date.now()
    const reply = await rawExchange(rig.proxy.port, parts, { gapMs: 100, waitMs: 5000, until: () => false })
    expect(reply.closed).toBe(true)
    expect(Date.now() - t0).toBeLessThan(2900)
    expect(reply.status).toBe(408)
    const ex = await errorExchange(rig.proxy)
    expect(ex.status).toBe(408)
    expect(ex.error?.message).toMatch(/too long/)
  })

  it('closes a client that trickles its body once the request timeout passes, and ends the upstream request', async () => {
    rig = await startRig({ requestTimeoutMs: 400, headersTimeoutMs: 400 })
    const { origin, aborted } = await watchfulOrigin((req, res) => {
      req.resume()
      req.once('end', () => res.end('complete'))
    })
    const parts = [`POST ${origin.url}/slow-body HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n`]
    for (let i = 0; i < 40; i++) parts.push('z')
    const reply = await rawExchange(rig.proxy.port, parts, { gapMs: 100, waitMs: 5000, until: () => false })
    expect(reply.closed).toBe(true)
    expect(reply.text).not.toContain('complete')
    await eventually(() => expect(aborted).toEqual(['/slow-body']))
    await errorExchange(rig.proxy)
  })

  it('closes an idle keep-alive client after the settable idle time and records why', async () => {
    rig = await startRig({ clientIdleMs: 150 })
    const t0 = Date.now()
    const reply = await rawExchange(
      rig.proxy.port,
      `GET ${rig.origin.url}/once HTTP/1.1\r\nHost: x\r\n\r\n`,
      {
        waitMs: 5000,
        until: () => false
      }
    )
    expect(reply.status).toBe(200)
    expect(reply.closed).toBe(true)
    expect(Date.now() - t0).toBeLessThan(4500)
    const conn = await eventually(() => {
      const c = rig.proxy.store.snapshot().connections.find((x) => x.kind === 'client')!
      expect(c.closedAt).toBeDefined()
      return c
    })
    expect(conn.closedBy).toBe('idle-timeout')
  })

  it('closes a connection that never sends a byte quietly, without an error exchange', async () => {
    rig = await startRig({ headersTimeoutMs: 200 })
    const reply = await rawExchange(rig.proxy.port, [], { waitMs: 3000, until: () => false })
    expect(reply.closed).toBe(true)
    expect(reply.text).toBe('')
    const conn = await eventually(() => {
      const c = rig.proxy.store.snapshot().connections[0]!
      expect(c.closedAt).toBeDefined()
      return c
    })
    expect(conn.closedBy).toBe('idle-timeout')
    expect(rig.proxy.store.snapshot().exchanges).toEqual([])
  })

  it('holds 300 idle sockets, keeps serving, and lets every one go again', async () => {
    rig = await startRig({ headersTimeoutMs: 1500 })
    const sockets = await Promise.all(
      Array.from(
        { length: 300 },
        () =>
          new Promise<net.Socket>((resolve, reject) => {
            const s = net.connect(rig.proxy.port, '127.0.0.1', () => resolve(s))
            s.on('error', reject)
          })
      )
    )
    cleanups.push(() => sockets.forEach((s) => s.destroy()))
    const t0 = Date.now()
    await eventually(() => expect(rig.proxy.proxy.tracker.openClients.size).toBe(300))
    await rig.healthy()
    // Half leave on their own; the proxy's headers timeout ends the rest.
    for (const s of sockets.slice(0, 150)) s.destroy()
    await eventually(() => expect(rig.proxy.proxy.tracker.openClients.size).toBe(0), 5000)
    expect(Date.now() - t0).toBeLessThan(4800)
    const closedBy = rig.proxy.store.snapshot().connections.map((c) => c.closedBy)
    expect(closedBy.filter((b) => b === 'idle-timeout').length).toBeGreaterThanOrEqual(140)
    expect(rig.proxy.store.snapshot().exchanges.filter((e) => e.state === 'error')).toEqual([])
    await sleep(10)
  })
})
