/// <reference types="node" />
// A request the proxy had to send twice, as a user sees it: `roundtrip serve`, its UI in Chromium, and an
// origin whose kept-alive socket goes stale between two GETs. The second bar carries the ↻ mark and the
// sentence in its tooltip; its details say why it went out again, in English and in Korean.
import http from 'node:http'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import type { Origin } from '../helpers/origin'
import { startServe, type RunningServe } from '../helpers/serve'
import { STALE_AFTER_MS, staleOrigin } from '../helpers/stale-origin'

let serve: RunningServe
let browser: Browser
let ui: Page
let origin: Origin
const handled: string[] = []
const pageErrors: string[] = []

beforeAll(async () => {
  origin = await staleOrigin(handled)
  serve = await startServe()
  browser = await launchChromium()
  ui = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' })
  ui.on('pageerror', (e) => pageErrors.push(e.message))
  await ui.goto(serve.addresses.ui)
  await ui.getByTestId('link-state').filter({ hasText: 'live' }).waitFor({ timeout: 10_000 })
})

afterAll(async () => {
  await browser?.close()
  await serve?.stop()
  await origin?.close()
})

function get(agent: http.Agent, path: string): Promise<number> {
  const proxy = new URL(serve.addresses.proxy)
  return new Promise((resolve, reject) => {
    http
      .get({ host: proxy.hostname, port: proxy.port, path: `${origin.url}${path}`, agent }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      })
      .on('error', reject)
  })
}

describe('a request sent twice', () => {
  it('is marked on its bar and explained in its details, in English and Korean', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    try {
      expect(await get(agent, '/first')).toBe(200)
      await new Promise((r) => setTimeout(r, STALE_AFTER_MS * 2))
      expect(await get(agent, '/second')).toBe(200)
    } finally {
      agent.destroy()
    }
    // The origin answered each once: the first try on the stale socket was reset before it was read.
    expect(handled).toEqual(['GET /first', 'GET /second'])
    await ui.getByTestId('timeline-scroll').waitFor({ timeout: 10_000 })
    const second = ui.locator('[data-exchange-id="e2"]')
    const first = ui.locator('[data-exchange-id="e1"]')
    await second.waitFor({ timeout: 10_000 })
    await expect.poll(() => second.getAttribute('class'), { timeout: 10_000 }).toMatch(/\bretried\b/)
    expect(await first.getAttribute('class')).not.toMatch(/\bretried\b/)
    expect(await second.getAttribute('title')).toContain('Sent twice')
    expect(await second.locator('.retry-mark').getAttribute('aria-label')).toBe('sent again')
    expect(await first.locator('.retry-mark').count()).toBe(0)

    await second.click()
    const note = ui.getByTestId('retry-note')
    await note.waitFor({ timeout: 5000 })
    expect(await note.textContent()).toMatch(/^Sent twice: .*had fully arrived is ever sent again\.$/)
    await ui.getByRole('button', { name: '한국어' }).click()
    await expect.poll(() => note.textContent(), { timeout: 5000 }).toMatch(/^두 번 보냄: /)
    expect(await second.getAttribute('title')).toContain('두 번 보냄')
    expect(pageErrors).toEqual([])
  })
})
