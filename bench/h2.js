// bench/h2: the same small-response load through Roundtrip (capture on) over HTTP/2 and over
// HTTP/1.1, both intercepted HTTPS to the sample site (https://roundtrip.test/img/1.svg, ~300 bytes).
// HTTP/2: one connection, up to C streams in flight; HTTP/1.1: C kept-alive connections, one
// request at a time each (as a browser does). Rounds alternate; the ratio is the median of the
// per-round ratios. The client is Node's own http2/https in a child process, so its work stays
// out of the proxy's. Prints a table and a final line {"bench": "h2", "rows": [...]}.
import { fork } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync } from 'node:fs'
import http2 from 'node:http2'
import https from 'node:https'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import tls from 'node:tls'
import { fileURLToPath } from 'node:url'
import { finish, row } from './lib/report.js'

const SELF = fileURLToPath(import.meta.url)
const N = Number(process.env.BENCH_H2_N ?? 3000)
const C = Number(process.env.BENCH_H2_CONCURRENCY ?? 10)
const ROUNDS = Math.max(1, Number(process.env.BENCH_H2_ROUNDS ?? 3))
const HOST = 'roundtrip.test'
const PATH = '/img/1.svg'

/** A TLS socket to roundtrip.test:443 through the proxy's CONNECT, with ALPN `alpn`. */
function tunnel(proxyPort, ca, alpn) {
  return new Promise((resolve, reject) => {
    const raw = net.connect(proxyPort, '127.0.0.1', () => {
      raw.write(`CONNECT ${HOST}:443 HTTP/1.1\r\nHost: ${HOST}:443\r\n\r\n`)
    })
    raw.once('error', reject)
    let got = ''
    const onData = (chunk) => {
      got += chunk.toString('latin1')
      if (!got.includes('\r\n\r\n')) return
      raw.off('data', onData)
      raw.pause()
      if (!got.startsWith('HTTP/1.1 200')) return reject(new Error(`CONNECT: ${got.split('\r\n')[0]}`))
      const socket = tls.connect({ socket: raw, servername: HOST, ALPNProtocols: [alpn], ca })
      socket.once('error', reject)
      socket.once('secureConnect', () => resolve(socket))
    }
    raw.on('data', onData)
  })
}

/** Runs `count` requests, `concurrency` at a time, with `one()`; returns requests per second. */
async function drive(count, concurrency, one) {
  let next = 0
  let failed = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++
        if (!(await one())) failed++
      }
    })
  )
  if (failed) throw new Error(`${failed} of ${count} requests failed`)
  return count / ((performance.now() - t0) / 1000)
}

async function h2Rate(proxyPort, ca, count) {
  const socket = await tunnel(proxyPort, ca, 'h2')
  const session = http2.connect(`https://${HOST}`, { createConnection: () => socket })
  session.on('error', () => undefined)
  const one = () =>
    new Promise((resolve) => {
      const req = session.request({ ':path': PATH })
      let status = 0
      req.on('response', (h) => (status = Number(h[':status'])))
      req.on('error', () => resolve(false))
      req.on('end', () => resolve(status === 200))
      req.resume()
      req.end()
    })
  const rate = await drive(count, C, one)
  session.close()
  return rate
}

async function h1Rate(proxyPort, ca, count) {
  const agent = new https.Agent({ keepAlive: true, maxSockets: C })
  agent.createConnection = (_options, cb) => {
    tunnel(proxyPort, ca, 'http/1.1').then((s) => cb(null, s), cb)
  }
  const one = () =>
    new Promise((resolve) => {
      const req = https.get({ host: HOST, path: PATH, agent }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode === 200))
      })
      req.on('error', () => resolve(false))
    })
  const rate = await drive(count, C, one)
  agent.destroy()
  return rate
}

async function client() {
  process.on('message', async ({ proxyPort, ca, kind, count }) => {
    try {
      const rate = await (kind === 'h2' ? h2Rate : h1Rate)(proxyPort, ca, count)
      process.send({ rate })
    } catch (err) {
      process.send({ error: err.message })
    }
  })
  process.send({ ready: true })
}

async function main() {
  const { loadBuilt } = await import('./lib/engine.js')
  const { startEngine } = await loadBuilt('engine')
  const engine = await startEngine({
    proxyPort: 0,
    samplePort: 0,
    caHome: mkdtempSync(join(tmpdir(), 'roundtrip-bench-h2-')),
    maxExchanges: 10_000
  })
  const { certPem } = await engine.ca.load()
  const proxyPort = Number(new URL(engine.proxyUrl).port)
  const child = fork(SELF, ['client'], { stdio: 'inherit' })
  await once(child, 'message')
  const run = async (kind, count) => {
    child.send({ proxyPort, ca: certPem, kind, count })
    const [reply] = await once(child, 'message')
    if (reply.error) throw new Error(`${kind}: ${reply.error}`)
    return reply.rate
  }
  await run('h2', 200)
  await run('h1', 200)
  const h2 = []
  const h1 = []
  const ratios = []
  for (let r = 0; r < ROUNDS; r++) {
    const a = await run('h2', N)
    const b = await run('h1', N)
    engine.store.clear?.()
    h2.push(a)
    h1.push(b)
    ratios.push(a / b)
  }
  child.kill()
  await engine.close()
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]
  finish('h2', [
    row(`HTTP/2 through Roundtrip, 1 connection, ${C} streams`, Math.max(...h2), 'req/s'),
    row(`HTTP/1.1 through Roundtrip, ${C} kept-alive connections`, Math.max(...h1), 'req/s'),
    row(
      'HTTP/2 ÷ HTTP/1.1 (median of rounds)',
      median(ratios),
      '×',
      '',
      null,
      `${ROUNDS} rounds of ${N} requests, ~300-byte responses`
    )
  ])
}

if (process.argv[2] === 'client') client()
else
  main().catch((err) => {
    console.error(err)
    process.exit(1)
  })
