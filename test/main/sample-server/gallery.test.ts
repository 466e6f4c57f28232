// The gallery in real Chromium: counted by the server's own connection ids, the browser spreads
// the 24 images over several connections and sends several requests down at least one of them.
import type { Browser } from 'playwright-core'
import { launchChromium } from '../../helpers/chromium'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startSample, type RunningSample } from '../../helpers/sample-client'

let site: RunningSample
let browser: Browser

beforeAll(async () => {
  site = await startSample()
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await site?.close()
})

it('loads /gallery over several kept-alive connections', async () => {
  const page = await browser.newPage()
  const perConnection = new Map<string, number>()
  const sameOrigin: string[] = []
  page.on('response', (response) => {
    if (!response.url().startsWith(site.url)) return
    sameOrigin.push(response.url())
    const id = response.headers()['x-server-connection']
    if (id) perConnection.set(id, (perConnection.get(id) ?? 0) + 1)
  })
  // Direct to 127.0.0.1, the tracker's pixel cannot resolve: that failure is expected and ignored.
  await page.goto(`${site.url}/gallery`, { waitUntil: 'load' })
  const loaded = await page.$$eval(
    '.gallery img',
    (imgs) => imgs.filter((img) => 'naturalWidth' in img && img.naturalWidth === 64).length
  )
  expect(loaded).toBe(24)
  // The page, its stylesheet and 24 images, every one answered by the server.
  expect(sameOrigin.filter((u) => /\/img\/\d+\.svg$/.test(u))).toHaveLength(24)
  const counts = [...perConnection.values()]
  expect(counts.reduce((a, b) => a + b, 0)).toBe(sameOrigin.length)
  expect(perConnection.size).toBeGreaterThan(1)
  expect(Math.max(...counts)).toBeGreaterThan(1)
  await page.close()
})
