import { afterEach, describe, expect, it } from 'vitest'
import { noticeText, startEngine, type Engine } from '../../../src/main/engine'
import { eventually, execFileP } from '../../helpers/net'

let engine: Engine | undefined

afterEach(async () => {
  await engine?.close()
  engine = undefined
})

describe('engine', () => {
  it('routes roundtrip.test through the proxy to the sample site without DNS, with both sides of the connection', async () => {
    engine = await startEngine({ proxyPort: 0, samplePort: 0, batchMs: 10 })
    const { stdout } = await execFileP('curl', [
      '-sS',
      '-x',
      engine.proxyUrl,
      'http://roundtrip.test/',
      'http://roundtrip.test/login'
    ])
    expect(stdout).toContain('<form')
    const exchanges = await eventually(() => {
      const list = engine!.store.snapshot().exchanges
      expect(list.filter((e) => e.state === 'complete')).toHaveLength(2)
      return list
    })
    expect(exchanges.map((e) => e.status)).toEqual([200, 200])
    // The site's own id for the connection is the same for both: keep-alive seen from the server too.
    expect(exchanges[0]!.serverConnectionId).toMatch(/^s\d+$/)
    expect(exchanges[1]!.serverConnectionId).toBe(exchanges[0]!.serverConnectionId)
    // Showing the login form created a pre-login session, reported against the exchange that caused it.
    const created = engine.store.snapshot().sessionEvents.find((e) => e.kind === 'created')
    expect(created?.exchangeId).toBe(exchanges[1]!.id)
  })

  it('says a taken proxy port as a typed error that names no command-line flag', async () => {
    engine = await startEngine({ proxyPort: 0, samplePort: 0 })
    const port = Number(new URL(engine.proxyUrl).port)
    const err = await startEngine({ proxyPort: port, samplePort: 0 }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'port-in-use', params: { role: 'proxy', port, host: '127.0.0.1' } })
    expect((err as Error).message).toMatch(new RegExp(`^Port ${port} on 127.0.0.1 is already in use`))
    expect((err as Error).message).not.toContain('--')
  })

  it('moves a taken default port to a free one and says so, for the proxy and the sample site', async () => {
    engine = await startEngine({ proxyPort: 0, samplePort: 0 })
    const taken = Number(new URL(engine.proxyUrl).port)
    const takenSample = Number(new URL(engine.sampleUrl).port)
    const other = await startEngine({
      proxyPort: taken,
      samplePort: takenSample,
      portFallback: { proxy: true, sample: true }
    })
    try {
      const got = Number(new URL(other.proxyUrl).port)
      expect(got).not.toBe(taken)
      expect(other.notices.map(noticeText)).toEqual([
        `Port ${takenSample} was in use, so the sample site runs on port ${new URL(other.sampleUrl).port}; through the proxy it is still http://roundtrip.test/.`,
        `Port ${taken} was in use, so the proxy listens on port ${got} instead: point browsers and curl at ${other.proxyUrl}.`
      ])
      const { stdout } = await execFileP('curl', ['-sS', '-x', other.proxyUrl, 'http://roundtrip.test/'])
      expect(stdout).toContain('Roundtrip')
    } finally {
      await other.close()
    }
  })

  it('keeps a port that was asked for: a taken sample port is an error, not a move', async () => {
    engine = await startEngine({ proxyPort: 0, samplePort: 0 })
    const takenSample = Number(new URL(engine.sampleUrl).port)
    const err = await startEngine({
      proxyPort: 0,
      samplePort: takenSample,
      portFallback: { proxy: true }
    }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'port-in-use', params: { role: 'sample', port: takenSample } })
  })
})

describe('engine: moving the proxy', () => {
  it('moves the proxy to a new port and keeps the capture and its ids going', async () => {
    engine = await startEngine({ proxyPort: 0, samplePort: 0, batchMs: 10 })
    const before = engine.proxyUrl
    await execFileP('curl', ['-sS', '-o', '/dev/null', '-x', before, 'http://roundtrip.test/'])
    const after = await engine.setProxyPort(0)
    expect(after).not.toBe(before)
    expect(engine.proxyUrl).toBe(after)
    await execFileP('curl', ['-sS', '-o', '/dev/null', '-x', after, 'http://roundtrip.test/'])
    const ids = await eventually(() => {
      const list = engine!.store.snapshot().exchanges
      expect(list).toHaveLength(2)
      return list.map((e) => e.clientConnectionId)
    })
    expect(new Set(ids).size).toBe(2)
    // The old port is free again.
    const err = await execFileP('curl', ['-sS', '-x', before, 'http://roundtrip.test/']).catch(
      (e: unknown) => e
    )
    expect(err).toMatchObject({ code: 7 })
  })

  it('keeps the old port when the new one is taken, and says which flag or port to change', async () => {
    engine = await startEngine({ proxyPort: 0, samplePort: 0 })
    const other = await startEngine({ proxyPort: 0, samplePort: 0 })
    try {
      const taken = Number(new URL(other.proxyUrl).port)
      const before = engine.proxyUrl
      await expect(engine.setProxyPort(taken)).rejects.toThrow(new RegExp(`Port ${taken} .*already in use`))
      expect(engine.proxyUrl).toBe(before)
      const { stdout } = await execFileP('curl', ['-sS', '-x', before, 'http://roundtrip.test/'])
      expect(stdout).toContain('Roundtrip')
    } finally {
      await other.close()
    }
  })
})

describe('engine: capture limits', () => {
  it('keeps at most maxExchanges in memory, dropping the oldest', async () => {
    engine = await startEngine({ proxyPort: 0, samplePort: 0, batchMs: 10, maxExchanges: 3 })
    const urls = Array.from({ length: 6 }, (_, i) => `http://roundtrip.test/img/${i + 1}.svg`)
    await execFileP('curl', ['-sS', '-o', '/dev/null', '-x', engine.proxyUrl, ...urls])
    const kept = await eventually(() => {
      const list = engine!.store.snapshot().exchanges
      expect(list.map((e) => e.url)).toEqual(urls.slice(3))
      return list
    })
    expect(kept).toHaveLength(3)
    expect(engine.store.evicted).toBe(3)
  })
})
