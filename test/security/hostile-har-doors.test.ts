// Hostile HARs through every door, end to end: the real `roundtrip serve` (its --load, the web
// UI's Open HAR in real Chromium, POST /api/replay) and the real `roundtrip inspect`. For each file
// (nesting past 10,000 levels; `_error.message` an object, `_startedAt` 1e308 and "NaN", a
// `sessionId` an object; a bare NaN; a 10 MB string; all at once) every door either shows it with
// warnings or refuses it with a sentence; the page keeps its navigation and throws nothing, every
// view draws, and the process is still serving (API, stream, proxy) with no incident recorded.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { representativeHostileHars } from '../helpers/hostile-har'
import { execFileP } from '../helpers/net'
import { BIN, ROOT, apiRequest, startServe, type RunningServe } from '../helpers/serve'
import { spawnSync } from 'node:child_process'

const FILES = representativeHostileHars()
let dir: string
let browser: Browser
let clean: RunningServe

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'roundtrip-hostile-doors-'))
  for (const f of FILES) writeFileSync(join(dir, f.name), f.text)
  browser = await launchChromium()
  clean = await startServe()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await clean?.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** What the page showed, for a failure message. */
async function seen(page: Page): Promise<string> {
  const text = await page
    .locator('body')
    .innerText({ timeout: 2000 })
    .catch((e: Error) => `(could not read the page: ${e.message})`)
  return text.replace(/\s+/g, ' ').slice(0, 1500)
}

/** A page on the UI that records every uncaught error. */
async function openUi(ui: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-US' })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(ui)
  await page.getByTestId('link-state').filter({ hasText: 'live' }).waitFor({ timeout: 20_000 })
  return { page, errors }
}

/** Runs one step of a walk; a step that fails says which, and what the page showed then. */
async function step(page: Page, what: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn()
  } catch (err) {
    const first = (err as Error).message.split('\n')[0]
    throw new Error(`${what} failed (${first}); the page showed: ${await seen(page)}`)
  }
}

/**
 * Walks the page the way a person would: every tab, the timeline as rows, a click on each request
 * (at most 8) so the details view draws it, the Sessions tab. Returns what failed to draw.
 */
async function walkViews(page: Page, label: string): Promise<string[]> {
  const nav = page.locator('header nav button')
  expect(await nav.count(), `${label}: the navigation is gone; the page showed: ${await seen(page)}`).toBe(4)
  await step(page, `${label}: the Timeline tab`, async () => {
    await page.getByRole('button', { name: 'Timeline', exact: true }).click({ timeout: 10_000 })
    await page.getByTestId('exchange-count').waitFor({ timeout: 10_000 })
    await page.getByRole('button', { name: 'Rows', exact: true }).click({ timeout: 10_000 })
  })
  const rows = page.locator('[data-exchange-id]')
  const n = Math.min(await rows.count(), 8)
  for (let i = 0; i < n; i++) {
    await step(page, `${label}: request ${i + 1} of ${n} in the timeline`, async () => {
      await rows.nth(i).click({ timeout: 10_000 })
      await page
        .getByTestId('details')
        .or(page.getByTestId('view-failed-details'))
        .first()
        .waitFor({ timeout: 10_000 })
    })
  }
  await step(page, `${label}: the Sessions tab`, async () => {
    await page.getByRole('button', { name: 'Sessions', exact: true }).click({ timeout: 10_000 })
    await page
      .locator('section.sessions')
      .or(page.locator('[data-testid^=view-failed-]'))
      .first()
      .waitFor({ timeout: 10_000 })
  })
  const failed = await page.locator('[data-testid^=view-failed-]').allInnerTexts()
  await step(page, `${label}: the lessons tab, then Start`, async () => {
    await nav.nth(3).click({ timeout: 10_000 }) // How HTTP remembers
    await nav.nth(0).click({ timeout: 10_000 }) // Start
    await page.getByTestId('proxy-address').waitFor({ timeout: 10_000 })
  })
  expect(await nav.count(), `${label}: the navigation is gone after the walk: ${await seen(page)}`).toBe(4)
  return [...failed, ...(await page.locator('[data-testid^=view-failed-]').allInnerTexts())]
}

/** The process is still serving: the API answers, no incident was recorded, the proxy forwards. */
async function expectServing(serve: RunningServe, label: string): Promise<void> {
  const { ui, token, proxy } = serve.addresses
  const base = new URL(ui).origin
  expect(serve.child.exitCode, `${label}: serve exited; stderr: ${serve.stderr().slice(-2000)}`).toBeNull()
  for (const path of ['/api/info', '/api/snapshot', '/api/har', '/api/har?redact=1']) {
    const r = await apiRequest(base, path, { token })
    expect(r.status, `${label}: ${path} answered ${r.status}: ${r.body.slice(0, 300)}`).toBe(200)
    expect(() => JSON.parse(r.body), `${label}: ${path} is not JSON`).not.toThrow()
  }
  const info = JSON.parse((await apiRequest(base, '/api/info', { token })).body) as { incidents?: string[] }
  expect(info.incidents ?? [], `${label}: serve recorded an uncaught error`).toEqual([])
  const { stdout } = await execFileP('curl', [
    '-s',
    '--max-time',
    '10',
    '-x',
    proxy,
    'http://roundtrip.test/'
  ])
  expect(stdout, `${label}: the proxy no longer forwards`).toContain('Roundtrip')
}

