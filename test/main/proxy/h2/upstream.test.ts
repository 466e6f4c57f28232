// The upstream side of an HTTP/2 client: HTTP/2 to an origin that offers it by ALPN (one session for
// the client connection's streams), HTTP/1.1 otherwise with one Cookie header (RFC 9113 §8.2.3).
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyzeHar } from '../../../../src/shared/analysis'
import { say } from '../../../../src/shared/analysis/explain'
import { exportHar } from '../../../../src/shared/har/export'
import { curl, startHttpsEngine, until } from '../../../helpers/https'
import { h2Get, h2ThroughProxy, startTestOrigin, type TestOrigin } from '../../../helpers/h2'

describe('HTTP/2 upstream', () => {
  let h2origin: TestOrigin
  let h1origin: TestOrigin
  let env: Awaited<ReturnType<typeof startHttpsEngine>>
  let ca: string
  beforeAll(async () => {
    h2origin = await startTestOrigin({ h2: true })
    h1origin = await startTestOrigin({ h2: false })
    // Both origins' self-signed certificates, trusted as --upstream-ca would.
    const upstreamCa = readFileSync(h2origin.certPath, 'utf8') + readFileSync(h1origin.certPath, 'utf8')
    env = await startHttpsEngine({ upstreamCa })
    ca = readFileSync(env.caPath, 'utf8')
  })
  afterAll(async () => {
    await env.close()
    await h2origin.close()
    await h1origin.close()
  })

  it('speaks HTTP/2 to an origin that offers it: three streams, one upstream session', async () => {
    const session = await h2ThroughProxy(env.engine.proxyUrl, '127.0.0.1', h2origin.port, ca)
    const paths = ['/a?ms=50', '/b?ms=50', '/c?ms=50']
    const answers = await Promise.all(paths.map((p) => h2Get(session, { ':path': p })))
    session.close()
    for (const a of answers) expect(JSON.parse(a.body).httpVersion).toBe('2.0')
    const list = await until(() => {
      const l = env.engine.store
        .snapshot()
        .exchanges.filter((e) => e.url.includes(`:${h2origin.port}/`) && e.state === 'complete')
      return l.length === 3 ? l : undefined
    }, 'three exchanges')
    expect(list.every((e) => e.httpVersion === 'HTTP/2' && e.upstreamHttpVersion === 'HTTP/2')).toBe(true)
    expect(new Set(list.map((e) => e.upstreamConnectionId)).size).toBe(1)
    expect(new Set(list.map((e) => e.upstreamStreamId)).size).toBe(3)
    const upstream = env.engine.store
      .snapshot()
      .connections.find((c) => c.id === list[0]!.upstreamConnectionId)!
    expect(upstream.protocol).toBe('h2')
    expect(upstream.exchangeIds).toHaveLength(3)
  })

  it('joins two cookie fields into one Cookie header, recorded and sent upstream over HTTP/1.1', async () => {
    const session = await h2ThroughProxy(env.engine.proxyUrl, '127.0.0.1', h1origin.port, ca)
    const answer = await h2Get(session, { ':path': '/cookies', cookie: ['a=1', 'b=2'], 'x-test': 'yes' })
    session.close()
    const echoed = JSON.parse(answer.body) as { httpVersion: string; headers: string[] }
    expect(echoed.httpVersion).toBe('1.1')
    const names = echoed.headers.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase())
    expect(names.filter((n) => n === 'cookie')).toHaveLength(1)
    expect(echoed.headers[echoed.headers.findIndex((h) => h.toLowerCase() === 'cookie') + 1]).toBe('a=1; b=2')
    expect(names.some((n) => n.startsWith(':'))).toBe(false)
    expect(echoed.headers[echoed.headers.findIndex((h) => h.toLowerCase() === 'host') + 1]).toBe(
      `127.0.0.1:${h1origin.port}`
    )
    const ex = await until(
      () =>
        env.engine.store
          .snapshot()
          .exchanges.find((e) => e.url.endsWith(`:${h1origin.port}/cookies`) && e.state === 'complete'),
      'the cookie exchange'
    )
    expect(ex.requestHeaders.filter(([n]) => n.toLowerCase() === 'cookie')).toEqual([['cookie', 'a=1; b=2']])
    expect(ex.cookieSplit).toBe(true)
    expect(ex.upstreamHttpVersion).toBe('HTTP/1.1')
    expect(ex.responseHeaders?.find(([n]) => n === 'set-cookie')?.[1]).toBe('origin=1; Secure; Path=/')
    // The analysis reads the two fields as one Cookie header: both cookies, in order.
    const report = analyzeHar(exportHar(env.engine.store.snapshot()))
    const row = report.requests.find((r) => r.url === ex.url)!
    expect(row.sentCookie).toBe('a=1; b=2')
    expect(row.sent.map((c) => c.name)).toEqual(['a', 'b'])
    // ...and says why there were two: HTTP/2 allows splitting it (a code, worded in both languages).
    expect(row.cookieSplit?.code).toBe('request.cookieSplit')
    expect(say('en', row.cookieSplit!)).toMatch(
      /which HTTP\/2 allows \(RFC 9113 §8\.2\.3\).*joined with "; "/
    )
    expect(say('ko', row.cookieSplit!)).toMatch(/HTTP\/2는.*RFC 9113 §8\.2\.3/)
  })
})

describe('--http2 off', () => {
  it('offers only http/1.1, so curl --http2 speaks HTTP/1.1', async () => {
    const env = await startHttpsEngine({ http2: false })
    try {
      const r = await curl([
        '--http2',
        '--cacert',
        env.caPath,
        '-x',
        env.engine.proxyUrl,
        '-o',
        '/dev/null',
        '-w',
        '%{http_version}',
        'https://roundtrip.test/'
      ])
      expect(r.stdout).toBe('1.1')
    } finally {
      await env.close()
    }
  })
})
