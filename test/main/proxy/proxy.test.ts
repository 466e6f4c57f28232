import http from 'node:http'
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  eventually,
  execFileP,
  freePort,
  proxiedGet,
  startEcho,
  startOrigin,
  startProxy,
  type Origin,
  type TestProxy
} from '../../helpers/net'

let proxy: TestProxy
let origin: Origin
const cleanups: (() => Promise<void> | void)[] = []

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function setup(): Promise<void> {
  origin = await startOrigin()
  proxy = await startProxy()
  cleanups.push(
    () => origin.close(),
    () => proxy.close()
  )
}

describe('forward proxy: connections', () => {
  it('records two requests from one keep-alive agent on one client connection, the second as reuse', async () => {
    await setup()
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    cleanups.push(() => agent.destroy())
    const a = await proxiedGet(proxy.port, `${origin.url}/one`, { agent })
    const b = await proxiedGet(proxy.port, `${origin.url}/two`, { agent })
    expect(a.body).toBe('GET /one')
    expect(b.body).toBe('GET /two')
    const { exchanges } = proxy.store.snapshot()
    expect(exchanges).toHaveLength(2)
    expect(exchanges[0]!.clientConnectionId).toBe(exchanges[1]!.clientConnectionId)
    expect(exchanges.map((e) => e.sequence)).toEqual([1, 2])
    expect(exchanges[0]!.upstreamReused).toBe(false)
    expect(exchanges[1]!.upstreamReused).toBe(true)
    expect(exchanges[1]!.upstreamConnectionId).toBe(exchanges[0]!.upstreamConnectionId)
    expect(exchanges[0]!.timings.upstreamConnected).toBeGreaterThanOrEqual(0)
    expect(exchanges[1]!.timings.upstreamConnected).toBeUndefined()
    const client = proxy.store.getConnection(exchanges[0]!.clientConnectionId)!
    expect(client.exchangeIds).toEqual([exchanges[0]!.id, exchanges[1]!.id])
  })

  it('records three URLs in one curl -x command on one client connection', async () => {
    await setup()
    await execFileP('curl', ['-sS', '-x', proxy.url, `${origin.url}/a`, `${origin.url}/b`, `${origin.url}/c`])
    const exchanges = await eventually(() => {
      const list = proxy.store.snapshot().exchanges
      expect(list.filter((e) => e.state === 'complete')).toHaveLength(3)
      return list
    })
    expect(new Set(exchanges.map((e) => e.clientConnectionId)).size).toBe(1)
    expect(exchanges.map((e) => new URL(e.url).pathname)).toEqual(['/a', '/b', '/c'])
    expect(new Set(exchanges.map((e) => e.upstreamConnectionId)).size).toBe(1)
  })

  it('opens a new client connection after Connection: close, and says the client asked for it', async () => {
    await setup()
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    cleanups.push(() => agent.destroy())
    await proxiedGet(proxy.port, `${origin.url}/first`, { agent, headers: { connection: 'close' } })
    await proxiedGet(proxy.port, `${origin.url}/second`, { agent })
    const { exchanges } = proxy.store.snapshot()
    expect(exchanges[0]!.clientConnectionId).not.toBe(exchanges[1]!.clientConnectionId)
    const first = await eventually(() => {
      const c = proxy.store.getConnection(exchanges[0]!.clientConnectionId)!
      expect(c.closedAt).toBeDefined()
      return c
    })
    expect(first.closedBy).toBe('client')
  })

  it('closes the client connection when the origin answers Connection: close', async () => {
    origin = await startOrigin((_req, res) => {
      res.writeHead(200, { connection: 'close', 'content-length': 2 })
      res.end('ok')
    })
    proxy = await startProxy()
    cleanups.push(
      () => origin.close(),
      () => proxy.close()
    )
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    cleanups.push(() => agent.destroy())
    const r = await proxiedGet(proxy.port, `${origin.url}/x`, { agent })
    expect(r.headers.connection).toBe('close')
    await proxiedGet(proxy.port, `${origin.url}/y`, { agent })
    const { exchanges } = proxy.store.snapshot()
    expect(exchanges[0]!.clientConnectionId).not.toBe(exchanges[1]!.clientConnectionId)
    const closed = await eventually(() => {
      const c = proxy.store.getConnection(exchanges[0]!.clientConnectionId)!
      expect(c.closedBy).toBeDefined()
      return c
    })
    expect(closed.closedBy).toBe('server')
  })

  it('keeps two Set-Cookie lines as two header pairs, in wire order', async () => {
    origin = await startOrigin((_req, res) => {
      res.setHeader('Set-Cookie', ['a=1; Path=/', 'b=2=3; HttpOnly'])
      res.end('ok')
    })
    proxy = await startProxy()
    cleanups.push(
      () => origin.close(),
      () => proxy.close()
    )
    const r = await proxiedGet(proxy.port, `${origin.url}/`)
    expect(r.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2=3; HttpOnly'])
    const ex = await eventually(() => {
      const e = proxy.store.snapshot().exchanges[0]!
      expect(e.state).toBe('complete')
      return e
    })
    expect(ex.responseHeaders!.filter(([n]) => n.toLowerCase() === 'set-cookie')).toEqual([
      ['Set-Cookie', 'a=1; Path=/'],
      ['Set-Cookie', 'b=2=3; HttpOnly']
    ])
    expect(Buffer.from(ex.responseBody!.base64, 'base64').toString()).toBe('ok')
  })
})

describe('forward proxy: failures', () => {
  it('answers 502 with a readable reason when the upstream refuses, and records an error exchange', async () => {
    proxy = await startProxy()
    cleanups.push(() => proxy.close())
    const port = await freePort()
    const r = await proxiedGet(proxy.port, `http://127.0.0.1:${port}/nothing`)
    expect(r.status).toBe(502)
    expect(r.body).toContain('refused the connection')
    const ex = proxy.store.snapshot().exchanges[0]!
    expect(ex.state).toBe('error')
    expect(ex.error?.kind).toBe('upstream-refused')
    expect(ex.status).toBe(502)
    // The proxy keeps working afterwards.
    origin = await startOrigin()
    cleanups.push(() => origin.close())
    expect((await proxiedGet(proxy.port, `${origin.url}/after`)).body).toBe('GET /after')
  })

  it('refuses a request addressed to the proxy itself with 508 instead of looping', async () => {
    proxy = await startProxy()
    cleanups.push(() => proxy.close())
    const r = await proxiedGet(proxy.port, `http://127.0.0.1:${proxy.port}/`)
    expect(r.status).toBe(508)
    expect(proxy.store.snapshot().exchanges[0]!.error?.kind).toBe('loop-detected')
  })

  it('explains a plain path request: this is a proxy, not a web server', async () => {
    proxy = await startProxy()
    cleanups.push(() => proxy.close())
    const r = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: proxy.port, path: '/' }, (res) => {
          let body = ''
          res.on('data', (c) => (body += c))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
        })
        .on('error', reject)
    })
    expect(r.status).toBe(400)
    expect(r.body).toContain('not a web server')
  })

  it('answers a malformed request line with 400 and records it', async () => {
    proxy = await startProxy()
    cleanups.push(() => proxy.close())
    const reply = await new Promise<string>((resolve) => {
      const s = net.connect(proxy.port, '127.0.0.1', () => s.write('GARBAGE\r\n\r\n'))
      let data = ''
      s.on('data', (c) => (data += c))
      s.on('close', () => resolve(data))
      s.on('error', () => resolve(data))
    })
    expect(reply).toMatch(/^HTTP\/1\.1 400/)
    const ex = await eventually(() => {
      const e = proxy.store.snapshot().exchanges[0]
      expect(e).toBeDefined()
      return e!
    })
    expect(ex.error?.kind).toBe('bad-request')
    expect(ex.error?.message).toMatch(/could not be read as HTTP/)
  })
})

