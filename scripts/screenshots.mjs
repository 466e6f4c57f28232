#!/usr/bin/env node
// README screenshots from the real UI: starts `roundtrip serve` (build first: `npm run build`), walks the
// sample site with Debian's Chromium through the proxy (home, gallery, a theme, a login), then photographs
// the timeline and the sessions view into docs/screenshots/. Run: node scripts/screenshots.mjs
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

const ROOT = join(import.meta.dirname, '..')
const OUT = join(ROOT, 'docs', 'screenshots')
const SITE = 'http://roundtrip.test'
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

function startServe() {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin', 'roundtrip.js'),
      'serve',
      '--json',
      '--proxy-port',
      '0',
      '--sample-port',
      '0',
      '--ui-port',
      '0'
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (c) => {
      out += c
      const nl = out.indexOf('\n')
      if (nl >= 0) resolve({ child, addresses: JSON.parse(out.slice(0, nl)) })
    })
    child.once('exit', (code) =>
      reject(new Error(`roundtrip serve exited with ${code}; run npm run build first`))
    )
  })
}

async function main() {
  mkdirSync(OUT, { recursive: true })
  const { child, addresses } = await startServe()
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
  })
  try {
    const ui = await browser.newPage({
      viewport: { width: 1200, height: 660 },
      locale: 'en-US',
      colorScheme: 'light'
    })
    await ui.goto(addresses.ui)
    await ui.getByTestId('link-state').filter({ hasText: 'live' }).waitFor()

    // Chromium's own background calls (autofill and the like) stay out of the picture.
    const context = await browser.newContext({
      proxy: { server: addresses.proxy, bypass: '*.googleapis.com,*.gstatic.com,*.google.com' }
    })
    const site = await context.newPage()
    await site.goto(`${SITE}/`)
    await site.goto(`${SITE}/gallery`, { waitUntil: 'load' })
    await site.goto(`${SITE}/theme?name=dark`)
    await site.goto(`${SITE}/login`)
    await site.fill('input[name="username"]', 'alice')
    await site.fill('input[name="password"]', 'wonderland')
    await Promise.all([site.waitForURL('**/account'), site.click('form button[type="submit"]')])
    await site.goto(`${SITE}/close`)

    // The first traffic opened the timeline; pick the login to show its cookies beside the lanes.
    await ui.getByTestId('timeline-scroll').waitFor()
    await ui.waitForTimeout(800)
    // Bars 1 ms apart overlap: select it the way a click on it would.
    await ui
      .locator('[data-exchange-id][title^="POST http://roundtrip.test/login"]')
      .first()
      .dispatchEvent('click')
    await ui.getByTestId('set-cookies').waitFor()
    await ui.screenshot({ path: join(OUT, 'timeline.png') })

    await ui.getByRole('button', { name: 'Sessions', exact: true }).click()
    await ui.getByTestId('server-store').filter({ hasText: 'alice' }).waitFor()
    await ui.waitForTimeout(300)
    await ui.screenshot({ path: join(OUT, 'sessions.png') })
    await context.close()
    console.log(`Wrote ${join(OUT, 'timeline.png')} and ${join(OUT, 'sessions.png')}`)
  } finally {
    await browser.close()
    child.kill('SIGTERM')
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : String(err))
  process.exitCode = 1
})
