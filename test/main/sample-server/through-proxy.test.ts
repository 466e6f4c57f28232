// The sample site as users reach it: through the engine's proxy at http://roundtrip.test/, with
// curl and a cookie jar, and with Chromium pointed at the proxy.
import type { Browser } from 'playwright-core'
import { launchChromium } from '../../helpers/chromium'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Engine } from '../../../src/main/engine'
import type { CapturedExchange } from '../../../src/shared/model'
import { eventually } from '../../helpers/net'
import { csrfOf, header, startProxiedSite, type CurlJar, type TestClock } from '../../helpers/sample-client'

const SITE = 'http://roundtrip.test'
let engine: Engine
let clock: TestClock
let jar: CurlJar
let browser: Browser | undefined

beforeEach(async () => {
  ;({ engine, clock, jar } = await startProxiedSite())
})

afterEach(async () => {
  await browser?.close()
  browser = undefined
  await engine.close()
  await jar.remove()
})

const viaProxy = (): string[] => ['-x', engine.proxyUrl]

function sid(lines: string[]): string | undefined {
  return lines.map((l) => /^sid=([^;]*)/.exec(l)?.[1]).find((v) => v !== undefined)
}

async function login(): Promise<{ preSid: string; sid: string; sidLine: string }> {
  const form = await jar.run(`${SITE}/login`, viaProxy())
  const preSid = sid(header(form, 'set-cookie'))!
  const post = await jar.run(`${SITE}/login`, [
    ...viaProxy(),
    '--data-urlencode',
    `csrf=${csrfOf(form.body)}`,
    '--data-urlencode',
    'username=bob',
    '--data-urlencode',
    'password=builder'
  ])
  expect(post.status).toBe(303)
  const sidLine = header(post, 'set-cookie').find((l) => l.startsWith('sid='))!
  return { preSid, sid: sid([sidLine])!, sidLine }
}

describe('through the proxy with curl', () => {
  it('logs in with a rotated id, greets, logs out, and the store and capture agree', async () => {
    const { preSid, sid: loggedIn, sidLine } = await login()
    expect(loggedIn).not.toBe(preSid)
    expect(Buffer.from(loggedIn, 'base64url').length * 8).toBeGreaterThanOrEqual(128)
    expect(sidLine).toMatch(/; HttpOnly(;|$)/)
    expect(sidLine).toMatch(/; SameSite=Lax(;|$)/)
    const account = await jar.run(`${SITE}/account`, viaProxy())
    expect(account.body).toContain('Hello, <strong>bob</strong>!')
    expect(engine.sample.sessions().map((s) => [s.id, s.user])).toEqual([[loggedIn, 'bob']])

    const logout = await jar.run(`${SITE}/logout`, [
      ...viaProxy(),
      '--data-urlencode',
      `csrf=${csrfOf(account.body)}`
    ])
    expect(header(logout, 'set-cookie').join()).toMatch(/^sid=; .*Max-Age=0/)
    expect(engine.sample.sessions()).toEqual([])
    const replay = await jar.run(`${SITE}/account`, [...viaProxy(), '-b', `sid=${loggedIn}`])
    expect(replay.status).toBe(303)

    const events = await eventually(() => {
      const list = engine.store.snapshot().sessionEvents
      expect(list.map((e) => e.kind)).toEqual(['created', 'rotated', 'destroyed'])
      return list
    })
    expect(events[1]).toMatchObject({ sessionId: loggedIn, previousId: preSid, user: 'bob' })
    const exchanges = engine.store.snapshot().exchanges
    const byId = new Map(exchanges.map((e) => [e.id, e]))
    expect(byId.get(events[1]!.exchangeId!)?.method).toBe('POST')
    expect(byId.get(events[2]!.exchangeId!)?.url).toBe(`${SITE}/logout`)
  })

  it('expires an idle session on the server with the test clock', async () => {
    const { sid: loggedIn } = await login()
    clock.advance(11 * 60_000)
    const late = await jar.run(`${SITE}/account`, viaProxy())
    expect(late.status).toBe(303)
    expect(header(late, 'location')).toEqual(['/login'])
    expect(await jar.jarLine('sid')).toBeUndefined()
    await eventually(() =>
      expect(engine.store.snapshot().sessionEvents.at(-1)).toMatchObject({
        kind: 'expired',
        sessionId: loggedIn,
        reason: 'idle'
      })
    )
  })

  it('sets theme for a year, and the tracker answers for tracker.test with a uid', async () => {
    const theme = await jar.run(`${SITE}/theme?name=dark`, viaProxy())
    expect(header(theme, 'set-cookie').join()).toMatch(/^theme=dark; Path=\/; Max-Age=31536000/)
    expect((await jar.run(`${SITE}/`, viaProxy())).body).toContain('theme-dark')
    const pixel = await jar.run('http://tracker.test/pixel.gif', viaProxy())
    expect(header(pixel, 'content-type')).toEqual(['image/gif'])
    expect(header(pixel, 'set-cookie').join()).toMatch(
      /^uid=[\w-]+; Path=\/; Max-Age=31536000; .*Secure; SameSite=None$/
    )
  })

  it('after /close the next request reaches the server on a new connection', async () => {
    await jar.run(`${SITE}/`, viaProxy())
    await jar.run(`${SITE}/close`, viaProxy())
    await jar.run(`${SITE}/`, viaProxy())
    const exchanges = await eventually(() => {
      const list = engine.store.snapshot().exchanges.filter((e) => e.state === 'complete')
      expect(list).toHaveLength(3)
      return list
    })
    const ids = exchanges.map((e) => e.serverConnectionId)
    expect(ids.every((id) => /^s\d+$/.test(id ?? ''))).toBe(true)
    expect(ids[2]).not.toBe(ids[1])
  })
})

describe('through the proxy with Chromium', () => {
  it('loads the gallery over several connections, reuses them, and refuses the tracker cookie', async () => {
    browser = await launchChromium({ proxy: engine.proxyUrl })
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${SITE}/gallery`, { waitUntil: 'load' })
    const images = (e: CapturedExchange): boolean => /\/img\/\d+\.svg$/.test(e.url)
    const exchanges = await eventually(() => {
      const list = engine.store.snapshot().exchanges.filter((e) => e.state === 'complete')
      expect(list.filter(images)).toHaveLength(24)
      return list
    })
    const perConnection = new Map<string, number>()
    for (const e of exchanges.filter((x) => x.url.startsWith(SITE))) {
      expect(e.serverConnectionId).toMatch(/^s\d+$/)
      perConnection.set(e.serverConnectionId!, (perConnection.get(e.serverConnectionId!) ?? 0) + 1)
    }
    expect(perConnection.size).toBeGreaterThan(1)
    expect(Math.max(...perConnection.values())).toBeGreaterThan(1)
    // The pixel was fetched and answered with Set-Cookie: uid, but Chromium kept nothing for
    // tracker.test over plain http, as the site explains.
    const pixel = exchanges.find((e) => e.url === 'http://tracker.test/pixel.gif')
    expect(
      pixel?.responseHeaders?.some(([n, v]) => n.toLowerCase() === 'set-cookie' && v.startsWith('uid='))
    ).toBe(true)
    expect(await context.cookies('http://tracker.test/')).toEqual([])
  })
})
