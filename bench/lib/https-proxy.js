// Roundtrip's engine as its own process for the HTTPS benchmark: intercepting with a CA in
// $ROUNDTRIP_HOME (a temp dir the parent made), trusting the origin's CA from BENCH_UPSTREAM_CA.
// Prints {"port": N, "ca": "<ca.pem>"} once listening; stops on SIGTERM or when stdin closes.
import { readFileSync } from 'node:fs'
import { loadBuilt } from './engine.js'

const { startEngine } = await loadBuilt('engine')
const engine = await startEngine({
  proxyPort: 0,
  samplePort: 0,
  upstreamCa: readFileSync(process.env.BENCH_UPSTREAM_CA, 'utf8')
})
engine.store.subscribe(() => undefined)
await engine.ca.load()
process.stdout.write(
  `${JSON.stringify({ port: Number(new URL(engine.proxyUrl).port), ca: engine.ca.certPath })}\n`
)
let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  await engine.close()
  process.exit(0)
}
process.on('SIGTERM', stop)
process.stdin.on('end', stop).resume()
