// Real Chromium, trusting Roundtrip's CA the way `--browser` starts it (the CA's SPKI hash, for
// this process only), logs in and out of https://roundtrip.test/ with no certificate warning; the
// session's round trip shows for __Host-sid exactly as it does for sid over plain http.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumArgs } from '../../../src/main/browser/launch'
import { chromiumTrustArgs } from '../../../src/main/browser/trust'
import { analyzeHar } from '../../../src/shared/analysis'
import { exportHar } from '../../../src/shared/har/export'
import { CHROMIUM_ARGS, launchChromium } from '../../helpers/chromium'
import { startHttpsEngine } from '../../helpers/https'
import { eventually } from '../../helpers/net'

let env: Awaited<ReturnType<typeof startHttpsEngine>>
let browser: Browser

beforeAll(async () => {
  env = await startHttpsEngine({ batchMs: 10 })
  const ca = await env.engine.ca.load()
  const trust = { spki: ca.spki, certPath: ca.certPath }
  // The same flag the launcher gives a Chromium it starts.
  expect(chromiumArgs(env.engine.proxyUrl, '/tmp/p', 'about:blank', [], trust)).toContain(
    chromiumTrustArgs(trust)[0]
  )
  browser = await launchChromium({
    proxy: env.engine.proxyUrl,
    args: [...CHROMIUM_ARGS, ...chromiumTrustArgs(trust)]
  })
})

afterAll(async () => {
  await browser?.close()
  await env?.close()
})

async function loginAndOut(site: string): Promise<void> {
  const page = await (await browser.newContext()).newPage()
  const first = await page.goto(`${site}/login`, { waitUntil: 'load' })
  expect(first?.status()).toBe(200)
  await page.fill('input[name=username]', 'alice')
  await page.fill('input[name=password]', 'wonderland')
  await Promise.all([page.waitForURL(`${site}/account`), page.click('button[type=submit]')])
  expect(await page.textContent('body')).toContain('alice')
  await Promise.all([page.waitForURL(`${site}/`), page.click('form[action="/logout"] button')])
  await page.close()
}

function roundTrip(cookie: string, site: string) {
  const snapshot = env.engine.store.snapshot()
  const report = analyzeHar(exportHar(snapshot))
  return report.sessions
    .filter((s) => s.cookie === cookie && s.domain === 'roundtrip.test')
    .map((s) => ({
      end: s.end,
      atLogin: s.atLogin ?? false,
      atLogout: s.atLogout ?? false,
      sentBack: s.sentIn.length > 0,
      site
    }))
}

describe('Chromium through the intercepting proxy', () => {
  it('logs in and out over https with no certificate warning, and the round trip matches http', async () => {
    await loginAndOut('http://roundtrip.test')
    await loginAndOut('https://roundtrip.test')
    await eventually(() => {
      const s = env.engine.store.snapshot()
      expect(
        s.exchanges.filter((e) => e.url === 'https://roundtrip.test/' && e.method === 'GET').length
      ).toBe(1)
      expect(s.exchanges.every((e) => e.state !== 'pending')).toBe(true)
    }, 10_000)
    const plain = roundTrip('sid', 'http').map(({ site: _, ...r }) => r)
    const secure = roundTrip('__Host-sid', 'https').map(({ site: _, ...r }) => r)
    expect(plain).toEqual([
      { end: 'replaced', atLogin: true, atLogout: false, sentBack: true },
      { end: 'cleared', atLogin: false, atLogout: true, sentBack: true }
    ])
    expect(secure).toEqual(plain)

    const snapshot = env.engine.store.snapshot()
    const https = snapshot.exchanges.filter((e) => e.url.startsWith('https://roundtrip.test/'))
    expect(https.every((e) => e.tls?.client.sni === 'roundtrip.test' && e.tls.upstream?.verified)).toBe(true)
    const setCookies = https.flatMap((e) =>
      (e.responseHeaders ?? []).filter(([n]) => n.toLowerCase() === 'set-cookie')
    )
    expect(
      setCookies.some(([, v]) => /^__Host-sid=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/.test(v))
    ).toBe(true)
    // The server's own events point at the https exchanges that caused them.
    const httpsIds = new Set(https.map((e) => e.id))
    expect(
      snapshot.sessionEvents.filter((ev) => ev.exchangeId && httpsIds.has(ev.exchangeId)).map((ev) => ev.kind)
    ).toEqual(['created', 'rotated', 'destroyed'])
    expect(
      snapshot.tunnels
        .filter((t) => t.host === 'roundtrip.test')
        .every((t) => t.mode === 'intercepted' && !t.error)
    ).toBe(true)
  })
})
