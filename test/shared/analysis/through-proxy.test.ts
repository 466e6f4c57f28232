// The analysis on a real capture: curl with a cookie jar drives the sample site through the engine's
// proxy, and the HAR exported from the capture store shows the session ID rotated at login, cleared at
// logout, and expired on the server after an idle timeout; the theme and tracker cookies are not IDs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Engine } from '../../../src/main/engine'
import { analyzeHar } from '../../../src/shared/analysis'
import { exportHar } from '../../../src/shared/har/export'
import { parseHar } from '../../../src/shared/har/read'
import { eventually } from '../../helpers/net'
import { csrfOf, startProxiedSite, type CurlJar, type TestClock } from '../../helpers/sample-client'

const SITE = 'http://roundtrip.test'
let engine: Engine
let clock: TestClock
let jar: CurlJar

beforeEach(async () => {
  ;({ engine, clock, jar } = await startProxiedSite())
})

afterEach(async () => {
  await engine.close()
  await jar.remove()
})

const proxy = (): string[] => ['-x', engine.proxyUrl]

async function login(): Promise<void> {
  const form = await jar.run(`${SITE}/login`, proxy())
  const post = await jar.run(`${SITE}/login`, [
    ...proxy(),
    '--data-urlencode',
    `csrf=${csrfOf(form.body)}`,
    '--data-urlencode',
    'username=bob',
    '--data-urlencode',
    'password=builder'
  ])
  expect(post.status).toBe(303)
}

describe('analysis of a capture made through the proxy', () => {
  it('follows the session ID through login, logout and an idle timeout', async () => {
    await login() // entries 0 (GET /login) and 1 (POST /login)
    const account = await jar.run(`${SITE}/account`, proxy()) // 2
    await jar.run(`${SITE}/theme?name=dark`, proxy()) // 3
    await jar.run('http://tracker.test/pixel.gif', proxy()) // 4
    await jar.run(`${SITE}/logout`, [...proxy(), '--data-urlencode', `csrf=${csrfOf(account.body)}`]) // 5
    await login() // 6, 7
    clock.advance(11 * 60_000)
    const late = await jar.run(`${SITE}/account`, proxy()) // 8
    expect(late.status).toBe(303)

    const snapshot = await eventually(() => {
      const s = engine.store.snapshot()
      expect(s.exchanges).toHaveLength(9)
      expect(s.exchanges.every((e) => e.state === 'complete')).toBe(true)
      return s
    })
    // Through text, as a file would be read.
    const parsed = parseHar(JSON.stringify(exportHar(snapshot)))
    if (!parsed.ok) throw new Error(parsed.error)
    const report = analyzeHar(parsed.har)
    const urls = parsed.har.log.entries.map((e) => `${e.request.method} ${new URL(e.request.url).pathname}`)
    expect(urls).toEqual([
      'GET /login',
      'POST /login',
      'GET /account',
      'GET /theme',
      'GET /pixel.gif',
      'POST /logout',
      'GET /login',
      'POST /login',
      'GET /account'
    ])

    const trips = report.sessions.map(({ cookie, domain, issuedBy, sentIn, endedBy, end }) => ({
      cookie,
      domain,
      issuedBy,
      sentIn,
      endedBy,
      end
    }))
    expect(trips).toEqual([
      { cookie: 'sid', domain: 'roundtrip.test', issuedBy: 0, sentIn: [1], endedBy: 1, end: 'replaced' },
      { cookie: 'sid', domain: 'roundtrip.test', issuedBy: 1, sentIn: [2, 3, 5], endedBy: 5, end: 'cleared' },
      { cookie: 'sid', domain: 'roundtrip.test', issuedBy: 6, sentIn: [7], endedBy: 7, end: 'replaced' },
      { cookie: 'sid', domain: 'roundtrip.test', issuedBy: 7, sentIn: [8], endedBy: 8, end: 'expired' }
    ])
    expect(report.sessions.map((s) => [s.atLogin ?? false, s.atLogout ?? false])).toEqual([
      [true, false],
      [false, true],
      [true, false],
      [false, false]
    ])
    expect(report.sessions[3]?.expiredOn).toBe('server')
    // The server's own events, carried in the file, agree and say which timeout it was.
    expect(report.sessions[3]?.server?.at(-1)).toMatchObject({ kind: 'expired', reason: 'idle', entry: 8 })
    expect(report.sessions[3]?.story).toContain('its idle timeout had run out')
    expect(report.sessions[1]?.server?.map((e) => [e.kind, e.entry])).toEqual([
      ['created', 1],
      ['destroyed', 5]
    ])
    // The server's own store agrees: the values are the ids it created, rotated, destroyed and expired.
    const events = snapshot.sessionEvents.map((e) => [e.kind, e.sessionId])
    expect(events).toEqual([
      ['created', report.sessions[0]?.value],
      ['rotated', report.sessions[1]?.value],
      ['destroyed', report.sessions[1]?.value],
      ['created', report.sessions[2]?.value],
      ['rotated', report.sessions[3]?.value],
      ['expired', report.sessions[3]?.value]
    ])

    const purpose = Object.fromEntries(report.cookies.map((c) => [`${c.name}@${c.domain}`, c.purpose]))
    expect(purpose).toEqual({
      'sid@roundtrip.test': 'session-id',
      'theme@roundtrip.test': 'preference',
      'uid@tracker.test': 'tracking'
    })
    expect(report.rejected.map((r) => [r.index, r.cookie])).toEqual([[4, 'uid']])
    expect(report.requests[5]?.expectedCookie).toMatch(/^sid=[\w-]+; theme=dark$/)
    // curl sent every cookie the jar expected (its own order may differ: RFC 6265 puts the older sid, whose
    // creation time survives replacement, before theme; a sid re-created after logout comes after it).
    expect(report.requests.flatMap((r) => r.differences)).toEqual([])
    expect(report.cookies.find((c) => c.name === 'theme')?.lifetime).toBe('1 year')
    expect(report.requests[8]?.expectedCookie).toMatch(/^theme=dark; sid=[\w-]+$/)
    expect(report.connections.source).toBe('recorded')
    expect(report.connections.groups.flatMap((g) => g.entries).sort((a, b) => a - b)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8
    ])
    expect(
      report.warnings.filter((w) => w.kind === 'not-rotated-at-login' || w.kind === 'session-not-httponly')
    ).toEqual([])
  })
})
