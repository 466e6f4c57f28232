/// <reference types="node" />
// The first five minutes in a real browser: `roundtrip serve`, its UI in Chromium, traffic through the
// real proxy. The live timeline fits three requests 50 ms apart and writes what each bar is on it; a
// second Chromium walks the sample site through every lesson and the UI ticks each off, in English and
// in Korean; and Korean text is drawn with real Hangul glyphs although no CJK font is installed here.
import { execFile } from 'node:child_process'
import http from 'node:http'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { ROOT, startServe, type RunningServe } from '../helpers/serve'

const RESULTS = join(ROOT, 'test-results')
const SITE = 'http://roundtrip.test'
const run = promisify(execFile)

let serve: RunningServe
let browser: Browser
let ui: Page
const pageErrors: string[] = []

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true })
  serve = await startServe()
  browser = await launchChromium()
  ui = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' })
  ui.on('pageerror', (e) => pageErrors.push(e.message))
  ui.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text())
  })
  await ui.goto(serve.addresses.ui)
  await ui.getByTestId('link-state').filter({ hasText: 'live' }).waitFor({ timeout: 10_000 })
})

afterAll(async () => {
  await browser?.close()
  await serve?.stop()
})

/** GET through the proxy on a kept-alive agent (one connection for all of them). */
function viaProxy(agent: http.Agent, path: string): Promise<number> {
  const proxy = new URL(serve.addresses.proxy)
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        host: proxy.hostname,
        port: proxy.port,
        path: `${SITE}${path}`,
        agent,
        headers: { host: 'roundtrip.test' }
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      }
    )
    req.on('error', reject)
  })
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/**
 * What the page and the engine hold, for a failure message: the scroll box, the axis, the toolbar,
 * every bar and marker with its box, and the engine's own times (relative to the first exchange).
 */
async function diagnose(): Promise<string> {
  const page = await ui
    .getByTestId('timeline-scroll')
    .evaluate((scroll) => ({
      clientWidth: scroll.clientWidth,
      scrollWidth: scroll.scrollWidth,
      scrollLeft: scroll.scrollLeft,
      ticks: [...scroll.querySelectorAll('[class*="tick"]')].map((t) => t.textContent).slice(0, 12),
      bars: [...scroll.querySelectorAll('[data-exchange-id], .marker-label, .bar-label')].map((b) => {
        const r = b.getBoundingClientRect()
        return `${b.className}:${(b.textContent ?? '').slice(0, 30)}@${Math.round(r.left)}+${Math.round(r.width)}`
      }),
      toolbar: document.querySelector('.tl-toolbar, [class*="toolbar"]')?.textContent ?? '',
      link: document.querySelector('[data-testid="link-state"]')?.textContent ?? ''
    }))
    .catch((e: unknown) => ({ error: String(e) }))
  const res = await fetch(new URL('/api/snapshot', serve.addresses.ui), {
    headers: { authorization: `Bearer ${serve.addresses.token}` }
  })
  const snap = (await res.json()) as {
    connections: { id: string; openedAt: number; closedAt?: number; closedBy?: string }[]
    exchanges: { id: string; startedAt: number; state: string; timings: Record<string, number> }[]
  }
  const t0 = Math.min(...snap.exchanges.map((x) => x.startedAt))
  const engine = {
    connections: snap.connections.map(
      (c) =>
        `${c.id} ${Math.round(c.openedAt - t0)}..${c.closedAt === undefined ? '' : Math.round(c.closedAt - t0)} ${c.closedBy ?? ''}`
    ),
    exchanges: snap.exchanges.map(
      (x) =>
        `${x.id} ${Math.round(x.startedAt - t0)} ${x.state} end+${Math.round(x.timings.responseEnd ?? -1)}`
    )
  }
  return JSON.stringify({ page, engine, pageErrors }, null, 1)
}

