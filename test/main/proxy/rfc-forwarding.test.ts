// What a proxy must forward and what it must not (RFC 9112 §3.2.2, RFC 9110 §7.6.1), on real
// sockets: the Host the origin sees, hop-by-hop fields in both directions, TE: trailers with the
// trailers themselves, and constant bookkeeping with capture off.
import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { exportHar } from '../../../src/shared/har/export'
import { rawExchange } from '../../helpers/faults'
import { eventually, startOrigin, startProxy, type Origin, type TestProxy } from '../../helpers/net'
import { STALE_AFTER_MS, staleOrigin } from '../../helpers/stale-origin'

let origin: Origin | undefined
let proxy: TestProxy | undefined
const rawServers: net.Server[] = []

afterEach(async () => {
  await proxy?.close()
  await origin?.close()
  for (const s of rawServers.splice(0)) s.close()
  proxy = origin = undefined
})

/** An origin that remembers the raw request headers it received. */
async function recordingOrigin(): Promise<{ origin: Origin; seen: string[][] }> {
  const seen: string[][] = []
  const o = await startOrigin((req, res) => {
    seen.push(req.rawHeaders)
    req.resume()
    req.on('end', () => res.end('ok'))
  })
  return { origin: o, seen }
}

/** Raw header names of a rawHeaders list, lower case. */
const names = (raw: string[]): string[] => raw.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase())
const value = (raw: string[], name: string): string | undefined => {
  const i = names(raw).indexOf(name)
  return i < 0 ? undefined : raw[i * 2 + 1]
}

describe('the Host an origin receives', () => {
  it('is the absolute URL authority whatever Host the client sent, and the record keeps what was sent', async () => {
    const o = await recordingOrigin()
    origin = o.origin
    proxy = await startProxy()
    const reply = await rawExchange(
      proxy.port,
      `GET ${origin.url}/page HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`
    )
    expect(reply.status).toBe(200)
    expect(o.seen).toHaveLength(1)
    expect(value(o.seen[0]!, 'host')).toBe(`127.0.0.1:${origin.port}`)
    // Exactly one Host line went upstream.
    expect(names(o.seen[0]!).filter((n) => n === 'host')).toHaveLength(1)
    const ex = await eventually(() => {
      const e = proxy!.store.snapshot().exchanges[0]
      expect(e?.state).toBe('complete')
      return e!
    })
    expect(ex.requestHeaders).toContainEqual(['Host', 'evil.example'])
  })

  it('is the URL authority when the client sent no Host at all (HTTP/1.0)', async () => {
    const o = await recordingOrigin()
    origin = o.origin
    proxy = await startProxy()
    const reply = await rawExchange(proxy.port, `GET ${origin.url}/ HTTP/1.0\r\n\r\n`)
    expect(reply.status).toBe(200)
    expect(value(o.seen[0]!, 'host')).toBe(`127.0.0.1:${origin.port}`)
  })
})

describe('hop-by-hop request headers', () => {
  it('never reach the origin, including every header Connection names; TE: trailers does', async () => {
    const o = await recordingOrigin()
    origin = o.origin
    proxy = await startProxy()
    const reply = await rawExchange(
      proxy.port,
      `GET ${origin.url}/ HTTP/1.1\r\nHost: ${origin.url.slice(7)}\r\n` +
        'Connection: keep-alive, X-Secret, x-other\r\nX-Secret: do-not-forward\r\nX-Other: 1\r\n' +
        'Keep-Alive: timeout=5\r\nProxy-Connection: keep-alive\r\nProxy-Authorization: Basic dTpw\r\n' +
        'TE: trailers, deflate;q=0.5\r\nUpgrade: websocket\r\nX-Kept: yes\r\n\r\n'
    )
    expect(reply.status).toBe(200)
    const got = names(o.seen[0]!)
    for (const gone of [
      'x-secret',
      'x-other',
      'keep-alive',
      'proxy-connection',
      'proxy-authorization',
      'upgrade'
    ])
      expect(got).not.toContain(gone)
    expect(value(o.seen[0]!, 'x-kept')).toBe('yes')
    // Only the trailers wish travels on, and TE is named in Connection as RFC 9110 §10.1.4 asks.
    expect(value(o.seen[0]!, 'te')).toBe('trailers')
    expect(value(o.seen[0]!, 'connection')?.toLowerCase()).toContain('te')
    const ex = await eventually(() => {
      const e = proxy!.store.snapshot().exchanges[0]
      expect(e?.state).toBe('complete')
      return e!
    })
    // The capture records what the client sent.
    expect(ex.requestHeaders).toContainEqual(['X-Secret', 'do-not-forward'])
    expect(ex.requestHeaders).toContainEqual(['Proxy-Authorization', 'Basic dTpw'])
  })
})

