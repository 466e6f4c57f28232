// Misbehaving origins: refused, unreachable, silent, resetting, speaking garbage, sending bytes
// HTTP does not allow, ending a body at close, closing pooled sockets. The client always gets an
// answer or a clean cut, the capture says what happened, and the proxy keeps serving.
import http from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import {
  errorExchange,
  sleep,
  startRawOrigin,
  startRig,
  type FaultRig,
  type RawOrigin
} from '../helpers/faults'
import { eventually, freePort, proxiedGet, startOrigin } from '../helpers/net'

let rig: FaultRig
const cleanups: (() => Promise<void> | void)[] = []

afterEach(async () => {
  await rig.healthy()
  for (const c of cleanups.splice(0).reverse()) await c()
  await rig.close()
})

async function rawOrigin(onData: Parameters<typeof startRawOrigin>[0]): Promise<RawOrigin> {
  const o = await startRawOrigin(onData)
  cleanups.push(() => o.close())
  return o
}

/** A GET through the proxy that resolves even when the response is cut off. */
function getAllowingCut(
  port: number,
  url: string
): Promise<{ status: number; body: string; cut: boolean; error?: string }> {
  return new Promise((resolve) => {
    const r = http.request(
      { host: '127.0.0.1', port, path: url, headers: { host: new URL(url).host } },
      (res) => {
        let body = ''
        res.setEncoding('latin1')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, cut: false }))
        res.on('error', (e) => resolve({ status: res.statusCode ?? 0, body, cut: true, error: e.message }))
        res.on('aborted', () => resolve({ status: res.statusCode ?? 0, body, cut: true }))
      }
    )
    r.on('error', (e) => resolve({ status: 0, body: '', cut: true, error: e.message }))
    r.end()
  })
}

