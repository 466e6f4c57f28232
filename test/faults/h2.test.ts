// Hostile HTTP/2 from a client that Roundtrip intercepts: a bad preface, a frame flood, headers over
// the limit, a stream reset mid-body, a GOAWAY mid-transfer. Each is recorded with a sentence and the
// proxy keeps serving HTTP/2 afterwards.
import http2 from 'node:http2'
import { readFileSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { curl, startHttpsEngine, until } from '../helpers/https'
import { h2Get, h2ThroughProxy, startTestOrigin, tlsThroughProxy, type TestOrigin } from '../helpers/h2'

let env: Awaited<ReturnType<typeof startHttpsEngine>>
let origin: TestOrigin
let ca: string

beforeAll(async () => {
  origin = await startTestOrigin({ h2: true })
  env = await startHttpsEngine({ upstreamCa: readFileSync(origin.certPath, 'utf8') })
  ca = readFileSync(env.caPath, 'utf8')
})
afterAll(async () => {
  await env.close()
  await origin.close()
})
afterEach(async () => {
  // Still serving HTTP/2 after every case.
  const r = await curl([
    '--http2',
    '--cacert',
    env.caPath,
    '-x',
    env.engine.proxyUrl,
    '-o',
    '/dev/null',
    '-w',
    '%{http_version} %{http_code}',
    'https://roundtrip.test/'
  ])
  expect(r.stdout).toBe('2 200')
})

const connection = (id: string) => env.engine.store.snapshot().connections.find((c) => c.id === id)
/** The client connection opened last (the case's own). */
const newestClient = () =>
  env.engine.store
    .snapshot()
    .connections.filter((c) => c.kind === 'client')
    .at(-1)!

/** A frame: 9-byte header (length, type, flags, stream id) and payload. */
function frame(type: number, flags: number, stream: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(9)
  head.writeUIntBE(payload.length, 0, 3)
  head[3] = type
  head[4] = flags
  head.writeUInt32BE(stream, 5)
  return Buffer.concat([head, payload])
}
const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1')

describe('an HTTP/2 origin that gives up', () => {
  it('a GOAWAY from the origin mid-body fails that exchange with a sentence; the next request opens a new session', async () => {
    const session = await h2ThroughProxy(env.engine.proxyUrl, '127.0.0.1', origin.port, ca)
    await new Promise<void>((resolve) => {
      const req = session.request({ ':path': '/origin-goaway' })
      req.on('error', () => resolve())
      req.on('close', () => resolve())
      req.resume()
    })
    const ex = await until(
      () =>
        env.engine.store
          .snapshot()
          .exchanges.find((e) => e.url.endsWith('/origin-goaway') && e.state !== 'pending'),
      'the cut exchange',
      10_000
    )
    expect(ex.state).toBe('error')
    expect(ex.error?.kind).toBe('upstream-reset')
    expect(ex.error?.message).toMatch(/ended its HTTP\/2 connection before a complete response arrived/)
    const upstream = await until(
      () => env.engine.store.snapshot().connections.find((c) => c.id === ex.upstreamConnectionId && c.goaway),
      'the origin GOAWAY on the upstream connection'
    )
    expect(upstream.goaway).toMatch(/sent GOAWAY INTERNAL_ERROR \(2\), last stream \d+/)
    const next = await h2Get(session, { ':path': '/after-goaway' })
    expect(next.status).toBe(200)
    const again = await until(
      () =>
        env.engine.store
          .snapshot()
          .exchanges.find((e) => e.url.endsWith('/after-goaway') && e.state === 'complete'),
      'the next exchange'
    )
    expect(again.upstreamConnectionId).not.toBe(ex.upstreamConnectionId)
    session.close()
  })
})

describe('hostile HTTP/2 clients', () => {
  it('a client that agrees h2 and then sends HTTP/1.1 (a bad preface) is recorded and closed', async () => {
    const socket = await tlsThroughProxy(env.engine.proxyUrl, 'roundtrip.test', 443, ca)
    const client = newestClient()
    socket.on('error', () => undefined)
    socket.resume()
    socket.write('GET / HTTP/1.1\r\nHost: roundtrip.test\r\n\r\n')
    await until(() => socket.destroyed || socket.readableEnded, 'the proxy to close the connection', 10_000)
    const record = await until(() => connection(client.id)?.error, 'the connection error')
    expect(record).toMatch(/did not start with the HTTP\/2 connection preface|HTTP\/2 connection failed/)
    expect(connection(client.id)?.protocol).toBe('h2')
  })

  it('a PING flood is cut off with GOAWAY and recorded', async () => {
    const socket = await tlsThroughProxy(env.engine.proxyUrl, 'roundtrip.test', 443, ca)
    const client = newestClient()
    socket.on('error', () => undefined)
    socket.resume()
    socket.write(Buffer.concat([PREFACE, frame(0x4, 0, 0)]))
    const ping = frame(0x6, 0, 0, Buffer.alloc(8))
    const burst = Buffer.concat(Array(200).fill(ping))
    for (let i = 0; i < 20 && !socket.destroyed; i++) {
      socket.write(burst)
      await new Promise((r) => setTimeout(r, 5))
    }
    const error = await until(() => connection(client.id)?.error, 'the flood to be recorded', 20_000)
    expect(error).toMatch(
      /more than 500 PING frames within 10 s \(a frame flood\); Roundtrip sent GOAWAY ENHANCE_YOUR_CALM/
    )
    socket.destroy()
  })

  it('headers over the limit get a recorded 431 and the connection carries on', async () => {
    const session = await h2ThroughProxy(env.engine.proxyUrl, '127.0.0.1', origin.port, ca)
    const big = await h2Get(session, { ':path': '/big-headers', 'x-big': 'a'.repeat(20_000) })
    expect(big.status).toBe(431)
    const ex = await until(
      () =>
        env.engine.store
          .snapshot()
          .exchanges.find((e) => e.url.endsWith('/big-headers') && e.state === 'error'),
      'the refused exchange'
    )
    expect(ex.error?.message).toMatch(/bytes of request headers on one stream, more than the 16384 bytes/)
    expect(ex.streamId).toBe(1)
    const next = await h2Get(session, { ':path': '/after' })
    expect(next.status).toBe(200)
    session.close()
  })

  it('a stream reset in the middle of its response body is recorded; the session goes on', async () => {
    const session = await h2ThroughProxy(env.engine.proxyUrl, '127.0.0.1', origin.port, ca)
    await new Promise<void>((resolve, reject) => {
      const req = session.request({ ':path': '/big?reset' })
      req.on('error', () => undefined)
      req.once('data', () => {
        req.close(http2.constants.NGHTTP2_CANCEL)
        resolve()
      })
      req.once('close', () => reject(new Error('closed before any data')))
    })
    const ex = await until(
      () =>
        env.engine.store
          .snapshot()
          .exchanges.find((e) => e.url.endsWith('/big?reset') && e.state === 'error'),
      'the reset exchange',
      10_000
    )
    expect(ex.error?.kind).toBe('client-aborted')
    expect(ex.error?.message).toMatch(/reset stream 1 with RST_STREAM CANCEL \(8\)/)
    expect((await h2Get(session, { ':path': '/after-reset' })).status).toBe(200)
    session.close()
  })

  it('a GOAWAY in the middle of a transfer is recorded on the connection', async () => {
    const session = await h2ThroughProxy(env.engine.proxyUrl, '127.0.0.1', origin.port, ca)
    const client = newestClient()
    await new Promise<void>((resolve) => {
      const req = session.request({ ':path': '/big?goaway' })
      req.on('error', () => undefined)
      req.once('data', () => {
        session.goaway(http2.constants.NGHTTP2_PROTOCOL_ERROR, 0)
        resolve()
      })
      req.resume()
    })
    const goaway = await until(() => connection(client.id)?.goaway, 'the GOAWAY sentence', 10_000)
    expect(goaway).toMatch(/^The client sent GOAWAY PROTOCOL_ERROR \(1\), last stream 0/)
    const ex = await until(
      () =>
        env.engine.store
          .snapshot()
          .exchanges.find((e) => e.url.endsWith('/big?goaway') && e.state !== 'pending'),
      'the exchange to end',
      15_000
    )
    expect(['complete', 'error']).toContain(ex.state)
    session.destroy()
  })
})
