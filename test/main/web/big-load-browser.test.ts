// A big recording in the served UI, in real Chromium: `serve --load` of 2,500 entries reaches the page
// in parts (the newest first), the timeline counts every exchange once they are all there, and a row
// opened shows its body, fetched by id (the feed carries no body bytes), while Save HAR's route still
// exports every body.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../../helpers/chromium'
import { harOf } from '../../helpers/har-factory'
import { apiRequest, startServe, type RunningServe } from '../../helpers/serve'

const N = 2500
let serve: RunningServe
let browser: Browser
let page: Page
let dir: string
const pageErrors: string[] = []
const frames: string[] = []

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtrip-big-load-'))
  const har = harOf(
    Array.from({ length: N }, (_, i) => ({
      url: i === 0 ? 'http://roundtrip.test/first' : `http://roundtrip.test/page/${i + 1}`,
      at: i * 10,
      extra: { connection: `c${Math.floor(i / 5) + 1}`, _connectionId: `c${Math.floor(i / 5) + 1}` }
    }))
  )
  har.log.entries.forEach((e, i) => {
    e.response.content = { size: 20, mimeType: 'text/plain', text: `body of page ${i + 1}` }
  })
  const file = join(dir, 'big.har')
  await writeFile(file, JSON.stringify(har))
  serve = await startServe(['--load', file], 30_000, { env: { ROUNDTRIP_HOME: dir } })
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-US' })
  page.on('pageerror', (e) => pageErrors.push(e.message))
  page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload).slice(0, 40))))
  await page.goto(serve.addresses.ui)
}, 90_000)

afterAll(async () => {
  await browser?.close()
  await serve?.stop()
  await rm(dir, { recursive: true, force: true })
})

/** Waits (bounded) for the timeline's count to say every exchange is there; says what it showed if not. */
async function allThere(): Promise<void> {
  const count = page.getByTestId('exchange-count')
  await count
    .filter({ hasText: `${N} of ${N} exchanges` })
    .waitFor({ timeout: 60_000 })
    .catch(async (err: Error) => {
      const shown = await count.textContent().catch(() => '(no count)')
      throw new Error(
        `the timeline never counted ${N} exchanges; it showed "${shown}"; frames: ${frames.slice(0, 12).join(' | ')}; page errors: ${pageErrors.join('; ')} (${err.message})`
      )
    })
}

describe('a big recording in the served UI', () => {
  it('arrives in parts, newest first, and counts every exchange', async () => {
    await page.getByRole('button', { name: 'Timeline' }).click()
    await allThere()
    const parts = frames.filter((f) => f.startsWith('{"type":"snapshot-part"'))
    expect(frames[0], frames.join(' | ')).toMatch(/^\{"type":"snapshot"/)
    expect(parts.length, frames.join(' | ')).toBeGreaterThan(0)
    expect(await page.getByTestId('capture-loading').count()).toBe(0)
    expect(pageErrors).toEqual([])
  }, 90_000)

  it("shows a row's body fetched by id, and the HAR export still holds every body", async () => {
    const row = page.locator('[data-exchange-id]').last()
    await row.waitFor({ timeout: 15_000 })
    const id = (await row.getAttribute('data-exchange-id')) ?? ''
    expect(id, 'a row of the loaded recording').toMatch(/^Le\d+$/)
    await row.click()
    const details = page.getByTestId('details')
    await details
      .filter({ hasText: `body of page ${id.slice(2)}` })
      .waitFor({ timeout: 15_000 })
      .catch(async (err: Error) => {
        throw new Error(
          `the details never showed the body; they said: ${(await details.textContent())?.slice(0, 400)} (${err.message})`
        )
      })
    const har = await apiRequest(serve.addresses.ui, '/api/har', { token: serve.addresses.token })
    const entries = (
      JSON.parse(har.body) as { log: { entries: { response: { content: { text?: string } } }[] } }
    ).log.entries
    expect(entries).toHaveLength(N)
    expect(entries.filter((e) => e.response.content.text?.startsWith('body of page'))).toHaveLength(N)
    expect(pageErrors).toEqual([])
  }, 60_000)
})
