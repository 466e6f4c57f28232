// HTTP/2 through Roundtrip on real sockets with real curl: streams on one connection, overlapping,
// each an exchange with its stream id; HTTP/1.1 one request at a time per connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CapturedExchange } from '../../../../src/shared/model'
import { curl, startHttpsEngine, until } from '../../../helpers/https'

const IMAGES = Array.from({ length: 8 }, (_, i) => `https://roundtrip.test/img/${i + 1}.svg`)

const overlaps = (a: CapturedExchange, b: CapturedExchange): boolean =>
  a.startedAt < b.startedAt + (b.timings.responseEnd ?? 0) &&
  b.startedAt < a.startedAt + (a.timings.responseEnd ?? 0)

describe('HTTP/2 through the proxy', () => {
  let env: Awaited<ReturnType<typeof startHttpsEngine>>
  beforeAll(async () => {
    env = await startHttpsEngine()
  })
  afterAll(async () => {
    await env.close()
  })

  const finished = (urls: string[], since: number): Promise<CapturedExchange[]> =>
    until(
      () => {
        const list = env.engine.store
          .snapshot()
          .exchanges.filter((e) => urls.includes(e.url) && e.startedAt >= since && e.state !== 'pending')
        return list.length === urls.length ? list : undefined
      },
      'the exchanges',
      15_000
    )

  it('curl --http2 -Z: 8 images as 8 overlapping streams on one client connection', async () => {
    const since = Date.now() - 1
    const r = await curl([
      '--http2',
      '--cacert',
      env.caPath,
      '-x',
      env.engine.proxyUrl,
      '-Z',
      '-w',
      '%{http_version} %{http_code}\n',
      ...IMAGES.flatMap((u) => ['-o', '/dev/null', u])
    ])
    expect(r.stdout.trim().split('\n')).toEqual(Array(8).fill('2 200'))
    const list = await finished(IMAGES, since)
    expect(list.every((e) => e.state === 'complete' && e.status === 200)).toBe(true)
    expect(new Set(list.map((e) => e.clientConnectionId)).size).toBe(1)
    expect(list.every((e) => e.httpVersion === 'HTTP/2')).toBe(true)
    const ids = list.map((e) => e.streamId)
    expect(ids.every((id) => typeof id === 'number' && id % 2 === 1)).toBe(true)
    expect(new Set(ids).size).toBe(8)
    // Streams are concurrent: every one was in flight while another was.
    for (const e of list) expect(list.some((o) => o !== e && overlaps(e, o))).toBe(true)
    const conn = env.engine.store.snapshot().connections.find((c) => c.id === list[0]!.clientConnectionId)!
    expect(conn.protocol).toBe('h2')
    // The sample site speaks HTTP/1.1: each stream went upstream as HTTP/1.1, recorded per exchange.
    expect(list.every((e) => e.upstreamHttpVersion === 'HTTP/1.1')).toBe(true)
  })

  it('curl --http1.1 -Z: the same images never overlap on any one connection', async () => {
    const since = Date.now() - 1
    const r = await curl([
      '--http1.1',
      '--cacert',
      env.caPath,
      '-x',
      env.engine.proxyUrl,
      '-Z',
      '-w',
      '%{http_version} %{http_code}\n',
      ...IMAGES.flatMap((u) => ['-o', '/dev/null', u])
    ])
    expect(r.stdout.trim().split('\n')).toEqual(Array(8).fill('1.1 200'))
    const list = await finished(IMAGES, since)
    expect(list.every((e) => e.httpVersion === 'HTTP/1.1' && e.streamId === undefined)).toBe(true)
    const byConnection = new Map<string, CapturedExchange[]>()
    for (const e of list)
      byConnection.set(e.clientConnectionId, [...(byConnection.get(e.clientConnectionId) ?? []), e])
    expect(byConnection.size).toBeGreaterThan(1)
    for (const group of byConnection.values()) {
      for (const a of group) for (const b of group) if (a !== b) expect(overlaps(a, b)).toBe(false)
    }
  })
})
