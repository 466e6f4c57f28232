// bench/journal-fsync: what fsyncing the recording journal costs. The same recording (N exchanges
// fed to a capture store that batches every 100 ms, as the proxy's does) is written with the journal
// fsynced at every batch, once a second, and never, interleaved over a few rounds in this one run;
// ratios are against "never". Also times the finishing step (streaming the HAR, fsync, rename).
// Batches here come back to back (the worst case); live, the store sends at most one per 100 ms.
// Goal: an fsync per batch (the default) takes under half of that 100 ms batch period, so the journal
// keeps up (fsync runs off the event loop; the proxy does not wait for it).
// Prints a table and a final line {"bench": "journal-fsync", "rows": [...]}.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildModules, ROOT } from './lib/engine.js'
import { finish, row } from './lib/report.js'

const N = Number(process.env.BENCH_JOURNAL_EXCHANGES ?? 20_000)
const ROUNDS = Number(process.env.BENCH_JOURNAL_ROUNDS ?? 3)
const PER_BATCH = 200
const OUT = join(ROOT, 'bench', 'results', 'journal')

await buildModules({ journal: 'src/main/recording/journal.ts', store: 'src/main/capture/store.ts' }, OUT)
const { Recorder } = await import(pathToFileURL(join(OUT, 'journal.mjs')).href)
const { CaptureStore } = await import(pathToFileURL(join(OUT, 'store.mjs')).href)

const T0 = Date.UTC(2026, 0, 1)
function exchangeAt(i) {
  return {
    id: `e${i}`,
    clientConnectionId: `c${1 + (i % 6)}`,
    sequence: i,
    method: 'GET',
    url: `http://roundtrip.test/page/${i}`,
    httpVersion: '1.1',
    requestHeaders: [
      ['Host', 'roundtrip.test'],
      ['Cookie', `sid=${'a'.repeat(43)}; theme=dark`]
    ],
    status: 200,
    statusText: 'OK',
    responseHeaders: [
      ['Content-Type', 'text/html; charset=utf-8'],
      ['Content-Length', '200']
    ],
    responseBody: { size: 200, truncated: false, base64: Buffer.alloc(200, 'x').toString('base64') },
    startedAt: T0 + i,
    timings: { requestSent: 0.2, responseHeaders: 1, responseEnd: 1.5 },
    state: 'complete'
  }
}

/** Records N exchanges in batches of PER_BATCH (one store batch each); returns ms to record and to finish. */
async function recordOnce(dir, fsyncIntervalMs) {
  const store = new CaptureStore({ batchMs: 100_000, maxExchanges: 1000 })
  const recorder = await Recorder.start({
    path: join(dir, `r-${fsyncIntervalMs}-${Math.random()}.har`),
    store,
    fsyncIntervalMs
  })
  const started = performance.now()
  for (let i = 1; i <= N; i++) {
    store.putExchange(exchangeAt(i))
    if (i % PER_BATCH === 0) await recorder.flush()
  }
  await recorder.flush()
  const recorded = performance.now()
  await recorder.stop()
  return { record: recorded - started, finish: performance.now() - recorded }
}

const dir = mkdtempSync(join(tmpdir(), 'roundtrip-bench-journal-'))
const modes = [
  ['every batch', 0],
  ['once a second', 1000],
  ['never', false]
]
const times = Object.fromEntries(modes.map(([name]) => [name, { record: [], finish: [] }]))
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, interval] of modes) {
      const t = await recordOnce(dir, interval)
      times[name].record.push(t.record)
      times[name].finish.push(t.finish)
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const base = median(times.never.record)
const rows = []
for (const [name] of modes) {
  const ms = median(times[name].record)
  rows.push(row(`record ${N} exchanges, fsync ${name}`, ms, 'ms', '', null, `${N / PER_BATCH} batches`))
}
const everyRatio = median(times['every batch'].record) / base
rows.push(row('fsync every batch vs never (batches back to back)', everyRatio, 'x'))
const perBatch = (median(times['every batch'].record) - base) / (N / PER_BATCH)
rows.push(row('fsync cost per batch', perBatch, 'ms', '< 50 ms (half a batch period)', perBatch < 50))
rows.push(row('fsync once a second vs never', median(times['once a second'].record) / base, 'x'))
rows.push(row(`finish (stream HAR, fsync, rename) of ${N}`, median(times.never.finish), 'ms'))
finish('journal-fsync', rows)
