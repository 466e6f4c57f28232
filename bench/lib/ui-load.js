// The real `roundtrip serve --load big.har` for bench/ui.js: writes a HAR of N entries (keep-alive
// groups of 6, cookies, small HTML bodies), starts the built CLI on free ports with a throwaway home,
// opens its UI in the given Chromium and measures the time until the first timeline rows show, the
// time until every exchange is there, and the p95 frame while scrolling once it is.
/* global document, requestAnimationFrame -- used inside page.evaluate, in the browser */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A HAR 1.2 file of n entries as Roundtrip writes them (connection ids, cookies, bodies). */
export function bigHar(n) {
  const t0 = Date.UTC(2026, 0, 1)
  const entries = []
  for (let i = 1; i <= n; i++) {
    const c = Math.ceil(i / 6)
    const html = `<!doctype html><title>page ${i}</title><p>${'lorem ipsum '.repeat(8)}</p>`
    entries.push({
      startedDateTime: new Date(t0 + i * 10).toISOString(),
      time: 8,
      connection: `c${c}`,
      _connectionId: `c${c}`,
      request: {
        method: i % 5 ? 'GET' : 'POST',
        url: `http://roundtrip.test/p/${i}`,
        httpVersion: 'HTTP/1.1',
        headers: [
          { name: 'Host', value: 'roundtrip.test' },
          { name: 'Cookie', value: `sid=s${c}; theme=dark` }
        ],
        cookies: [],
        queryString: [],
        headersSize: -1,
        bodySize: 0
      },
      response: {
        status: 200,
        statusText: 'OK',
        httpVersion: 'HTTP/1.1',
        headers: [
          { name: 'Content-Type', value: 'text/html; charset=utf-8' },
          { name: 'Set-Cookie', value: `sid=s${c}; Path=/; HttpOnly; SameSite=Lax` }
        ],
        cookies: [],
        content: { size: html.length, mimeType: 'text/html; charset=utf-8', text: html },
        redirectURL: '',
        headersSize: -1,
        bodySize: html.length
      },
      cache: {},
      timings: { send: 1, wait: 3, receive: 3, connect: i % 6 === 1 ? 1 : -1 }
    })
  }
  return { log: { version: '1.2', creator: { name: 'bench', version: '1' }, entries } }
}

/** Opens the page, shows the timeline in `view`; resolves with the time (Date.now()) its first row showed. */
export async function firstRows(page, url, view) {
  await page.goto(url)
  await page.getByRole('button', { name: 'Timeline' }).click()
  await page.getByRole('button', { name: view }).click()
  await page.locator('[data-exchange-id]').first().waitFor({ timeout: 120_000 })
  return Date.now()
}

/** The 95th-percentile frame time while scrolling the timeline from the top (Follow off). */
export async function scrollP95(page) {
  await page.getByRole('checkbox', { name: 'Follow' }).uncheck()
  return page.evaluate(async () => {
    const el = document.querySelector('[data-testid=timeline-scroll]')
    el.scrollTop = 0
    const times = []
    let last = performance.now()
    for (let i = 0; i < 120; i++) {
      el.scrollTop += 300
      await new Promise((r) => requestAnimationFrame(r))
      const now = performance.now()
      times.push(now - last)
      last = now
    }
    times.sort((a, b) => a - b)
    return times[Math.floor(times.length * 0.95)]
  })
}

function startServe(bin, file, home) {
  const child = spawn(
    process.execPath,
    [bin, 'serve', '--json', '--proxy-port', '0', '--sample-port', '0', '--ui-port', '0', '--load', file],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ROUNDTRIP_HOME: home } }
  )
  let out = ''
  let err = ''
  child.stderr.on('data', (c) => (err += c))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no line in 120 s: ${err}`)), 120_000)
    child.stdout.on('data', (c) => {
      out += c
      const nl = out.indexOf('\n')
      if (nl < 0) return
      clearTimeout(timer)
      resolve({ child, addresses: JSON.parse(out.slice(0, nl)) })
    })
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)))
  })
}

/** Runs the measurement; returns { rowsMs, allMs, p95, floorMs } (floorMs: the same for 30 exchanges). */
export async function measureServeLoad(browser, { bin, n, view }) {
  const floor = await measureOne(browser, { bin, n: 30, view })
  const big = await measureOne(browser, { bin, n, view })
  return { ...big, floorMs: floor.rowsMs }
}

async function measureOne(browser, { bin, n, view }) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ui-load-'))
  const file = join(dir, 'big.har')
  writeFileSync(file, JSON.stringify(bigHar(n)))
  const { child, addresses } = await startServe(bin, file, dir)
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-US' })
    const t0 = Date.now()
    const rowsMs = (await firstRows(page, addresses.ui, view)) - t0
    await page
      .getByTestId('exchange-count')
      .filter({ hasText: `${n} of ${n} exchanges` })
      .waitFor({ timeout: 120_000 })
    const allMs = Date.now() - t0
    const p95 = await scrollP95(page)
    await page.close()
    return { rowsMs, allMs, p95 }
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    rmSync(dir, { recursive: true, force: true })
  }
}
