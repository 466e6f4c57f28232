// One proxy under test, as its own process so it can be pinned to a CPU:
//   node bench/lib/proxy-server.js floor        plain http-proxy, one keep-alive agent, no capture
//   node bench/lib/proxy-server.js capture-on   Roundtrip's engine, recording every exchange
//   node bench/lib/proxy-server.js capture-off  Roundtrip's engine with record: false
//   node bench/lib/proxy-server.js mockttp      mockttp 4.6 passing everything through (HTTP Toolkit's engine)
// Prints {"port": N, ...} once listening; stops on SIGTERM or when stdin closes.
import http from 'node:http'
import httpProxy from 'http-proxy'
import { loadBuilt } from './engine.js'
import { freePort } from './procs.js'

const mode = process.argv[2]

async function floor() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })
  const proxy = httpProxy.createProxyServer({ agent })
  proxy.on('error', (_err, _req, res) => {
    if (res && !res.headersSent && res.writeHead) res.writeHead(502)
    res?.end?.()
  })
  const server = http.createServer((req, res) => {
    const url = new URL(req.url)
    proxy.web(req, res, { target: `http://${url.host}` })
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  return { port: server.address().port, stop: () => server.close() && server.closeAllConnections() }
}

async function roundtrip(record) {
  const { startEngine } = await loadBuilt('engine')
  const engine = await startEngine({ proxyPort: 0, samplePort: 0, record })
  // The app always has a listener (the window's IPC feed or the web UI's stream); count the batching.
  engine.store.subscribe(() => undefined)
  return {
    port: Number(new URL(engine.proxyUrl).port),
    stats: () => ({
      exchanges: engine.store.snapshot().exchanges.length,
      heapUsed: process.memoryUsage().heapUsed
    }),
    stop: () => engine.close()
  }
}

/** HTTP Toolkit's engine as its users run it: a local mockttp server that passes every request on. */
async function mockttp() {
  const { getLocal } = await import('mockttp')
  const server = getLocal({ recordTraffic: false })
  // mockttp takes a fixed port (its port finder does not accept 0): one the system just handed out.
  await server.start(await freePort())
  await server.forAnyRequest().thenPassThrough()
  return { port: server.port, stop: () => server.stop() }
}

const sut =
  mode === 'floor'
    ? await floor()
    : mode === 'mockttp'
      ? await mockttp()
      : await roundtrip(mode === 'capture-on')
process.stdout.write(`${JSON.stringify({ port: sut.port })}\n`)
let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  if (sut.stats) process.stdout.write(`${JSON.stringify({ stats: sut.stats() })}\n`)
  await sut.stop()
  process.exit(0)
}
process.on('SIGTERM', stop)
process.stdin.on('end', stop).resume()