/** Polls `read` until `ok`, or fails with what the page and the engine held at the end. */
async function settle<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 8000
  let v = await read()
  while (!ok(v) && Date.now() < deadline) {
    await pause(100)
    v = await read()
  }
  if (!ok(v)) throw new Error(`${what}: last ${JSON.stringify(v)}\n${await diagnose()}`)
  return v
}

interface Box {
  left: number
  right: number
  top: number
  bottom: number
}

describe('the live timeline in Chromium', () => {
  it('fits three requests 50 ms apart across the track, with `GET /cart` on its bar and no label overlapping', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    try {
      for (const [i, path] of ['/', '/account', '/cart'].entries()) {
        if (i > 0) await pause(50)
        await viaProxy(agent, path)
      }
      // The first traffic of the run opened the timeline by itself.
      await ui.getByTestId('timeline-scroll').waitFor({ timeout: 5000 })
      await expect.poll(() => ui.locator('.row.lane [data-exchange-id]').count(), { timeout: 5000 }).toBe(3)
      // A response still on its way makes the view grow with the clock: wait until all three are complete.
      await expect.poll(() => ui.locator('.row.lane .bar.state-complete').count(), { timeout: 5000 }).toBe(3)
      const measure = () =>
        ui.getByTestId('timeline-scroll').evaluate((scroll) => {
          const box = (el: Element): Box => {
            const r = el.getBoundingClientRect()
            return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }
          }
          const view = box(scroll)
          const bars = [...scroll.querySelectorAll('.row.lane [data-exchange-id]')].map(box)
          // The lane begins where its connection opened (under load well before its first request).
          const opened = [...scroll.querySelectorAll('.row.lane .lane-line')].map((l) => box(l).left)
          const cart = scroll.querySelector('[data-exchange-id="e3"] .bar-label')
          const rows = [...scroll.querySelectorAll('.tl-tracks .row')].map((row) => ({
            row: box(row),
            labels: [...row.querySelectorAll('.bar-label, .marker-label')].map((l) => ({
              text: l.textContent ?? '',
              ...box(l)
            }))
          }))
          return {
            view,
            track: scroll.clientWidth - 220,
            bars,
            opened,
            cart: cart && {
              text: cart.textContent ?? '',
              ...box(cart),
              visible: getComputedStyle(cart).visibility
            },
            rows
          }
        })
      // What is drawn, from the connection's open to the last response's end, against the track.
      const spanOf = (m: { bars: Box[]; opened: number[]; track: number }): number =>
        (Math.max(...m.bars.map((b) => b.right)) - Math.min(...m.opened, ...m.bars.map((b) => b.left))) /
        m.track
      // The fit follows the last response and the panel's size: wait for the layout to settle on it.
      await settle(
        async () => spanOf(await measure()),
        (span) => span >= 0.6,
        'the fitted bars span the track'
      )
      const m = await measure()
      expect(spanOf(m)).toBeGreaterThanOrEqual(0.6)
      expect(m.cart?.text).toMatch(/^#3 (GET )?\/cart$/)
      expect(m.cart?.visible).toBe('visible')
      expect(m.cart!.right).toBeLessThanOrEqual(m.view.left + 220 + m.track)
      expect(m.cart!.left).toBeGreaterThanOrEqual(m.view.left + 220)
      for (const { row, labels } of m.rows) {
        for (const l of labels) {
          // Whole inside its row (a row clips what passes its edge): nothing cut.
          expect(l.left).toBeGreaterThanOrEqual(row.left - 0.5)
          expect(l.right).toBeLessThanOrEqual(row.right + 0.5)
        }
        for (let i = 0; i < labels.length; i++)
          for (let j = i + 1; j < labels.length; j++) {
            const a = labels[i]!
            const b = labels[j]!
            const apart =
              a.right <= b.left + 0.5 ||
              b.right <= a.left + 0.5 ||
              a.bottom <= b.top + 0.5 ||
              b.bottom <= a.top + 0.5
            expect(apart, `${a.text} overlaps ${b.text}`).toBe(true)
          }
      }
      await ui.screenshot({ path: join(RESULTS, 'first-run-timeline.png') })
    } finally {
      agent.destroy()
    }
  })

  it('labels closed connections whole, never overlapping', async () => {
    const curl = (...args: string[]): Promise<unknown> =>
      run('curl', ['-s', '-o', '/dev/null', '--max-time', '10', '-x', serve.addresses.proxy, ...args])
    await curl(`${SITE}/close`)
    await curl(`${SITE}/login`)
    await settle(
      () => ui.locator('.marker-label').count(),
      (n) => n >= 2,
      'two closed connections are labelled'
    )
    const rows = await ui.locator('.tl-tracks .row').evaluateAll((rows) =>
      rows.map((row) => {
        const r = row.getBoundingClientRect()
        return {
          row: { left: r.left, right: r.right },
          labels: [...row.querySelectorAll('.bar-label, .marker-label')].map((l) => {
            const b = l.getBoundingClientRect()
            return { text: l.textContent ?? '', left: b.left, right: b.right, top: b.top, bottom: b.bottom }
          })
        }
      })
    )
    const markers = rows.flatMap((r) => r.labels).filter((l) => /client|server/.test(l.text))
    expect(markers.length).toBeGreaterThanOrEqual(2)
    for (const l of markers)
      expect(['closed by the client', 'closed by the server', 'client', 'server']).toContain(l.text)
    for (const { row, labels } of rows) {
      for (const l of labels) expect(l.right).toBeLessThanOrEqual(row.right + 0.5)
      for (let i = 0; i < labels.length; i++)
        for (let j = i + 1; j < labels.length; j++) {
          const [a, b] = [labels[i]!, labels[j]!]
          expect(
            a.right <= b.left + 0.5 ||
              b.right <= a.left + 0.5 ||
              a.bottom <= b.top + 0.5 ||
              b.bottom <= a.top + 0.5
          ).toBe(true)
        }
    }
  })
})

