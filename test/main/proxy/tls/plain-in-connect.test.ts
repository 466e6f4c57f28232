// Plain HTTP inside a CONNECT tunnel (undici's ProxyAgent, Node's fetch, tunnels even http:// URLs)
// is read and recorded as ordinary exchanges with their cookies, not as an opaque tunnel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProxyAgent, fetch } from 'undici'
import { startHttpsEngine, until } from '../../../helpers/https'

let env: Awaited<ReturnType<typeof startHttpsEngine>>
beforeAll(async () => {
  env = await startHttpsEngine()
})
afterAll(async () => {
  await env.close()
})

describe('plain HTTP inside CONNECT', () => {
  it("records a Node fetch through undici's ProxyAgent to http://roundtrip.test/ as exchanges", async () => {
    const dispatcher = new ProxyAgent(env.engine.proxyUrl)
    try {
      const login = await fetch('http://roundtrip.test/login', { dispatcher })
      expect(login.status).toBe(200)
      const setCookie = login.headers.getSetCookie()
      expect(setCookie.some((c) => c.startsWith('sid='))).toBe(true)
      await login.text()
      const sid = setCookie.find((c) => c.startsWith('sid='))!.split(';')[0]!
      const home = await fetch('http://roundtrip.test/', { dispatcher, headers: { cookie: sid } })
      expect(home.status).toBe(200)
      await home.text()
    } finally {
      await dispatcher.close()
    }
    const snap = await until(() => {
      const s = env.engine.store.snapshot()
      return s.exchanges.filter((e) => e.state === 'complete').length >= 2 && s
    }, 'two recorded exchanges')
    const login = snap.exchanges.find((e) => e.url === 'http://roundtrip.test/login')!
    const home = snap.exchanges.find((e) => e.url === 'http://roundtrip.test/')!
    expect(
      login.responseHeaders?.some(([n, v]) => n.toLowerCase() === 'set-cookie' && v.startsWith('sid='))
    ).toBe(true)
    expect(home.requestHeaders.some(([n, v]) => n.toLowerCase() === 'cookie' && v.startsWith('sid='))).toBe(
      true
    )
    expect(login.tls).toBeUndefined()
    const tunnels = snap.tunnels.filter((t) => t.host === 'roundtrip.test')
    expect(tunnels.length).toBeGreaterThan(0)
    expect(tunnels.every((t) => t.mode === 'http')).toBe(true)
    // The session the site created points at the exchange that caused it.
    const created = snap.sessionEvents.find((ev) => ev.kind === 'created')!
    expect(created.exchangeId).toBe(login.id)
  })
})
