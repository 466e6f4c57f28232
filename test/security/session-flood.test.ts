// A flood of cookieless visits to the sample site's login page: each one starts a pre-login
// session, so the store is bounded (src/main/sample-server/session-store.ts). 2,000 visits leave
// at most the configured maximum, the oldest pre-login sessions are evicted first, and a signed-in
// user's session survives the flood. Real server, real sockets.
import http from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { SessionStore } from '../../src/main/sample-server/session-store'
import { csrfOf, request, setCookie, startSample, type RunningSample } from '../helpers/sample-client'

let sample: RunningSample | undefined

afterEach(async () => {
  await sample?.close()
  sample = undefined
})

async function flood(url: string, n: number): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 })
  try {
    for (let i = 0; i < n; i += 50) {
      const batch = Array.from({ length: Math.min(50, n - i) }, () => request(`${url}/login`, { agent }))
      for (const r of await Promise.all(batch)) expect(r.status).toBe(200)
    }
  } finally {
    agent.destroy()
  }
}

describe('sample site: session store bound', () => {
  it('2,000 cookieless GET /login leave at most the configured maximum, and count the evictions', async () => {
    sample = await startSample({ maxSessions: 100 })
    await flood(sample.url, 2000)
    const stats = sample.server.sessionStore()
    expect(stats.max).toBe(100)
    expect(stats.size).toBeLessThanOrEqual(100)
    expect(stats.evicted).toBe(2000 - stats.size)
    expect(sample.server.sessions().length).toBe(stats.size)
  })

  it('evicts pre-login sessions before a signed-in one', async () => {
    sample = await startSample({ maxSessions: 20 })
    const page = await request(`${sample.url}/login`)
    const sid = setCookie(page.headers, 'sid')!
    const login = await request(`${sample.url}/login`, {
      method: 'POST',
      cookie: `sid=${sid.value}`,
      form: { username: 'alice', password: 'wonderland', csrf: csrfOf(page.body) }
    })
    const signedIn = setCookie(login.headers, 'sid')!.value
    await flood(sample.url, 200)
    const account = await request(`${sample.url}/account`, { cookie: `sid=${signedIn}` })
    expect(account.status).toBe(200)
    expect(account.body).toContain('alice')
    expect(sample.server.sessionStore().size).toBeLessThanOrEqual(20)
  })

  it('keeps the default bound a few hundred sessions, oldest pre-login first', () => {
    let t = 0
    const store = new SessionStore({ now: () => t++ })
    expect(store.maxSessions).toBe(300)
    const ctx = { remotePort: 0 }
    const first = store.create({}, ctx)
    const second = store.create({}, ctx)
    for (let i = 0; i < 298; i++) store.create({}, ctx)
    expect(store.stats()).toEqual({ size: 300, max: 300, evicted: 0 })
    store.create({}, ctx)
    expect(store.touch(first.id, ctx)).toBeUndefined()
    expect(store.touch(second.id, ctx)).toBeDefined()
    expect(store.stats()).toEqual({ size: 300, max: 300, evicted: 1 })
    expect(() => new SessionStore({ maxSessions: 0 })).toThrow(/maxSessions/)
  })
})