/** Drives the sample site through every lesson with a real browser through the proxy. */
async function tour(): Promise<void> {
  const proxy = { server: serve.addresses.proxy }
  const context: BrowserContext = await browser.newContext({ proxy })
  const stranger: BrowserContext = await browser.newContext({ proxy })
  try {
    const site = await context.newPage()
    site.on('pageerror', (e) => pageErrors.push(`site: ${e.message}`))
    await site.goto(`${SITE}/`)
    await site.goto(`${SITE}/gallery`, { waitUntil: 'load' })
    await site.goto(`${SITE}/close`)
    await site.goto(`${SITE}/theme?name=dark`)
    await site.goto(`${SITE}/login`)
    await site.fill('input[name="username"]', 'alice')
    await site.fill('input[name="password"]', 'wonderland')
    await Promise.all([site.waitForURL('**/account'), site.click('form button[type="submit"]')])
    // A second visitor while alice is logged in: two sessions in the store.
    await (await stranger.newPage()).goto(`${SITE}/login`)
    // The naive login, then the cookie edited as developer tools would.
    await site.goto(`${SITE}/naive/login`)
    await site.fill('input[name="username"]', 'alice')
    await site.fill('input[name="password"]', 'wonderland')
    await Promise.all([site.waitForURL('**/naive/login'), site.click('form button[type="submit"]')])
    await context.addCookies([{ name: 'user', value: 'bob', url: `${SITE}/` }])
    await site.goto(`${SITE}/naive/login`)
    expect(await site.locator('[data-naive-user]').getAttribute('data-naive-user')).toBe('bob')
    await site.goto(`${SITE}/account`)
    await Promise.all([site.waitForURL(`${SITE}/`), site.getByRole('button', { name: 'Log out' }).click()])
  } finally {
    await context.close()
    await stranger.close()
  }
}

/**
 * The rendered width of the Hangul in `selector`'s text, drawn as the UI draws it, with the bundled font
 * alone, with the system's fonts alone, and that of as many missing-glyph boxes (U+E000, a private-use
 * code point no font draws).
 */
