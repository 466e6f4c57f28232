// HTTPS interception: how long the local CA takes to make, how long a leaf certificate takes
// (first use in a process, then p50/p95 over new hosts), and HTTPS throughput through Roundtrip
// against mitmdump's and against Roundtrip's own plain-http rate, all measured in this run.
// The same raw keep-alive client drives every system: 10 connections, small GETs, one at a time
// per connection (CONNECT + TLS for https, absolute-form for plain http); each TLS connection is
// opened before the clock starts and carries every request of its round (no handshake per request).
// The origins run in a process of their own, so the client does not also pay the origin's TLS;
// beside requests/s each ratio is also given per CPU-second of the proxy process.
//   BENCH_HTTPS_SECONDS (default 5) per system per round, BENCH_HTTPS_ROUNDS (default 3).
import net from 'node:net'
import tls from 'node:tls'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadBuilt, ROOT } from './lib/engine.js'
import { has, startJson, startOnPort, stop, freePort } from './lib/procs.js'
import { finish, row } from './lib/report.js'
import { BODY } from './lib/origin.js'

const SECONDS = Number(process.env.BENCH_HTTPS_SECONDS ?? 5)
const ROUNDS = Number(process.env.BENCH_HTTPS_ROUNDS ?? 3)
const CONNECTIONS = 10
const temp = (p) => mkdtempSync(join(tmpdir(), p))
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]

const { createCertificateAuthority } = await loadBuilt('ca')
const { createCa } = await loadBuilt('authority')
const { LeafCache } = await loadBuilt('leaves')
const rows = []

// --- CA and leaves ---------------------------------------------------------------------------
const caTimes = []
for (let i = 0; i < 5; i++) {
  const t0 = performance.now()
  await createCa(temp('rt-bench-ca-'))
  caTimes.push(performance.now() - t0)
}
rows.push(
  row(
    'CA creation (median of 5, key pair + self-signed cert + files)',
    median(caTimes),
    'ms',
    '< 1000 ms',
    median(caTimes) < 1000
  )
)
const ca = await createCertificateAuthority({ home: temp('rt-bench-leaf-') }).load()
const leaves = new LeafCache(ca, { max: 10_000 })
let t0 = performance.now()
await leaves.leaf('first.bench.test')
const first = performance.now() - t0
const leafTimes = []
for (let i = 0; i < 300; i++) {
  t0 = performance.now()
  await leaves.leaf(`h${i}.bench.test`)
  leafTimes.push(performance.now() - t0)
}
rows.push(row('leaf certificate, first use in a process (makes the leaf key too)', first, 'ms', '', null))
rows.push(row('leaf certificate, new host p50', pct(leafTimes, 50), 'ms', '', null))
rows.push(row('leaf certificate, new host p95', pct(leafTimes, 95), 'ms', '< 50 ms', pct(leafTimes, 95) < 50))
t0 = performance.now()
for (let i = 0; i < 300; i++) await leaves.leaf(`h${i}.bench.test`)
rows.push(row('leaf certificate, cached host', (performance.now() - t0) / 300, 'ms', '', null))

// --- Origins, in a process of their own (pinned beside the client when there are two cores) --
const { child: originChild, info: origins } = await startJson(1, process.execPath, [
  join(ROOT, 'bench', 'lib', 'https-origin.js')
])
const { httpsPort, httpPort, caFile: originCaFile } = origins

// --- The raw keep-alive client --------------------------------------------------------------
function exchangeLoop(socket, request, until) {
  return new Promise((resolve) => {
    let done = 0
    let buf = ''
    const send = () => (Date.now() >= until ? finishLoop() : socket.write(request))
    const finishLoop = () => {
      socket.destroy()
      resolve(done)
    }
    socket.on('data', (d) => {
      buf += d.toString('latin1')
      const end = buf.indexOf('\r\n\r\n')
      if (end < 0 || buf.length < end + 4 + BODY.length) return
      buf = buf.slice(end + 4 + BODY.length)
      done++
      send()
    })
    socket.on('error', finishLoop)
    send()
  })
}

