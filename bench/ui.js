// UI benchmark: serves the built renderer (out/renderer; built here first when it is missing)
// with a stand-in web API holding N synthetic
// exchanges, opens it in headless Chromium and prints, as ratios against baselines measured in the
// same run:
//   - time until rows show, against the page's own JSON.parse of the same snapshot text;
//   - the 95th-percentile frame time while scrolling, against one 60 Hz frame (16.7 ms);
//   - how far the UI falls behind 1,000 exchanges a second for 10 s, against the 100 ms batch interval;
//   - then the real `roundtrip serve --load big.har` (bench/lib/ui-load.js): first rows (goal <= 2 s),
//     every exchange there, and the p95 frame while scrolling it (goal <= 20 ms).
// Usage: node bench/ui.js [N=50000] [Connections|Rows]   (or `npm run bench -- ui`; the lanes view,
// "Connections", is the default since it is the main view and the heavier one)
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join } from 'node:path'
import { chromium } from 'playwright-core'
import { WebSocketServer } from 'ws'
import { finish, row } from './lib/report.js'
import { firstRows, measureServeLoad, scrollP95 } from './lib/ui-load.js'

const N = Number(process.argv[2] ?? 50_000)
const VIEW = process.argv[3] ?? 'Connections'
const PROJECT = join(import.meta.dirname, '..')
const ROOT = join(PROJECT, 'out', 'renderer')
if (!existsSync(join(ROOT, 'index.html'))) {
  execFileSync('npx', ['electron-vite', 'build'], { cwd: PROJECT, stdio: 'inherit' })
}

function synthetic(n) {
  const t0 = Date.now() - n * 10
  const connections = []
  const exchanges = []
  let c = 0
  for (let i = 1; i <= n; i++) {
    const sequence = ((i - 1) % 6) + 1
    if (sequence === 1) {
      c++
      const openedAt = t0 + i * 10
      connections.push({
        id: `c${c}`,
        kind: 'client',
        remoteAddress: '127.0.0.1',
        remotePort: 40000 + (c % 20000),
        localAddress: '127.0.0.1',
        localPort: 8080,
        openedAt,
        closedAt: openedAt + 80,
        closedBy: 'client',
        exchangeIds: []
      })
    }
    exchanges.push({
      id: `e${i}`,
      clientConnectionId: `c${c}`,
      sequence,
      method: i % 5 ? 'GET' : 'POST',
      url: `http://roundtrip.test/p/${i}`,
      httpVersion: '1.1',
      requestHeaders: [
        ['Host', 'roundtrip.test'],
        ['Cookie', `sid=abc${i % 50}; theme=dark`]
      ],
      status: 200,
      statusText: 'OK',
      responseHeaders: [
        ['Content-Type', 'text/plain'],
        ['Set-Cookie', `t=${i}; Path=/; HttpOnly`]
      ],
      startedAt: t0 + i * 10,
      timings: { upstreamConnected: 1, requestSent: 2, responseHeaders: 5, responseEnd: 8 },
      state: 'complete'
    })
  }
  return { seq: 0, connections, exchanges, tunnels: [], sessionEvents: [] }
}

const snapshot = synthetic(N)
const snapshotText = JSON.stringify(snapshot)
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }
const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname
  if (path === '/api/info')
    return res.end(JSON.stringify({ proxy: 'http://127.0.0.1:1', sample: '', version: 'bench' }))
  if (path === '/api/sessions') return res.end('[]')
  if (path === '/api/snapshot' || path === '/snapshot.json') return res.end(snapshotText)
  const file = join(ROOT, path === '/' ? 'index.html' : path)
  if (!file.startsWith(ROOT) || !existsSync(file)) return res.writeHead(404).end()
  res
    .writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' })
    .end(readFileSync(file))
})
const wss = new WebSocketServer({ server, path: '/api/stream' })
let stream
wss.on('connection', (ws) => {
  stream = ws
  ws.send(`{"type":"snapshot","snapshot":${snapshotText}}`)
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const url = `http://127.0.0.1:${server.address().port}/`

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run'
  ]
})
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-US' })
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${url}#baseline`)
  const parseMs = await page.evaluate(async () => {
    const text = await (await fetch('/snapshot.json')).text()
    const t = performance.now()
    JSON.parse(text)
    return performance.now() - t
  })

  const t0 = Date.now()
  const rowsMs = (await firstRows(page, url, VIEW)) - t0
  const frames = { p95: await scrollP95(page) }

  await page.getByRole('checkbox', { name: 'Follow' }).check()
  let n = N
  const start = Date.now()
  for (let b = 0; b < 100; b++) {
    const changes = []
    for (let k = 0; k < 100; k++) {
      n++
      const x = snapshot.exchanges[k]
      changes.push({
        type: 'exchange',
        exchange: { ...x, id: `e${n}`, startedAt: Date.now(), url: `http://roundtrip.test/live/${n}` }
      })
    }
    stream.send(JSON.stringify({ type: 'batch', batch: { seq: b + 1, changes } }))
    await new Promise((r) => setTimeout(r, Math.max(0, start + (b + 1) * 100 - Date.now())))
  }
  const sent = Date.now()
  await page
    .getByTestId('exchange-count')
    .filter({ hasText: `${n} of ${n} exchanges` })
    .waitFor({ timeout: 120_000 })
  const behindMs = Date.now() - sent
  await page.close()

  // The real thing: `roundtrip serve --load big.har` (the built CLI), its own API and stream.
  const load = await measureServeLoad(browser, {
    bin: join(PROJECT, 'bin', 'roundtrip.js'),
    n: N,
    view: VIEW
  })

  const view = `${N} exchanges, ${VIEW === 'Connections' ? 'lanes' : 'rows'} view`
  finish('ui', [
    row('time until rows show', rowsMs, 'ms', '< 3000 ms', rowsMs < 3000, view),
    row(
      "  vs the page's JSON.parse of the snapshot",
      rowsMs / parseMs,
      'x',
      '',
      null,
      `${parseMs.toFixed(1)} ms`
    ),
    row('p95 frame while scrolling', frames.p95, 'ms', '<= 20 ms', frames.p95 <= 20, view),
    row('  vs one 60 Hz frame (16.7 ms)', frames.p95 / 16.7, 'x'),
    row('behind after 10 s at 1,000 exchanges/s', behindMs, 'ms', '< 1000 ms', behindMs < 1000),
    row('  vs the 100 ms batch interval', behindMs / 100, 'x'),
    row('serve --load: time until rows show', load.rowsMs, 'ms', '<= 2000 ms', load.rowsMs <= 2000, view),
    row(
      '  vs a 30-exchange recording the same way',
      load.rowsMs / load.floorMs,
      'x',
      '',
      null,
      `${load.floorMs} ms`
    ),
    row('  vs the stand-in API above', load.rowsMs / rowsMs, 'x'),
    row('serve --load: time until every exchange is there', load.allMs, 'ms', '', null, view),
    row('serve --load: p95 frame while scrolling', load.p95, 'ms', '<= 20 ms', load.p95 <= 20, view),
    row('page errors', errors.length, '', '0', errors.length === 0, errors.join('; ').slice(0, 200))
  ])
} finally {
  await browser.close()
  server.close()
}
