// Real Chromium, started with the flags Roundtrip's launcher gives it (proxy and the CA's SPKI hash),
// loads the gallery twice: over https the page and its 24 images travel as HTTP/2 streams on one
// connection; over http the same page takes several kept-alive HTTP/1.1 connections.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumTrustArgs } from '../../../src/main/browser/trust'
import type { CapturedExchange } from '../../../src/shared/model'
import { CHROMIUM_ARGS, launchChromium } from '../../helpers/chromium'
import { startHttpsEngine, until } from '../../helpers/https'

let env: Awaited<ReturnType<typeof startHttpsEngine>>
let browser: Browser

beforeAll(async () => {
  env = await startHttpsEngine({ batchMs: 10 })
  const ca = await env.engine.ca.load()
  browser = await launchChromium({
    proxy: env.engine.proxyUrl,
    args: [...CHROMIUM_ARGS, ...chromiumTrustArgs({ spki: ca.spki, certPath: ca.certPath })]
  })
})

afterAll(async () => {
  await browser?.close()
  await env?.close()
})

/** Loads site/gallery in a fresh context and returns the page's and its images' exchanges. */
async function gallery(site: string): Promise<CapturedExchange[]> {
  const context = await browser.newContext()
  const page = await context.newPage()
  const response = await page.goto(`${site}/gallery`, { waitUntil: 'load' })
  expect(response?.status()).toBe(200)
  await context.close()
  const prefix = `${site}/`
  return until(
    () => {
      const list = env.engine.store
        .snapshot()
        .exchanges.filter(
          (e) => e.url.startsWith(prefix) && (e.url.endsWith('/gallery') || /\/img\/\d+\.svg$/.test(e.url))
        )
      const images = list.filter((e) => e.url.includes('/img/') && e.state === 'complete')
      return images.length === 24 && list.every((e) => e.state !== 'pending') ? list : undefined
    },
    `the gallery's exchanges over ${site}`,
    20_000
  )
}

describe('the gallery in Chromium, http and https side by side', () => {
  it('https://roundtrip.test/gallery: one HTTP/2 connection carries the page and every image', async () => {
    const list = await gallery('https://roundtrip.test')
    expect(list).toHaveLength(25)
    expect(list.every((e) => e.httpVersion === 'HTTP/2' && typeof e.streamId === 'number')).toBe(true)
    expect(new Set(list.map((e) => e.clientConnectionId)).size).toBe(1)
    expect(new Set(list.map((e) => e.streamId)).size).toBe(25)
    const conn = env.engine.store.snapshot().connections.find((c) => c.id === list[0]!.clientConnectionId)!
    expect(conn.protocol).toBe('h2')
  })

  it('http://roundtrip.test/gallery: several kept-alive HTTP/1.1 connections', async () => {
    const list = await gallery('http://roundtrip.test')
    expect(list).toHaveLength(25)
    expect(list.every((e) => e.httpVersion === 'HTTP/1.1' && e.streamId === undefined)).toBe(true)
    const connections = new Set(list.map((e) => e.clientConnectionId))
    expect(connections.size).toBeGreaterThan(1)
    // Kept alive: some connection carried more than one request.
    expect(list.some((e) => e.sequence > 1)).toBe(true)
  })
})