describe('upstream failures', () => {
  it('answers 502 when nothing listens on the port', async () => {
    rig = await startRig()
    const port = await freePort()
    const r = await proxiedGet(rig.proxy.port, `http://127.0.0.1:${port}/`)
    expect(r.status).toBe(502)
    expect(r.body).toMatch(/refused the connection/)
    const ex = await errorExchange(rig.proxy)
    expect(ex.error?.kind).toBe('upstream-refused')
  })

  it('answers 502 when the address cannot be reached (loopback broadcast address)', async () => {
    rig = await startRig()
    const r = await proxiedGet(rig.proxy.port, 'http://127.255.255.255:80/')
    expect(r.status).toBe(502)
    expect(r.body).toMatch(/could not be reached/)
    const ex = await errorExchange(rig.proxy)
    expect(ex.error?.kind).toBe('upstream-unreachable')
  })

  it('answers 504 when the origin accepts but never answers', async () => {
    rig = await startRig({ upstreamTimeoutMs: 300 })
    const silent = await rawOrigin(() => undefined)
    const t0 = Date.now()
    const r = await proxiedGet(rig.proxy.port, `${silent.url}/slow`)
    expect(r.status).toBe(504)
    expect(Date.now() - t0).toBeLessThan(3000)
    expect(r.body).toMatch(/did not answer in time/)
    const ex = await errorExchange(rig.proxy)
    expect(ex.error?.kind).toBe('upstream-timeout')
  })

  it('cuts the client off and records a timeout when the origin stalls in the middle of a body', async () => {
    rig = await startRig({ upstreamTimeoutMs: 300 })
    const stall = await rawOrigin((s) => s.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial'))
    const r = await getAllowingCut(rig.proxy.port, `${stall.url}/stall`)
    expect(r.status).toBe(200)
    expect(r.cut).toBe(true)
    expect(r.body).toBe('partial')
    const ex = await errorExchange(rig.proxy)
    expect(ex.error?.kind).toBe('upstream-timeout')
  })

  it('cuts the client off when the origin resets in the middle of a response, and records it', async () => {
    rig = await startRig()
    const resetting = await rawOrigin((s) => {
      s.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789', () =>
        setTimeout(() => s.resetAndDestroy(), 30)
      )
    })
    const r = await getAllowingCut(rig.proxy.port, `${resetting.url}/reset`)
    expect(r.status).toBe(200)
    expect(r.cut).toBe(true)
    const ex = await errorExchange(rig.proxy)
    expect(ex.error?.kind).toBe('upstream-reset')
    expect(ex.error?.message).toMatch(/closed the connection/)
  })

  it('answers 502 when the origin resets before answering', async () => {
    rig = await startRig()
    const resetting = await rawOrigin((s) => s.resetAndDestroy())
    const r = await proxiedGet(rig.proxy.port, `${resetting.url}/`)
    expect(r.status).toBe(502)
    const ex = await errorExchange(rig.proxy)
    expect(ex.error?.kind).toBe('upstream-reset')
  })

  it('answers 502 when the origin answers with something that is not HTTP', async () => {
    rig = await startRig()
    const garbage = await rawOrigin((s) =>
      s.end('SSH-2.0-OpenSSH_9.6\r\n\x00\x01\x02 not http at all\r\n\r\n')
    )
    const r = await proxiedGet(rig.proxy.port, `${garbage.url}/`)
    expect(r.status).toBe(502)
    expect(r.body).toMatch(/not valid HTTP/)
    const ex = await errorExchange(rig.proxy)
    expect(ex.error?.kind).toBe('upstream-invalid-response')
  })

  it('answers 502 when the origin closes without a word', async () => {
    rig = await startRig()
    const mute = await rawOrigin((s) => s.end())
    const r = await proxiedGet(rig.proxy.port, `${mute.url}/`)
    expect(r.status).toBe(502)
    await errorExchange(rig.proxy)
  })

  for (const [name, head] of [
    ['a control byte in a header value', 'X-Bad: a\x01b'],
    ['a space in a header name', 'Bad Name: 1'],
    ['a NUL in a header name', 'X-N\x00ul: 1'],
    ['a header line without a colon', 'NoColon'],
    ['two different Content-Lengths', 'Content-Length: 5'],
    ['Transfer-Encoding beside Content-Length', 'Transfer-Encoding: chunked']
  ] as const) {
    it(`answers 502 when the response has ${name}`, async () => {
      rig = await startRig()
      const bad = await rawOrigin((s) => s.end(`HTTP/1.1 200 OK\r\n${head}\r\nContent-Length: 2\r\n\r\nok`))
      const r = await proxiedGet(rig.proxy.port, `${bad.url}/`)
      expect(r.status).toBe(502)
      const ex = await errorExchange(rig.proxy)
      expect(ex.error?.kind).toBe('upstream-invalid-response')
    })
  }

  it('answers 502 when the status line has a control byte in its reason phrase', async () => {
    rig = await startRig()
    const bad = await rawOrigin((s) => s.end('HTTP/1.1 200 O\x01K\r\nContent-Length: 2\r\n\r\nok'))
    const r = await proxiedGet(rig.proxy.port, `${bad.url}/`)
    expect(r.status).toBe(502)
    const ex = await errorExchange(rig.proxy)
    expect(ex.error?.kind).toBe('upstream-invalid-response')
  })

  it('answers 502 with a reason when the response headers are too large', async () => {
    rig = await startRig()
    const huge = await rawOrigin((s) =>
      s.end(`HTTP/1.1 200 OK\r\nSet-Cookie: big=${'b'.repeat(40_000)}\r\nContent-Length: 2\r\n\r\nok`)
    )
    const r = await proxiedGet(rig.proxy.port, `${huge.url}/`)
    expect(r.status).toBe(502)
    expect(r.body).toMatch(/headers larger than the proxy accepts/)
    const ex = await errorExchange(rig.proxy)
    expect(ex.error?.kind).toBe('upstream-invalid-response')
  })

  it('passes a body that ends when the origin closes, complete, to the client', async () => {
    rig = await startRig()
    const payload = 'x'.repeat(200_000) + 'END'
    const closing = await rawOrigin((s) => {
      s.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n')
      s.end(payload)
    })
    const r = await proxiedGet(rig.proxy.port, `${closing.url}/until-close`)
    expect(r.status).toBe(200)
    expect(r.body.length).toBe(payload.length)
    expect(r.body.endsWith('END')).toBe(true)
    const ex = await eventually(() => {
      const e = rig.proxy.store.snapshot().exchanges.find((x) => x.url.endsWith('/until-close'))!
      expect(e.state).toBe('complete')
      return e
    })
    expect(ex.responseBody?.size).toBe(payload.length)
  })

  it('passes an HTTP/1.0 response without a length through complete', async () => {
    rig = await startRig()
    const old = await rawOrigin((s) => s.end('HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nold school'))
    const r = await proxiedGet(rig.proxy.port, `${old.url}/`)
    expect(r.status).toBe(200)
    expect(r.body).toBe('old school')
  })

  it('does not reuse a pooled upstream socket the origin closed while idle', async () => {
    rig = await startRig()
    const origin = await startOrigin()
    origin.server.keepAliveTimeout = 100
    cleanups.push(() => origin.close())
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    cleanups.push(() => agent.destroy())
    const a = await proxiedGet(rig.proxy.port, `${origin.url}/one`, { agent })
    await sleep(400)
    const b = await proxiedGet(rig.proxy.port, `${origin.url}/two`, { agent })
    expect([a.status, b.status]).toEqual([200, 200])
    expect(b.body).toBe('GET /two')
    const [one, two] = rig.proxy.store.snapshot().exchanges
    expect(two!.clientConnectionId).toBe(one!.clientConnectionId)
    expect(two!.upstreamReused).toBe(false)
    expect(two!.upstreamConnectionId).not.toBe(one!.upstreamConnectionId)
    expect(rig.proxy.store.getConnection(one!.upstreamConnectionId!)?.closedBy).toBe('server')
  })

  it('retries once on a fresh socket when a reused upstream socket dies before answering', async () => {
    rig = await startRig()
    let served = 0
    // Answers the first request on each socket with keep-alive, then drops the socket on the
    // next request without a word: the race every keep-alive client must survive.
    const racy = await rawOrigin((s, _d, soFar) => {
      const requests = soFar.split('\r\n\r\n').length - 1
      if (requests === 1) {
        served++
        s.write(`HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: keep-alive\r\n\r\nserved`)
      } else if (requests > 1) s.destroy()
    })
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    cleanups.push(() => agent.destroy())
    const a = await proxiedGet(rig.proxy.port, `${racy.url}/a`, { agent })
    const b = await proxiedGet(rig.proxy.port, `${racy.url}/b`, { agent })
    expect([a.status, b.status]).toEqual([200, 200])
    expect(served).toBe(2)
    const exchanges = rig.proxy.store.snapshot().exchanges
    expect(exchanges).toHaveLength(2)
    expect(exchanges[1]!.upstreamReused).toBe(false)
  })
})