/** A refusal or a warning is a sentence: text ending in a full stop (or a closing bracket), no stack. */
function expectSentence(text: string, label: string): void {
  expect(text, `${label}: ${text.slice(0, 500)}`).toMatch(/[.)]$/)
  expect(text, `${label}: a stack trace leaked`).not.toMatch(/\n\s+at /)
}

describe.each(FILES.map((f) => [f.name, f] as const))('hostile HAR %s', (name) => {
  const file = (): string => join(dir, name)

  it('inspect: a report with warnings (exit 0) or one sentence (exit 2), never a stack', () => {
    const r = spawnSync(process.execPath, [BIN, 'inspect', file()], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024
    })
    const label = `inspect ${name} (exit ${r.status}, signal ${r.signal})`
    expect(r.status, `${label}; stderr: ${r.stderr.slice(0, 800)}`).not.toBeNull()
    expect([0, 2], `${label}; stderr: ${r.stderr.slice(0, 800)}`).toContain(r.status)
    expect(`${r.stdout}${r.stderr}`, `${label}: a stack trace leaked`).not.toMatch(/\n\s+at .+:\d+:\d+/)
    if (r.status === 0) {
      expect(r.stdout, label).toMatch(/warning/i)
    } else {
      const lines = r.stderr.trim().split('\n')
      expect(lines, `${label}: more than one line: ${r.stderr.slice(0, 800)}`).toHaveLength(1)
      expectSentence(lines[0]!, label)
    }
  }, 90_000)

  it('POST /api/replay: replays with warnings or answers 4xx with a sentence; serve keeps serving', async () => {
    const { ui, token } = clean.addresses
    const text = FILES.find((f) => f.name === name)!.text
    const r = await apiRequest(new URL(ui).origin, '/api/replay', {
      token,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"jar":"fresh","source":"har","har":${text}}`
    })
    const label = `/api/replay ${name} answered ${r.status}: ${r.body.slice(0, 500)}`
    const body = JSON.parse(r.body) as {
      status?: string
      error?: string
      readWarnings?: string[]
      rows?: unknown[]
    }
    if (r.status === 200) {
      expect(body.status, label).toBe('replayed')
      expect(body.rows?.length, label).toBeGreaterThan(0)
      expect(body.readWarnings?.length ?? 0, label).toBeGreaterThan(0)
      for (const w of body.readWarnings ?? []) expectSentence(w, label)
    } else {
      expect(r.status, label).toBeGreaterThanOrEqual(400)
      expect(r.status, label).toBeLessThan(500)
      expectSentence(String(body.error), label)
    }
    await expectServing(clean, `after /api/replay of ${name}`)
  }, 90_000)

  it('Open HAR in the web UI: opened with warnings or refused with a sentence; every view draws', async () => {
    const { page, errors } = await openUi(clean.addresses.ui)
    try {
      const chooser = page.waitForEvent('filechooser', { timeout: 10_000 })
      await page.getByRole('button', { name: 'Open HAR…' }).click()
      await (await chooser).setFiles(file())
      const opened = page.getByText(`Opened from ${name}`)
      const refused = page.locator('p.message[role=alert]')
      await step(page, `Open HAR ${name}: waiting for it to open or be refused`, () =>
        opened.or(refused).first().waitFor({ timeout: 60_000 })
      )
      const label = `Open HAR ${name}`
      if (await refused.isVisible()) {
        expectSentence((await refused.innerText()).replace(/\s*×$/, ''), label)
      } else {
        // The header counts what the reader noted ("(5 notes from reading it)"), listed in its tooltip.
        const notes = page.locator('header .source .muted')
        const header = await page.locator('header').innerText()
        expect(await notes.count(), `${label}: no warnings shown: ${header}`).toBe(1)
        expect(await notes.getAttribute('title'), label).toMatch(/\S/)
      }
      const failed = await walkViews(page, label)
      expect(failed, `${label}: views failed; the page showed: ${await seen(page)}`).toEqual([])
      expect(errors, `${label}: uncaught errors in the page`).toEqual([])
    } finally {
      await page.close()
    }
    await expectServing(clean, `after Open HAR of ${name}`)
  }, 120_000)

  it('serve --load: starts serving it (or refuses it with exit 2 and a sentence); the page draws it', async () => {
    let serve: RunningServe | undefined
    try {
      serve = await startServe(['--load', file()], 60_000)
    } catch (err) {
      // A refused file: serve said so in one sentence and exited 2 before binding anything.
      const message = (err as Error).message
      expect(message, `serve --load ${name}`).toMatch(/exited with 2 before printing/)
      const said = message.split('stderr: ')[1]!.trim()
      expect(said.split('\n'), `serve --load ${name}: ${said}`).toHaveLength(1)
      expectSentence(said, `serve --load ${name}`)
      return
    }
    try {
      const { page, errors } = await openUi(serve.addresses.ui)
      try {
        const failed = await walkViews(page, `serve --load ${name}`)
        expect(failed, `serve --load ${name}: views failed; the page showed: ${await seen(page)}`).toEqual([])
        // A reload reads the same capture again (the blank page came back on every reload).
        await page.reload()
        await page.getByTestId('link-state').filter({ hasText: 'live' }).waitFor({ timeout: 20_000 })
        expect(await walkViews(page, `serve --load ${name}, reloaded`)).toEqual([])
        expect(errors, `serve --load ${name}: uncaught errors in the page`).toEqual([])
      } finally {
        await page.close()
      }
      await expectServing(serve, `serve --load ${name}`)
    } finally {
      expect(await serve.stop(), `serve --load ${name} did not stop cleanly: ${serve.stderr()}`).toBe(0)
    }
  }, 120_000)
})
