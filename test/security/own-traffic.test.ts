// Roundtrip's own UI, opened by a browser the way Roundtrip's launcher starts one
// (`--proxy-server` with `--proxy-bypass-list=<-loopback>`, so even 127.0.0.1 goes through the
// proxy): the UI's requests and its live stream pass the proxy unrecorded, so neither the capture
// nor its HAR exports, plain or redacted, hold the run's token. Real serve, real Chromium.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportHar } from '../../src/shared/har/export'
import { launchChromium } from '../helpers/chromium'
import { exchange } from '../helpers/capture-factory'
import { apiRequest, startServe, type RunningServe } from '../helpers/serve'
import { execFileP } from '../helpers/net'

let serve: RunningServe
let browser: Browser

beforeAll(async () => {
  serve = await startServe()
  browser = await launchChromium({
    proxy: serve.addresses.proxy,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
      '--proxy-bypass-list=<-loopback>'
    ]
  })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await serve?.stop()
})

describe('the UI through the proxy, as the launcher opens it', () => {
  it('leaves no trace of the token in the capture, /api/har or /api/har?redact=1', async () => {
    const { token, ui, proxy } = serve.addresses
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(ui)
    await page.getByTestId('link-state').filter({ hasText: 'live' }).waitFor({ timeout: 20_000 })
    // Some real traffic too, so the capture is not empty and the check means something.
    await execFileP('curl', ['-s', '--max-time', '10', '-x', proxy, 'http://roundtrip.test/'])
    await page.reload()
    await page.getByTestId('link-state').filter({ hasText: 'live' }).waitFor({ timeout: 20_000 })
    const base = new URL(ui).origin
    const snapshot = await apiRequest(base, '/api/snapshot', { token })
    expect(snapshot.body).toContain('roundtrip.test')
    for (const path of ['/api/snapshot', '/api/har', '/api/har?redact=1']) {
      const r = await apiRequest(base, path, { token })
      expect(r.status).toBe(200)
      expect(r.body, path).not.toContain(token)
      expect(r.body, path).not.toContain(`127.0.0.1:${new URL(ui).port}/api`)
    }
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)
})

describe('redaction', () => {
  it('replaces token-like query parameters, Authorization values and the roundtrip_token cookie', () => {
    const T = 'run-token-abcdef0123456789'
    const e = exchange({
      url: `http://127.0.0.1:8081/api/info?token=${T}&x=1&access_token=${T}2`,
      requestHeaders: [
        ['Host', '127.0.0.1:8081'],
        ['Authorization', `Bearer ${T}`],
        ['Cookie', `roundtrip_token=${T}; theme=dark`],
        ['Referer', `http://127.0.0.1:8081/?token=${T}`]
      ],
      responseHeaders: [['Set-Cookie', `roundtrip_token=${T}; Path=/; HttpOnly`]]
    })
    const snap = { seq: 0, connections: [], exchanges: [e], tunnels: [], sessionEvents: [] }
    const text = JSON.stringify(exportHar(snap, { redact: true }))
    expect(text).not.toContain(T)
    expect(text).toContain('x=1')
    expect(text).toMatch(/token=redacted-\d/)
    // Without redaction the values are there (the check above can fail).
    expect(JSON.stringify(exportHar(snap))).toContain(T)
  })
})