async function hangulWidths(
  selector: string
): Promise<{ ui: number; bundled: number; system: number; box: number; chars: number; size: number }> {
  await ui.evaluate(() => document.fonts.ready)
  return ui
    .locator(selector)
    .first()
    .evaluate((el) => {
      const text = [...(el.textContent ?? '')].filter((c) => /[가-힣]/.test(c)).join('')
      const style = getComputedStyle(el)
      const size = parseFloat(style.fontSize)
      const measure = (t: string, family: string): number => {
        const span = document.createElement('span')
        span.style.font = `${style.fontWeight} ${style.fontSize} ${family}`
        span.style.whiteSpace = 'pre'
        span.textContent = t
        el.append(span)
        const w = span.getBoundingClientRect().width
        span.remove()
        return w
      }
      return {
        ui: measure(text, style.fontFamily),
        bundled: measure(text, '"Noto Sans KR"'),
        system: measure(text, style.fontFamily.replace(/"Noto Sans KR",?\s*/, '')),
        box: measure('\ue000'.repeat(text.length), style.fontFamily),
        chars: text.length,
        size
      }
    })
}

async function allDone(): Promise<void> {
  await expect
    .poll(
      () =>
        ui
          .locator('li[data-step]')
          .evaluateAll((li) =>
            li.map((l) => `${l.getAttribute('data-step')}=${l.getAttribute('data-done')}`)
          ),
      { timeout: 10_000 }
    )
    .toEqual([
      'alone=true',
      'keep-alive=true',
      'stateless=true',
      'cookie=true',
      'three-uses=true',
      'naive-cookie=true',
      'session=true',
      'logout=true',
      'cost=true'
    ])
}

describe('lessons with a real browser', () => {
  it('ticks off every step in English, then in Korean', async () => {
    await ui.getByRole('button', { name: 'Clear', exact: true }).click()
    await ui.getByRole('button', { name: 'How HTTP remembers', exact: true }).click()
    await expect.poll(() => ui.locator('li[data-step][data-done="true"]').count()).toBe(0)
    await tour()
    await allDone()
    expect(await ui.locator('li[data-step="naive-cookie"]').innerText()).toContain('-b user=bob')
    await ui.getByRole('button', { name: '한국어' }).click()
    await ui.locator('li[data-step="alone"]').filter({ hasText: '요청은 홀로 선다' }).waitFor()
    await allDone()
    // The proof links to the exchange on the timeline, selected.
    const proof = ui.locator('li[data-step="session"] button[data-proof]')
    const id = await proof.getAttribute('data-proof')
    await proof.click()
    await ui.locator(`.bar.selected[data-exchange-id="${id}"]`).waitFor({ timeout: 5000 })
    await ui.getByRole('button', { name: 'HTTP가 기억하는 방법', exact: true }).click()
  })

  it('draws Hangul with the bundled font although no CJK font is installed, in Korean and in English', async () => {
    await ui.locator('li[data-step="alone"]').waitFor()
    const korean = await hangulWidths('li[data-step="alone"] h3')
    await ui.screenshot({ path: join(RESULTS, 'lessons-ko.png') })
    await ui.getByRole('button', { name: 'English', exact: true }).click()
    // The button that switches to Korean is written in Korean on the English page.
    const english = await hangulWidths('button.lang')
    for (const w of [korean, english]) {
      // This machine has no font for Hangul of its own: without the bundled one it is boxes...
      expect(w.system).not.toBeCloseTo(w.bundled, 0)
      // ...and the UI draws it with the bundled font: whole syllables, not the missing-glyph box.
      expect(w.ui).toBeCloseTo(w.bundled, 0)
      expect(Math.abs(w.ui - w.box)).toBeGreaterThan(w.chars * 4)
      expect(w.ui / w.chars).toBeGreaterThan(0.8 * w.size)
    }
  })

  it('had no page errors', () => {
    expect(pageErrors.join('\n')).toBe('')
  })
})
