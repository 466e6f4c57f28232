// A flood of cookieless GET /login against `roundtrip serve --session-limit 25`, seen in real
// Chromium: the store stays within its bound (GET /api/session-store), and the Sessions view says
// how many sessions the store holds against that bound and how many it evicted, in English and
// in Korean. Real serve, real sockets, real browser; every wait is bounded and says what it saw.
import http from 'node:http'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { request } from '../helpers/sample-client'
import { apiRequest, startServe, type RunningServe } from '../helpers/serve'

const LIMIT = 25
const VISITS = 2000
let serve: RunningServe
let browser: Browser

beforeAll(async () => {
  serve = await startServe(['--session-limit', String(LIMIT)])
  browser = await launchChromium()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await serve?.stop()
})

/** `n` cookieless visits to the sample site's login page, 50 at a time on 8 keep-alive sockets. */
async function flood(sample: string, n: number): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 })
  try {
    for (let i = 0; i < n; i += 50) {
      const batch = Array.from({ length: Math.min(50, n - i) }, () => request(`${sample}/login`, { agent }))
      for (const r of await Promise.all(batch)) expect(r.status, `GET /login answered ${r.status}`).toBe(200)
    }
  } finally {
    agent.destroy()
  }
}

/** Waits (bounded) for the store line to read `expected`; fails saying what it read instead. */
async function storeLineSays(page: Page, expected: RegExp[], what: string): Promise<string> {
  const line = page.getByTestId('store-stats')
  const end = Date.now() + 20_000
  let text = ''
  while (Date.now() < end) {
    text = (await line.count()) > 0 ? await line.innerText().catch(() => '') : ''
    if (expected.every((re) => re.test(text))) return text
    await page.waitForTimeout(200)
  }
  const sessions = await page
    .locator('section.sessions')
    .innerText()
    .catch(() => '(no Sessions view)')
  throw new Error(
    `${what}: the store line never matched ${expected.join(' and ')}; it read "${text}"; ` +
      `the Sessions view showed: ${sessions.replace(/\s+/g, ' ').slice(0, 800)}`
  )
}

describe('a flood of cookieless logins, seen in the Sessions view', () => {
  it(`${VISITS} visits leave at most ${LIMIT} sessions; the view says the size and the evictions in English and Korean`, async () => {
    const { ui, token, sample } = serve.addresses
    const base = new URL(ui).origin
    await flood(sample, VISITS)
    const stats = JSON.parse((await apiRequest(base, '/api/session-store', { token })).body) as {
      size: number
      max: number
      evicted: number
    }
    expect(stats.max).toBe(LIMIT)
    expect(stats.size).toBeLessThanOrEqual(LIMIT)
    expect(stats.evicted, JSON.stringify(stats)).toBe(VISITS - stats.size)

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-US' })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    try {
      await page.goto(ui)
      await page.getByTestId('link-state').filter({ hasText: 'live' }).waitFor({ timeout: 20_000 })
      await page.getByRole('button', { name: 'Sessions', exact: true }).click({ timeout: 10_000 })
      const size = String(stats.size)
      const evicted = stats.evicted.toLocaleString('en')
      const en = await storeLineSays(
        page,
        [
          new RegExp(`The store holds ${size} of at most ${LIMIT} sessions\\.`),
          new RegExp(`${evicted} sessions were evicted`)
        ],
        'English'
      )
      expect(en).toContain('every session costs the server memory')

      await page.getByRole('button', { name: '한국어', exact: true }).click({ timeout: 10_000 })
      await page.getByRole('button', { name: '세션', exact: true }).waitFor({ timeout: 10_000 })
      const ko = await storeLineSays(
        page,
        [
          new RegExp(`저장소에 세션 ${size}개가 있습니다\\(최대 ${LIMIT}개\\)\\.`),
          new RegExp(`세션 ${stats.evicted.toLocaleString('ko')}개를 내보냈습니다`)
        ],
        'Korean'
      )
      expect(ko).toContain('서버 메모리')
      expect(errors, 'uncaught errors in the page').toEqual([])
    } finally {
      await page.close()
    }
    // The flood cost nothing but evictions: serve still answers, and the store is still bounded.
    const after = await apiRequest(base, '/api/session-store', { token })
    expect(after.status).toBe(200)
    expect((JSON.parse(after.body) as { size: number }).size).toBeLessThanOrEqual(LIMIT)
  }, 120_000)
})
