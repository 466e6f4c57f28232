// bench/memory: resident memory (RSS, what a task manager shows) per captured exchange at 20,000 and
// 100,000 exchanges, and heap bytes per captured exchange after 50,000 small exchanges through the real
// proxy with capture on (goal: 3 KB or less), and whether the heap stays flat once the capture
// limit is reached (limit 10,000, then 40,000 sent: the heap must not move after the second round). Each phase runs in its own Node process with
// --expose-gc; the origin and the client run in a further child so their allocations stay out of
// the measured heap. A second phase sends browser-like exchanges (a browser's headers and cookies,
// a small JSON answer with a dozen headers), since real traffic is rarely as small as the first. Prints a table and a final line {"bench": "memory", "rows": [...]}.
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { once } from 'node:events'
import { loadBuilt } from './lib/engine.js'
import { finish, row } from './lib/report.js'

const SELF = fileURLToPath(import.meta.url)
const N = Number(process.env.BENCH_MEMORY_N ?? 50_000)
const LIMIT = Number(process.env.BENCH_MEMORY_LIMIT ?? 10_000)
const ROUNDS = Math.max(3, Number(process.env.BENCH_MEMORY_ROUNDS ?? 4))
const GOAL_BYTES = 3 * 1024
const RSS_COUNTS = (process.env.BENCH_MEMORY_RSS ?? '20000,100000').split(',').map(Number)

async function settledHeap() {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 50))
    global.gc()
  }
  return process.memoryUsage().heapUsed
}

/** Resident memory as a task manager shows it: after a short idle, no forced collection. */
async function idleRss() {
  await new Promise((r) => setTimeout(r, 500))
  return process.memoryUsage().rss
}

async function phase(kind) {
  const { startEngine } = await loadBuilt('engine')
  // `rss:N`: N small exchanges, resident memory before and after (what users see), no forced GC.
  const rssCount = kind.startsWith('rss:') ? Number(kind.slice(4)) : 0
  const maxExchanges = kind === 'flat' ? LIMIT : Math.max(N, rssCount) + 1_000
  const engine = await startEngine({ proxyPort: 0, samplePort: 0, record: true, maxExchanges })
  const load = fork(fileURLToPath(new URL('./lib/load.js', import.meta.url)), [], { stdio: 'inherit' })
  await once(load, 'message')
  const profile = kind === 'browser' ? 'browser' : 'small'
  const send = async (count) => {
    load.send({ proxy: engine.proxyUrl, count, concurrency: 10, profile })
    const [reply] = await once(load, 'message')
    if (reply.failed > 0) throw new Error(`${reply.failed} of ${count} requests failed through the proxy`)
    // Let the client sockets' close events reach the proxy, and the store's batch go out.
    await new Promise((r) => setTimeout(r, 300))
    engine.store.flush()
  }
  try {
    // A warm-up round so lazily compiled code, first-use caches and the collector's young generation
    // (which grows to its working size under any load) are not counted as the capture's.
    await send(rssCount > 0 ? 5_000 : 200)
    engine.store.clear()
    engine.store.flush()
    if (rssCount > 0) {
      const before = await idleRss()
      // Two halves: the second half's growth is the marginal cost, without any one-time growth.
      await send(Math.floor(rssCount / 2))
      const half = await idleRss()
      await send(rssCount - Math.floor(rssCount / 2))
      const after = await idleRss()
      return { kind, before, half, after, kept: engine.store.snapshot().exchanges.length }
    }
    const base = await settledHeap()
    const result = { kind, base }
    if (kind !== 'flat') {
      await send(N)
      result.after = await settledHeap()
      result.kept = engine.store.snapshot().exchanges.length
    } else {
      result.rounds = []
      for (let i = 0; i < ROUNDS; i++) {
        await send(LIMIT)
        result.rounds.push(await settledHeap())
      }
      result.kept = engine.store.snapshot().exchanges.length
      result.evicted = engine.store.evicted
    }
    return result
  } finally {
    load.send({ stop: true })
    await engine.close()
  }
}

function runPhase(kind) {
  const child = fork(SELF, ['--phase', kind], {
    // The resident-memory phases run as users run Roundtrip: no flags that change the collector.
    execArgv: kind.startsWith('rss:') ? [] : ['--expose-gc'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc']
  })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop()
      if (code !== 0) return reject(new Error(`memory phase ${kind} exited with ${code}`))
      resolve(JSON.parse(line))
    })
  })
}

const kindArg = process.argv.indexOf('--phase')
if (kindArg > 0) {
  const result = await phase(process.argv[kindArg + 1])
  process.stdout.write(`${JSON.stringify(result)}\n`)
  process.exit(0)
} else {
  await loadBuilt('engine')
  const a = await runPhase('per-exchange')
  const perExchange = (a.after - a.base) / a.kept
  const b = await runPhase('browser')
  const perBrowser = (b.after - b.base) / b.kept
  const f = await runPhase('flat')
  const capture = f.rounds[0] - f.base
  // Once past the limit (the second round on) the heap must stay put: the first round after the
  // limit still grows the hash tables' room for deleted entries, which then stays the same.
  const after = f.rounds.slice(1)
  const spread = Math.max(...after) - Math.min(...after)
  const growthPer = (f.rounds.at(-1) - f.rounds[1]) / ((ROUNDS - 2) * LIMIT)
  const flat = f.rounds.at(-1) - f.rounds[1] <= 0.02 * capture
  const mib = (n) => (n / 1048576).toFixed(1)
  const rssRows = []
  for (const count of RSS_COUNTS) {
    const r = await runPhase(`rss:${count}`)
    const per = (r.after - r.before) / r.kept
    const marginal = (r.after - r.half) / (r.kept / 2)
    rssRows.push(
      row(
        `resident memory (RSS) growth per captured exchange, ${r.kept} exchanges`,
        per,
        'B',
        '<= 3072 B',
        per <= GOAL_BYTES,
        `RSS ${mib(r.before)} -> ${mib(r.half)} -> ${mib(r.after)} MiB, no forced GC; second half ${Math.round(marginal)} B each`
      )
    )
  }
  finish('memory', [
    ...rssRows,
    row(
      `heap per captured exchange (${a.kept} exchanges)`,
      perExchange,
      'B',
      '<= 3072 B',
      perExchange <= GOAL_BYTES
    ),
    row(
      `  browser-like (13 request headers with cookies, 11 response, JSON body)`,
      perBrowser,
      'B',
      '<= 3072 B',
      perBrowser <= GOAL_BYTES,
      `${b.kept} exchanges`
    ),
    row(
      `vs HTTP Toolkit's ~30 KB per request (browser-like)`,
      (30 * 1024) / perBrowser,
      'x smaller',
      '>= 10x',
      perBrowser <= GOAL_BYTES
    ),
    row(
      `heap with ${LIMIT} kept, after ${f.rounds.map((_, k) => (k + 1) * LIMIT).join('/')} sent`,
      f.rounds.map((r) => mib(r - f.base)).join(' / '),
      'MiB',
      '',
      null
    ),
    row(
      `growth once past the limit, per exchange sent`,
      growthPer,
      'B',
      'no growth (< 2%)',
      flat,
      `spread ${mib(spread)} of ${mib(capture)} MiB; evicted ${f.evicted}, kept ${f.kept}`
    )
  ])
}
