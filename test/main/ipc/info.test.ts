import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { portIsFree, portNotice, startWithFallback } from '../../../src/main/ipc/info'

const servers: Server[] = []

async function listen(port: number): Promise<number> {
  const s = createServer((_req, res) => res.end())
  servers.push(s)
  await new Promise<void>((resolve, reject) => {
    s.once('error', reject)
    s.listen(port, '127.0.0.1', resolve)
  })
  return (s.address() as AddressInfo).port
}

/** A stand-in engine: two real listeners on the ports it is given. */
async function fakeEngine(ports: { proxyPort: number; samplePort: number }) {
  const proxy = await listen(ports.proxyPort)
  const sample = await listen(ports.samplePort)
  return { proxyUrl: `http://127.0.0.1:${proxy}`, sampleUrl: `http://127.0.0.1:${sample}` }
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))))
})

describe('startWithFallback', () => {
  it('keeps the wanted ports when they are free and says nothing', async () => {
    const a = await listen(0)
    const b = await listen(0)
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))))
    const { engine, notice } = await startWithFallback(fakeEngine, { proxyPort: a, samplePort: b })
    expect(engine.proxyUrl).toBe(`http://127.0.0.1:${a}`)
    expect(engine.sampleUrl).toBe(`http://127.0.0.1:${b}`)
    expect(notice).toBeUndefined()
  })

  it('picks a free port for a taken one and says which, in a sentence', async () => {
    const taken = await listen(0)
    const { engine, notice } = await startWithFallback(fakeEngine, { proxyPort: taken, samplePort: 0 })
    const got = Number(new URL(engine.proxyUrl).port)
    expect(got).not.toBe(taken)
    expect(notice).toBe(
      `Port ${taken} was in use, so the proxy listens on port ${got} instead: point browsers and curl at ${engine.proxyUrl}.`
    )
  })

  it('tries again on free ports when a port is taken between the check and the start', async () => {
    const taken = await listen(0)
    const { engine, notice } = await startWithFallback(fakeEngine, {
      proxyPort: taken,
      samplePort: 0,
      isFree: async () => true
    })
    expect(Number(new URL(engine.proxyUrl).port)).not.toBe(taken)
    expect(notice).toMatch(/^Port \d+ was in use, so the proxy listens on port \d+ instead/)
  })

  it('passes on errors that are not about a taken port', async () => {
    const start = async () => {
      throw Object.assign(new Error('Not allowed to listen on port 80.'), { code: 'EACCES' })
    }
    await expect(startWithFallback(start, { isFree: async () => true })).rejects.toThrow(/Not allowed/)
  })
})

describe('portNotice and portIsFree', () => {
  it('explains a moved sample site without alarming anyone', () => {
    const n = portNotice(
      { proxyPort: 8080, samplePort: 3000 },
      { proxyUrl: 'http://127.0.0.1:8080', sampleUrl: 'http://127.0.0.1:41000' }
    )
    expect(n).toBe(
      'Port 3000 was in use, so the sample site runs on port 41000; through the proxy it is still http://roundtrip.test/.'
    )
  })

  it('tells a taken port from a free one', async () => {
    const taken = await listen(0)
    expect(await portIsFree(taken, '127.0.0.1')).toBe(false)
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))))
    expect(await portIsFree(taken, '127.0.0.1')).toBe(true)
  })
})