function connectTunnel(proxyPort, target) {
  return new Promise((resolve, reject) => {
    // Like browsers and curl, the client turns Nagle's algorithm off.
    const raw = net.connect({ port: proxyPort, host: '127.0.0.1', noDelay: true }, () =>
      raw.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`)
    )
    raw.once('data', (d) =>
      /^HTTP\/1\.[01] 200/.test(d.toString('latin1')) ? resolve(raw) : reject(new Error(String(d)))
    )
    raw.once('error', reject)
  })
}

async function httpsRate(proxyPort, caPem) {
  const sockets = await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const raw = await connectTunnel(proxyPort, `localhost:${httpsPort}`)
      return new Promise((resolve, reject) => {
        const s = tls.connect(
          { socket: raw, ca: caPem, servername: 'localhost', ALPNProtocols: ['http/1.1'] },
          () => resolve(s)
        )
        s.once('error', reject)
      })
    })
  )
  const until = Date.now() + SECONDS * 1000
  const request = `GET /item HTTP/1.1\r\nHost: localhost:${httpsPort}\r\nUser-Agent: roundtrip-bench/1\r\nAccept: */*\r\n\r\n`
  const counts = await Promise.all(sockets.map((s) => exchangeLoop(s, request, until)))
  return counts.reduce((a, b) => a + b, 0) / SECONDS
}

async function httpRate(proxyPort) {
  const sockets = await Promise.all(
    Array.from(
      { length: CONNECTIONS },
      () =>
        new Promise((resolve) => {
          const s = net.connect({ port: proxyPort, host: '127.0.0.1', noDelay: true }, () => resolve(s))
        })
    )
  )
  const until = Date.now() + SECONDS * 1000
  const request = `GET http://127.0.0.1:${httpPort}/item HTTP/1.1\r\nHost: 127.0.0.1:${httpPort}\r\nUser-Agent: roundtrip-bench/1\r\nAccept: */*\r\n\r\n`
  const counts = await Promise.all(sockets.map((s) => exchangeLoop(s, request, until)))
  return counts.reduce((a, b) => a + b, 0) / SECONDS
}

/** User plus system CPU seconds a process has used so far (Linux /proc; NaN elsewhere). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return NaN
  }
}

/** Requests per second, and requests per CPU-second of the proxy process (less disturbed by other load). */
async function measured(pid, run) {
  const cpu0 = cpuSeconds(pid)
  const rps = await run()
  const cpu = cpuSeconds(pid) - cpu0
  return { rps, perCpu: cpu > 0 ? (rps * SECONDS) / cpu : NaN }
}

// --- The systems ---------------------------------------------------------------------------
process.env.ROUNDTRIP_HOME = temp('rt-bench-home-')
process.env.BENCH_UPSTREAM_CA = originCaFile
const { child: rtChild, info: rt } = await startJson(0, process.execPath, [
  join(ROOT, 'bench', 'lib', 'https-proxy.js')
])
const rtCa = readFileSync(rt.ca, 'utf8')

let mitm
if (has('mitmdump')) {
  const confdir = temp('rt-bench-mitm-')
  const port = await freePort()
  const child = await startOnPort(
    0,
    'mitmdump',
    [
      '--listen-host',
      '127.0.0.1',
      '--listen-port',
      String(port),
      '-q',
      '--set',
      `confdir=${confdir}`,
      '--set',
      `ssl_verify_upstream_trusted_ca=${originCaFile}`
    ],
    port
  )
  mitm = { child, port, ca: readFileSync(join(confdir, 'mitmproxy-ca-cert.pem'), 'utf8') }
}

const ratios = { mitm: [], plain: [], mitmCpu: [], plainCpu: [] }
const best = { rt: 0, plain: 0, mitm: 0 }
for (let round = 0; round < ROUNDS; round++) {
  const rtHttps = await measured(rtChild.pid, () => httpsRate(rt.port, rtCa))
  const rtHttp = await measured(rtChild.pid, () => httpRate(rt.port))
  best.rt = Math.max(best.rt, rtHttps.rps)
  best.plain = Math.max(best.plain, rtHttp.rps)
  ratios.plain.push(rtHttps.rps / rtHttp.rps)
  ratios.plainCpu.push(rtHttps.perCpu / rtHttp.perCpu)
  if (mitm) {
    const m = await measured(mitm.child.pid, () => httpsRate(mitm.port, mitm.ca))
    best.mitm = Math.max(best.mitm, m.rps)
    ratios.mitm.push(rtHttps.rps / m.rps)
    ratios.mitmCpu.push(rtHttps.perCpu / m.perCpu)
  }
}
const perRound = (xs) => `per round ${xs.map((x) => x.toFixed(2)).join(', ')}`
const cpuNote = (xs) => `${perRound(xs)}; requests per CPU-second of the proxy, less disturbed by other load`
rows.push(row('Roundtrip HTTPS (intercepted, capture on), best round', best.rt, 'req/s', '', null))
rows.push(row('Roundtrip plain http (same client), best round', best.plain, 'req/s', '', null))
rows.push(
  row(
    'HTTPS vs own plain http (median of rounds)',
    median(ratios.plain),
    'x',
    '>= 0.8x',
    median(ratios.plain) >= 0.8,
    perRound(ratios.plain)
  )
)
rows.push(
  row(
    'HTTPS vs own plain http, per CPU-second',
    median(ratios.plainCpu),
    'x',
    '',
    null,
    cpuNote(ratios.plainCpu)
  )
)
if (mitm) {
  rows.push(row('mitmdump HTTPS, best round', best.mitm, 'req/s', '', null))
  rows.push(
    row(
      'Roundtrip HTTPS vs mitmdump (median of rounds)',
      median(ratios.mitm),
      'x',
      '>= 5x',
      median(ratios.mitm) >= 5,
      perRound(ratios.mitm)
    )
  )
  rows.push(
    row(
      'Roundtrip HTTPS vs mitmdump, per CPU-second',
      median(ratios.mitmCpu),
      'x',
      '',
      null,
      cpuNote(ratios.mitmCpu)
    )
  )
} else {
  rows.push(
    row(
      'Roundtrip HTTPS vs mitmdump',
      'baseline missing',
      '',
      '>= 5x',
      null,
      'mitmdump is not installed (apt-get install mitmproxy)'
    )
  )
}
rows.push(
  row(
    'setup',
    `${SECONDS}s x ${ROUNDS} rounds, ${CONNECTIONS} conns`,
    '',
    '',
    null,
    'proxy on CPU 0; origins on CPU 1 (when taskset exists)'
  )
)

await stop(rtChild)
if (mitm) await stop(mitm.child)
await stop(originChild)
finish('https', rows)
