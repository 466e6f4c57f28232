// bench/fuzz: a longer fuzz run than the test suite's. Sends FUZZ_COUNT (default 5,000) seeded
// random and mutated requests at the real proxy (built from src by bench/lib/engine.js), in
// rounds of 500 with a new seed each, half of them to an origin that answers with mutated
// responses. After each round a normal request must succeed, nothing unhandled may have been
// raised, and no exchange may be left pending. Run: `node bench/fuzz.js` (FUZZ_SEED, FUZZ_COUNT).
// Prints a table and {"bench": "fuzz", "rows": [...]}; exits 1 on any failure, naming the seed.
import http from 'node:http'
import { loadBuilt } from './lib/engine.js'
import { startOrigin } from './lib/origin.js'
import { finish, row } from './lib/report.js'
import { runFuzz, startChaosOrigin } from './fuzz-cases.js'

const COUNT = Number(process.env.FUZZ_COUNT ?? 5000)
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000)
const ROUND = 500

const errors = []
process.on('uncaughtException', (e) => errors.push(e))
process.on('unhandledRejection', (e) => errors.push(e))

function normalRequest(proxyPort, originPort) {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: proxyPort,
        path: `http://127.0.0.1:${originPort}/ok`,
        agent: new http.Agent()
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode))
      }
    )
    req.on('error', (e) => resolve(e.message))
    req.end()
  })
}

const { createProxy } = await loadBuilt('proxy')
const { CaptureStore } = await loadBuilt('store')
const store = new CaptureStore({ batchMs: 50, maxExchanges: 2000 })
const proxy = createProxy({
  store,
  headersTimeoutMs: 500,
  requestTimeoutMs: 1000,
  upstreamTimeoutMs: 500,
  clientIdleMs: 500
})
const proxyPort = Number(new URL(await proxy.listen(0)).port)
const origin = await startOrigin()
const chaos = await startChaosOrigin(SEED + 1)
const targets = [`http://127.0.0.1:${origin.port}`, chaos.url]

const tally = {}
const failures = []
const t0 = Date.now()
for (let sent = 0, round = 0; sent < COUNT; sent += ROUND, round++) {
  const seed = SEED + round * 7919
  const counts = await runFuzz({
    proxyPort,
    targets,
    count: Math.min(ROUND, COUNT - sent),
    seed,
    waitMs: 600
  })
  for (const [k, v] of Object.entries(counts)) tally[k] = (tally[k] ?? 0) + v
  const status = await normalRequest(proxyPort, origin.port)
  if (status !== 200) failures.push(`seed ${seed}: normal request got ${status}`)
  if (errors.length) failures.push(`seed ${seed}: ${errors.splice(0).map(String).join('; ')}`)
  const deadline = Date.now() + 5000
  while (proxy.tracker.openClients.size > 0 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50))
  const pending = store.snapshot().exchanges.filter((e) => e.state === 'pending')
  if (pending.length) failures.push(`seed ${seed}: ${pending.length} exchanges left pending`)
  process.stderr.write(`round ${round + 1}: ${JSON.stringify(counts)}\n`)
}
const seconds = (Date.now() - t0) / 1000

await proxy.close()
await chaos.close()
origin.server.closeAllConnections()
origin.server.close()

finish('fuzz', [
  row('requests sent', COUNT, '', '', null, `first seed ${SEED}`),
  row('duration', seconds, 's'),
  row(
    'answered with a status',
    Object.entries(tally)
      .filter(([k]) => /^\d+$/.test(k))
      .reduce((n, [, v]) => n + v, 0)
  ),
  row('statuses', JSON.stringify(tally)),
  row('failures', failures.length, '', '0', failures.length === 0, failures.slice(0, 3).join(' | '))
])
process.exitCode = failures.length ? 1 : 0
