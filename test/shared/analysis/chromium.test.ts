// The jar replay checked against a real browser: Chromium drives the sample site through the engine's
// proxy, and for every request the Cookie header the analysis expects is exactly the one Chromium sent.
import type { Browser } from 'playwright-core'
import { launchChromium } from '../../helpers/chromium'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startEngine, type Engine } from '../../../src/main/engine'
import { analyzeHar } from '../../../src/shared/analysis'
import { exportHar } from '../../../src/shared/har/export'
import { eventually } from '../../helpers/net'

const SITE = 'http://roundtrip.test'
let engine: Engine
let browser: Browser | undefined

beforeEach(async () => {
  engine = await startEngine({ proxyPort: 0, samplePort: 0, batchMs: 10 })
})

afterEach(async () => {
  await browser?.close()
  browser = undefined
  await engine.close()
})

describe('analysis against Chromium', () => {
  it('expects exactly the Cookie headers Chromium sent, and follows the session through login and logout', async () => {
    browser = await launchChromium({ proxy: engine.proxyUrl })
    const page = await (await browser.newContext()).newPage()
    await page.goto(`${SITE}/theme?name=dark`, { waitUntil: 'load' })
    await page.goto(`${SITE}/login`, { waitUntil: 'load' })
    await page.fill('input[name=username]', 'alice')
    await page.fill('input[name=password]', 'wonderland')
    await Promise.all([page.waitForURL(`${SITE}/account`), page.click('button[type=submit]')])
    await Promise.all([page.waitForURL(`${SITE}/`), page.click('form[action="/logout"] button')])
    await page.close()

    const snapshot = await eventually(() => {
      const s = engine.store.snapshot()
      expect(
        s.exchanges.filter((e) => e.url === `${SITE}/` && e.method === 'GET').length
      ).toBeGreaterThanOrEqual(2)
      expect(s.exchanges.every((e) => e.state !== 'pending')).toBe(true)
      return s
    }, 10_000)
    // The site names an empty icon, so the browser sends no /favicon.ico request of its own. (Such a
    // request is made early and can carry cookies from before a response that arrived meanwhile.)
    expect(snapshot.exchanges.filter((e) => e.url.endsWith('/favicon.ico'))).toEqual([])
    const report = analyzeHar(exportHar(snapshot))

    expect(report.requests.length).toBeGreaterThanOrEqual(8)
    const mismatches = report.requests.filter((r) => r.expectedCookie !== r.sentCookie)
    expect(mismatches.map((r) => [r.index, r.url, r.expectedCookie, r.sentCookie])).toEqual([])
    expect(report.requests.some((r) => /^theme=dark; sid=|sid=[\w-]+; theme=dark/.test(r.sentCookie))).toBe(
      true
    )

    const sid = report.sessions.filter((s) => s.cookie === 'sid')
    expect(sid.map((s) => [s.end, s.atLogin ?? false, s.atLogout ?? false])).toEqual([
      ['replaced', true, false],
      ['cleared', false, true]
    ])
    expect(sid[1]?.sentIn.length).toBeGreaterThanOrEqual(2)
    const purposes = Object.fromEntries(report.cookies.map((c) => [`${c.name}@${c.domain}`, c.purpose]))
    expect(purposes).toMatchObject({
      'sid@roundtrip.test': 'session-id',
      'theme@roundtrip.test': 'preference',
      'uid@tracker.test': 'tracking'
    })
    // Chromium refused the tracker's Secure cookie over http, and so did the jar.
    expect(report.rejected.every((r) => r.cookie === 'uid')).toBe(true)
    expect(report.rejected.length).toBeGreaterThan(0)
  })
})
