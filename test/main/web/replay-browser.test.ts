// Replay in the browser UI of `roundtrip serve`, in real Chromium: a login recorded through the
// proxy, replayed from the live capture and from an opened HAR file (the page sends it to
// POST /api/replay), shows a row per request with the new session ID marked as a difference.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from '../../helpers/chromium'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportHar } from '../../../src/shared/har/export'
import type { CaptureSnapshot } from '../../../src/shared/model'
import { loginThrough } from '../../helpers/record-login'
import { apiRequest, startServe, type RunningServe } from '../../helpers/serve'

let serve: RunningServe
let browser: Browser
let page: Page
let dir: string
const pageErrors: string[] = []

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtrip-replay-ui-'))
  serve = await startServe()
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-US' })
  page.on('pageerror', (e) => pageErrors.push(e.message))
  await page.goto(serve.addresses.ui)
  await page.getByTestId('link-state').filter({ hasText: 'live' }).waitFor({ timeout: 10_000 })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await serve?.stop()
  await rm(dir, { recursive: true, force: true })
})

async function replayRows(): Promise<string[]> {
  await page.getByTestId('replay-table').waitFor({ timeout: 20_000 })
  return page.locator('[data-testid=replay-table] tbody tr').allInnerTexts()
}

describe('Replay in the served UI', () => {
  it('replays the live capture and marks the new session ID', async () => {
    const recordedSid = await loginThrough(serve.addresses.proxy)
    await page.getByRole('button', { name: 'Timeline' }).click()
    await page.getByTestId('exchange-count').filter({ hasText: '3 of 3' }).waitFor({ timeout: 10_000 })
    await page.getByRole('button', { name: 'Replay', exact: true }).click()
    const rows = await replayRows()
    expect(rows).toHaveLength(3)
    expect(rows[1]).toMatch(/303 → 303/)
    const [name, value] = recordedSid.split('=') as [string, string]
    expect(rows[1]).toContain(`${name}: new value`)
    expect(rows[1]).toContain(`(recorded ${value.length > 40 ? value.slice(0, 37) : value}`)
    expect(
      await page.locator('[data-testid=replay-table] tbody tr[data-differs=true]').count()
    ).toBeGreaterThan(0)
    await page.getByText('Opened from Replay of the live capture').waitFor()
    // Back to the recording: the live capture, which now holds the replayed requests too.
    await page.getByRole('button', { name: 'Show the recording' }).click()
    await page.getByTestId('exchange-count').filter({ hasText: '6 of 6' }).waitFor({ timeout: 10_000 })
    expect(pageErrors).toEqual([])
  })

  it('opens a HAR file with the picker and replays it with the recorded jar: turned away', async () => {
    const snap = JSON.parse(
      (await apiRequest(serve.addresses.ui, '/api/snapshot', { token: serve.addresses.token })).body
    ) as CaptureSnapshot
    const file = join(dir, 'login.har')
    await writeFile(file, JSON.stringify(exportHar({ ...snap, exchanges: snap.exchanges.slice(0, 3) })))
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Open HAR…' }).click()
    await (await chooser).setFiles(file)
    await page.getByText('Opened from login.har').waitFor({ timeout: 10_000 })
    await page.getByRole('combobox', { name: 'Cookie jar for the replay' }).selectOption('recorded')
    await page.getByRole('button', { name: 'Replay', exact: true }).click()
    await page.getByText('Replay of login.har', { exact: true }).waitFor({ timeout: 20_000 })
    const rows = await replayRows()
    expect(rows).toHaveLength(3)
    expect(rows[1]).toMatch(/303 → 403/)
    expect(pageErrors).toEqual([])
  })
})
