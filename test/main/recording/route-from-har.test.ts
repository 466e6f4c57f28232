// Interoperability with a real consumer: Playwright's routeFromHAR serves a page in Chromium from
// a HAR that Roundtrip exported after Chromium loaded that page through Roundtrip's proxy.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { launchChromium } from '../../helpers/chromium'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEngine, type Engine } from '../../../src/main/engine'
import { decodeBody } from '../../../src/main/recording/decode'
import { exportHar } from '../../../src/shared/har/export'

// Evaluated in the page: the body's computed style and how many CSS rules the page loaded.
const STYLE = `(() => { const s = getComputedStyle(document.body); const rules = [...document.styleSheets].reduce((n, sheet) => n + sheet.cssRules.length, 0); return s.backgroundColor + ' ' + s.fontFamily + ' rules:' + rules })()`

let dir: string
let browser: Browser | undefined
let engine: Engine | undefined

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtrip-routefromhar-'))
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await engine?.close()
  await rm(dir, { recursive: true, force: true })
})

describe("Playwright's routeFromHAR", () => {
  it('serves the sample site from a HAR Roundtrip exported', async () => {
    engine = await startEngine({ proxyPort: 0, samplePort: 0, batchMs: 10 })
    const live = await browser!.newContext({ proxy: { server: engine.proxyUrl } })
    const page = await live.newPage()
    await page.goto('http://roundtrip.test/', { waitUntil: 'load' })
    const title = await page.title()
    const heading = await page.locator('h1').first().innerText()
    const background = await page.evaluate(STYLE)
    expect(background).not.toMatch(/rules:0$/)
    await live.close()
    await new Promise((r) => setTimeout(r, 100))
    engine.store.flush()
    const har = exportHar(engine.store.snapshot(), { decodeBody })
    await engine.close()
    engine = undefined
    const urls = har.log.entries.map((e) => e.request.url)
    expect(urls).toContain('http://roundtrip.test/')
    expect(urls).toContain('http://roundtrip.test/style.css')
    const file = join(dir, 'sample.har')
    await writeFile(file, JSON.stringify(har))

    // The engine is gone: only the HAR can answer now.
    const offline = await browser!.newContext()
    await offline.routeFromHAR(file, { notFound: 'abort' })
    const replayed = await offline.newPage()
    const served: string[] = []
    replayed.on('requestfinished', (r) => served.push(r.url()))
    const response = await replayed.goto('http://roundtrip.test/', { waitUntil: 'load' })
    expect(response?.status()).toBe(200)
    expect(await replayed.title()).toBe(title)
    expect(await replayed.locator('h1').first().innerText()).toBe(heading)
    expect(await replayed.evaluate(STYLE)).toBe(background)
    expect(served).toContain('http://roundtrip.test/style.css')
    await offline.close()
  })
})