describe('hop-by-hop response headers', () => {
  it("never reach the client, including every header the origin's Connection names", async () => {
    // A raw origin, so its Connection header is exactly what it says.
    const server = net.createServer((socket) => {
      socket.on('error', () => undefined)
      let head = ''
      socket.on('data', (c: Buffer) => {
        head += c.toString('latin1')
        if (!head.includes('\r\n\r\n')) return
        head = ''
        socket.write(
          'HTTP/1.1 200 OK\r\nConnection: X-Internal, keep-alive\r\nX-Internal: secret\r\n' +
            'Keep-Alive: timeout=30\r\nProxy-Authenticate: Basic\r\nUpgrade: h2c\r\nX-Public: 1\r\n' +
            'Content-Length: 2\r\n\r\nok'
        )
      })
    })
    rawServers.push(server)
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as AddressInfo).port
    proxy = await startProxy()
    const reply = await rawExchange(proxy.port, `GET http://127.0.0.1:${port}/ HTTP/1.1\r\nHost: x\r\n\r\n`)
    expect(reply.status).toBe(200)
    // (The proxy's own Keep-Alive for its own hop to the client is its business; the origin's is not.)
    const head = reply.text.slice(0, reply.text.indexOf('\r\n\r\n')).toLowerCase()
    for (const gone of ['x-internal', 'timeout=30', 'proxy-authenticate', 'upgrade'])
      expect(head).not.toContain(gone)
    expect(head).toContain('x-public: 1')
    const ex = await eventually(() => {
      const e = proxy!.store.snapshot().exchanges[0]
      expect(e?.state).toBe('complete')
      return e!
    })
    expect(ex.responseHeaders).toContainEqual(['X-Internal', 'secret'])
  })

  it('passes the origin trailer fields on to a client that accepts them', async () => {
    origin = await startOrigin((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', trailer: 'x-checksum' })
      res.write('body')
      res.addTrailers({ 'x-checksum': 'abc123' })
      res.end()
    })
    proxy = await startProxy()
    const trailers = await new Promise<Record<string, string | undefined>>((resolve, reject) => {
      http
        .get(
          { host: '127.0.0.1', port: proxy!.port, path: `${origin!.url}/`, headers: { te: 'trailers' } },
          (res) => {
            res.resume()
            res.on('end', () => resolve(res.trailers))
          }
        )
        .on('error', reject)
    })
    expect(trailers['x-checksum']).toBe('abc123')
  })
})

describe('capture off', () => {
  it('holds no per-exchange bookkeeping however many requests one connection carries', async () => {
    origin = await startOrigin()
    proxy = await startProxy({ record: false })
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    const n = 400
    for (let i = 0; i < n; i++) {
      await new Promise<void>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: proxy!.port, path: `${origin!.url}/${i}`, agent }, (res) => {
            res.resume()
            res.on('end', () => resolve())
          })
          .on('error', reject)
      })
    }
    const clients = [...proxy.proxy.tracker.openClients].map((s) => proxy!.proxy.tracker.client(s)!)
    expect(clients).toHaveLength(1)
    expect(clients[0]!.sequence).toBe(n)
    expect(clients[0]!.record.exchangeIds).toEqual([])
    const upstreams = [...proxy.proxy.tracker.upstreamByLocalPort.values()]
    expect(upstreams).toHaveLength(1)
    expect(upstreams[0]!.record.exchangeIds).toEqual([])
    expect(proxy.store.snapshot().exchanges).toEqual([])
    agent.destroy()
  })
})

describe('retry on a stale kept-alive upstream socket', () => {
  it('sends an idempotent request once more and records it as retried (model and HAR)', async () => {
    const handled: string[] = []
    origin = await staleOrigin(handled)
    proxy = await startProxy()
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    const get = (path: string): Promise<number> =>
      new Promise((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: proxy!.port, path: `${origin!.url}${path}`, agent }, (res) => {
            res.resume()
            res.on('end', () => resolve(res.statusCode ?? 0))
          })
          .on('error', reject)
      })
    expect(await get('/first')).toBe(200)
    await new Promise((r) => setTimeout(r, STALE_AFTER_MS * 2))
    expect(await get('/second')).toBe(200)
    expect(handled).toEqual(['GET /first', 'GET /second'])
    const second = await eventually(() => {
      const e = proxy!.store.snapshot().exchanges.find((x) => x.url.endsWith('/second'))
      expect(e?.state).toBe('complete')
      return e!
    })
    expect(second.retried).toBe(true)
    expect(second.upstreamReused).toBe(false)
    const entry = exportHar(proxy.store.snapshot()).log.entries.find((e) => e.request.url.endsWith('/second'))
    expect((entry as unknown as { _retried?: boolean })._retried).toBe(true)
    agent.destroy()
  })
})
