// bench/soak: steady traffic through the real proxy with recording on and a small capture limit,
// for SOAK_SECONDS (default 300). Samples heap and RSS (after a forced GC), open client sockets
// and this process's file descriptors (/proc/self/fd) as it goes; then stops the traffic and
// checks that sockets and descriptors return to their baseline.
//
// Route: plain Node on the engine built from src by bench/lib/engine.js (Node 20 cannot run the
// TypeScript directly). The origin and the client run in a child (bench/lib/load.js) so their
// allocations and sockets stay out of the figures. Re-runs itself with --expose-gc if needed.
//
//   node bench/soak.js                      five minutes
//   SOAK_SECONDS=30 SOAK_LIMIT=2000 node bench/soak.js
//
// "Flat" means: once the capture limit is reached, heapUsed grows by less than SOAK_FLAT_MB
// (default 8 MB) from the second sample after the limit (the first still warms up) to the last. Prints a table and
// {"bench": "soak", "rows": [...]}. Missed goals show as MISS (the bench/run.js convention); with
// SOAK_STRICT=1 it also exits 1 when memory is not flat, sockets or fds leak, or requests failed.
import { fork, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { loadBuilt } from './lib/engine.js'
import { finish, row } from './lib/report.js'

const SELF = fileURLToPath(import.meta.url)
if (typeof global.gc !== 'function') {
  const r = spawnSync(process.execPath, ['--expose-gc', SELF, ...process.argv.slice(2)], { stdio: 'inherit' })
  process.exit(r.status ?? 1)
}

const SECONDS = Number(process.env.SOAK_SECONDS ?? 300)
const LIMIT = Number(process.env.SOAK_LIMIT ?? 2000)
const FLAT_MB = Number(process.env.SOAK_FLAT_MB ?? 8)
// SOAK_RECORD=0 forwards without recording: growth then is the proxy's own, not the capture's.
const RECORD = process.env.SOAK_RECORD !== '0'
const ROUND = 400
const MB = 1024 * 1024

const fds = () => readdirSync('/proc/self/fd').length
async function settled() {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 30))
    global.gc()
  }
  return process.memoryUsage()
}

const { startEngine } = await loadBuilt('engine')
const engine = await startEngine({ proxyPort: 0, samplePort: 0, record: RECORD, maxExchanges: LIMIT })
// The UI would be subscribed; so is the soak, so batches are built and delivered as in the app.
let batches = 0
engine.store.subscribe(() => batches++)
const load = fork(fileURLToPath(new URL('./lib/load.js', import.meta.url)), [], { stdio: 'inherit' })
await once(load, 'message')

const base = { fds: fds(), clients: engine.proxy.tracker.openClients.size, mem: await settled() }
const samples = []
const t0 = Date.now()
let sent = 0
let failed = 0
let nextSample = 0
const every = Math.max(2, SECONDS / 20) * 1000

while (Date.now() - t0 < SECONDS * 1000) {
  // Half the rounds on 8 long keep-alive connections, half on 32 short ones: both patterns.
  const concurrency = (sent / ROUND) % 2 === 0 ? 8 : 32
  load.send({ proxy: engine.proxyUrl, count: ROUND, concurrency })
  const [reply] = await once(load, 'message')
  sent += ROUND
  failed += reply.failed
  if (Date.now() - t0 >= nextSample) {
    nextSample += every
    const m = await settled()
    const snap = engine.store.snapshot()
    samples.push({
      s: Math.round((Date.now() - t0) / 1000),
      sent,
      heapMB: m.heapUsed / MB,
      rssMB: m.rss / MB,
      fds: fds(),
      exchanges: snap.exchanges.length,
      connections: snap.connections.length,
      // Without recording there is no limit to reach: every sample after the first few counts.
      limit: RECORD ? engine.store.evicted > 0 : sent >= LIMIT * 2
    })
    const last = samples.at(-1)
    process.stderr.write(
      `${last.s}s sent=${sent} heap=${last.heapMB.toFixed(1)}MB rss=${last.rssMB.toFixed(1)}MB fds=${last.fds} exchanges=${last.exchanges} connections=${last.connections}\n`
    )
  }
}
const seconds = (Date.now() - t0) / 1000

// Traffic stops: every socket should close and descriptors return to where they started.
load.send({ stop: true })
await once(load, 'exit')
const deadline = Date.now() + 10_000
while (Date.now() < deadline && (engine.proxy.tracker.openClients.size > base.clients || fds() > base.fds)) {
  await new Promise((r) => setTimeout(r, 100))
}
const after = { fds: fds(), clients: engine.proxy.tracker.openClients.size, mem: await settled() }
const snap = engine.store.snapshot()
await engine.close()

// The first sample after the limit still includes warm-up (JIT, pools, interned strings): skip it.
const afterLimit = samples.filter((s) => s.limit).slice(1)
const first = afterLimit[0]
const last = afterLimit.at(-1)
const growth = first && last ? last.heapMB - first.heapMB : NaN
const flat = Number.isFinite(growth) && growth < FLAT_MB
const table = samples.map((s) => `${s.s}s:${s.heapMB.toFixed(1)}/${s.rssMB.toFixed(0)}MB`).join(' ')

finish('soak', [
  row('duration', seconds, 's', '', null, `${sent} requests, ${Math.round(sent / seconds)} req/s`),
  row('failed requests', failed, '', '0', failed === 0),
  row(
    'capture limit',
    LIMIT,
    'exchanges',
    '',
    null,
    `${RECORD ? 'recording' : 'NOT recording'}, ${engine.store.evicted} evicted, ${batches} batches delivered`
  ),
  row('heap at start', base.mem.heapUsed / MB, 'MB'),
  row(
    'heap after limit, first -> last',
    first ? `${first.heapMB.toFixed(1)} -> ${last.heapMB.toFixed(1)}` : 'limit not reached',
    'MB'
  ),
  row('heap growth after limit', growth, 'MB', `< ${FLAT_MB}`, flat),
  row(
    'rss start -> end of traffic',
    `${(base.mem.rss / MB).toFixed(0)} -> ${(samples.at(-1)?.rssMB ?? 0).toFixed(0)}`,
    'MB'
  ),
  row(
    'connection records kept',
    snap.connections.length,
    '',
    '',
    null,
    'closed connections leave with their evicted exchanges'
  ),
  row('open client sockets after', after.clients, '', `${base.clients}`, after.clients <= base.clients),
  row(
    'file descriptors before -> after',
    `${base.fds} -> ${after.fds}`,
    '',
    `<= ${base.fds}`,
    after.fds <= base.fds
  ),
  row('samples (heap/rss)', table)
])
const allOk = flat && after.clients <= base.clients && after.fds <= base.fds && failed === 0
process.exitCode = process.env.SOAK_STRICT === '1' && !allOk ? 1 : 0