describe('forward proxy: CONNECT tunnels', () => {
  it('records a tunnel to a local echo server with its byte counts and who closed it', async () => {
    const echo = await startEcho()
    proxy = await startProxy()
    cleanups.push(
      () => echo.close(),
      () => proxy.close()
    )
    const echoed = await new Promise<string>((resolve, reject) => {
      const s = net.connect(proxy.port, '127.0.0.1', () => {
        s.write(`CONNECT 127.0.0.1:${echo.port} HTTP/1.1\r\nHost: 127.0.0.1:${echo.port}\r\n\r\n`)
      })
      let buf = ''
      let open = false
      s.on('data', (chunk) => {
        buf += chunk
        if (!open && buf.includes('\r\n\r\n')) {
          expect(buf).toMatch(/^HTTP\/1\.1 200/)
          open = true
          buf = ''
          s.write('hello tunnel')
        } else if (open && buf === 'hello tunnel') {
          s.end()
          resolve(buf)
        }
      })
      s.on('error', reject)
    })
    expect(echoed).toBe('hello tunnel')
    const tunnel = await eventually(() => {
      const t = proxy.store.snapshot().tunnels[0]!
      expect(t.closedAt).toBeDefined()
      return t
    })
    expect(tunnel.host).toBe('127.0.0.1')
    expect(tunnel.port).toBe(echo.port)
    expect(tunnel.bytesUp).toBe(12)
    expect(tunnel.bytesDown).toBe(12)
    expect(tunnel.closedBy).toBe('client')
    expect(tunnel.establishedAt).toBeGreaterThanOrEqual(tunnel.openedAt)
  })

  it('answers CONNECT without a port with 400 and a reason', async () => {
    proxy = await startProxy()
    cleanups.push(() => proxy.close())
    const reply = await new Promise<string>((resolve) => {
      const s = net.connect(proxy.port, '127.0.0.1', () => s.write('CONNECT example.test HTTP/1.1\r\n\r\n'))
      let data = ''
      s.on('data', (c) => (data += c))
      s.on('close', () => resolve(data))
    })
    expect(reply).toMatch(/^HTTP\/1\.1 400/)
    expect(reply).toContain('CONNECT needs host:port')
  })
})
