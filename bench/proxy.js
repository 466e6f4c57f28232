// bench/proxy: requests per second and p50/p99 latency with wrk (10 connections) against a small
// local keep-alive origin: direct, through plain http-proxy with a keep-alive agent and no capture
// (the floor), through Roundtrip with capture on and off, through mockttp 4.6 passing through (HTTP
// Toolkit's engine, a devDependency), and through tinyproxy and mitmdump when installed. wrk's Lua script sends absolute-form requests as a proxied client does. On two or more
// cores the proxy runs pinned to CPU 0 and wrk plus the origin to CPU 1.
// Each system runs once per round, rounds interleaved. The rates shown are each system's best round;
// ratios are taken within each round and the median over rounds is reported (the machine's other
// work comes and goes, so like is compared with like).
// Env: BENCH_PROXY_SECONDS (5), BENCH_PROXY_WARMUP (2), BENCH_PROXY_ROUNDS (3),
// BENCH_PROXY_ONLY (comma-separated parts of system names, e.g. 'floor,capture'), BENCH_PROXY_PIN=0
// (let the OS place every process; GC helper threads then use the other core too).
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadBuilt } from './lib/engine.js'
import { finish, row } from './lib/report.js'
import { freePort, has, pinned, startJson, startOnPort, stop } from './lib/procs.js'

const SECONDS = Number(process.env.BENCH_PROXY_SECONDS ?? 5)
const WARMUP = Number(process.env.BENCH_PROXY_WARMUP ?? 2)
const ROUNDS = Math.max(1, Math.min(5, Number(process.env.BENCH_PROXY_ROUNDS ?? 3)))
const CONNECTIONS = 10
const CLK_TCK = 100 // Linux USER_HZ, what /proc/<pid>/stat counts in
const multi = availableParallelism() >= 2 && process.env.BENCH_PROXY_PIN !== '0'
const PROXY_CPU = multi ? 0 : undefined
const LOAD_CPU = multi ? 1 : undefined
const lib = (f) => fileURLToPath(new URL(`./lib/${f}`, import.meta.url))

function wrk(url, script, seconds) {
  const [cmd, args] = pinned(LOAD_CPU, 'wrk', [
    '-t1',
    `-c${CONNECTIONS}`,
    `-d${seconds}s`,
    '--latency',
    '-s',
    script,
    url
  ])
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: (seconds + 30) * 1000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`wrk failed: ${err.message} ${stderr}`))
      resolve(parseWrk(stdout))
    })
  })
}

export function parseWrk(text) {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(text)?.[1] ?? NaN)
  const ms = (p) => {
    const m = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(text)
    if (!m) return NaN
    return Math.round(Number(m[1]) * { us: 1, ms: 1000, s: 1_000_000 }[m[2]]) / 1000
  }
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(text)?.[1] ?? 0)
  const errors = /Socket errors:[^\n]*/.exec(text)?.[0] ?? ''
  return { rps, p50: ms(50), p99: ms(99), non2xx, errors }
}

async function main() {
  if (!has('wrk')) {
    finish('proxy', [row('wrk', 'not installed', '', 'apt-get install -y wrk', null)])
    return
  }
  await loadBuilt('engine')
  const dir = mkdtempSync(join(tmpdir(), 'roundtrip-bench-'))
  const children = []
  try {
    const origin = await startJson(LOAD_CPU, process.execPath, [lib('origin.js')])
    children.push(origin.child)
    const originPort = origin.info.port
    const directLua = join(dir, 'direct.lua')
    const proxyLua = join(dir, 'proxy.lua')
    writeFileSync(directLua, 'wrk.method = "GET"\nwrk.headers["Accept"] = "*/*"\n')
    writeFileSync(
      proxyLua,
      `wrk.method = "GET"\nwrk.path = "http://127.0.0.1:${originPort}/"\n` +
        `wrk.headers["Host"] = "127.0.0.1:${originPort}"\nwrk.headers["Accept"] = "*/*"\n`
    )

    const systems = [
      { name: 'direct', start: async () => ({ port: originPort }), lua: directLua },
      { name: 'http-proxy (floor)', start: () => node('floor'), lua: proxyLua },
      { name: 'roundtrip capture on', start: () => node('capture-on'), lua: proxyLua },
      { name: 'roundtrip capture off', start: () => node('capture-off'), lua: proxyLua },
      { name: 'mockttp', start: () => node('mockttp'), lua: proxyLua }
    ]
    if (has('tinyproxy')) systems.push({ name: 'tinyproxy', start: () => tinyproxy(dir), lua: proxyLua })
    if (has('mitmdump')) systems.push({ name: 'mitmdump', start: () => mitmdump(dir), lua: proxyLua })

    const only = process.env.BENCH_PROXY_ONLY?.split(',')
    if (only)
      systems.splice(0, systems.length, ...systems.filter((s) => only.some((o) => s.name.includes(o))))
    const best = new Map()
    /** Every round's result per system: ratios are taken within a round, then the median across rounds. */
    const runs = new Map()
    for (let round = 0; round < ROUNDS; round++) {
      for (const sys of systems) {
        process.stderr.write(`bench/proxy: ${sys.name} (round ${round + 1} of ${ROUNDS})\n`)
        const { port, child } = await sys.start()
        try {
          const url = `http://127.0.0.1:${port}/`
          if (WARMUP > 0) await wrk(url, sys.lua, WARMUP)
          const pid = (child ?? origin.child).pid
          const cpu0 = cpuSeconds(pid)
          const r = await wrk(url, sys.lua, SECONDS)
          const cpu = cpuSeconds(pid) - cpu0
          r.perCpu = cpu > 0 ? (r.rps * SECONDS) / cpu : NaN
          if (!best.has(sys.name) || r.rps > best.get(sys.name).rps) best.set(sys.name, r)
          if (!runs.has(sys.name)) runs.set(sys.name, [])
          runs.get(sys.name)[round] = r
        } finally {
          if (child) await stop(child)
        }
      }
    }

    const rows = []
    for (const [name, r] of best) {
      const bad = r.non2xx || r.errors ? `${r.non2xx ? `${r.non2xx} non-2xx ` : ''}${r.errors}`.trim() : ''
      const eff = Number.isFinite(r.perCpu) ? `, ${Math.round(r.perCpu)} req per CPU-second` : ''
      rows.push(
        row(
          `${name}: requests/s`,
          r.rps,
          'req/s',
          '',
          null,
          `p50 ${r.p50} ms, p99 ${r.p99} ms${eff}${bad ? `; ${bad}` : ''}`
        )
      )
    }
    // Systems in one round run minutes apart at most, so a round's ratio compares like with like;
    // the median over rounds keeps one unlucky round from deciding.
    const perRound = (a, b, field) =>
      (runs.get(a) ?? [])
        .map((ra, i) => {
          const rb = runs.get(b)?.[i]
          return ra && rb && ra[field] > 0 && rb[field] > 0 ? ra[field] / rb[field] : NaN
        })
        .filter(Number.isFinite)
    const ratio = (a, b, goal, pass) => {
      const all = perRound(a, b, 'rps')
      if (!all.length) return
      const v = median(all)
      const note = `per round ${all.map((x) => x.toFixed(2)).join(', ')}`
      rows.push(row(`${a} / ${b}`, v, 'x', goal, goal ? pass(v) : null, note))
    }
    const effRatio = (a, b) => {
      const all = perRound(a, b, 'perCpu')
      if (!all.length) return
      const note = `per round ${all.map((x) => x.toFixed(2)).join(', ')}; less sensitive to other load`
      rows.push(row(`${a} / ${b}, per CPU-second`, median(all), 'x', '', null, note))
    }
    ratio('http-proxy (floor)', 'direct', '', null)
    ratio('roundtrip capture on', 'http-proxy (floor)', '>= 0.9x', (v) => v >= 0.9)
    ratio('roundtrip capture on', 'roundtrip capture off', '>= 0.9x', (v) => v >= 0.9)
    ratio('roundtrip capture off', 'http-proxy (floor)', '', null)
    ratio('roundtrip capture on', 'mitmdump', '>= 5x', (v) => v >= 5)
    ratio('roundtrip capture on', 'tinyproxy', '> 1x', (v) => v > 1)
    ratio('roundtrip capture on', 'mockttp', '>= 2x', (v) => v >= 2)
    effRatio('roundtrip capture on', 'http-proxy (floor)')
    effRatio('roundtrip capture on', 'roundtrip capture off')
    effRatio('roundtrip capture on', 'mitmdump')
    effRatio('roundtrip capture on', 'tinyproxy')
    effRatio('roundtrip capture on', 'mockttp')
    rows.push(
      row(
        'setup',
        `${SECONDS}s x ${ROUNDS} rounds, ${CONNECTIONS} conns`,
        '',
        '',
        null,
        multi ? 'proxy on CPU 0; wrk + origin on CPU 1' : 'unpinned'
      )
    )
    finish('proxy', rows)
  } finally {
    for (const c of children) await stop(c)
    rmSync(dir, { recursive: true, force: true })
  }
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** User plus system CPU seconds a process has used so far (Linux /proc; NaN elsewhere). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK
  } catch {
    return NaN
  }
}

async function node(mode) {
  const { child, info } = await startJson(PROXY_CPU, process.execPath, [lib('proxy-server.js'), mode])
  return { port: info.port, child }
}

async function tinyproxy(dir) {
  const port = await freePort()
  const conf = join(dir, 'tinyproxy.conf')
  writeFileSync(
    conf,
    [
      `Port ${port}`,
      'Listen 127.0.0.1',
      'Timeout 60',
      'MaxClients 100',
      'Allow 127.0.0.1',
      'DisableViaHeader Yes',
      'LogLevel Critical',
      `LogFile "${join(dir, 'tinyproxy.log')}"`,
      `PidFile "${join(dir, 'tinyproxy.pid')}"`
    ].join('\n') + '\n'
  )
  const child = await startOnPort(PROXY_CPU, 'tinyproxy', ['-d', '-c', conf], port)
  return { port, child }
}

async function mitmdump(dir) {
  const port = await freePort()
  const args = [
    '--listen-host',
    '127.0.0.1',
    '--listen-port',
    String(port),
    '-q',
    '--set',
    `confdir=${join(dir, 'mitmproxy')}`
  ]
  const child = await startOnPort(PROXY_CPU, 'mitmdump', args, port, 60_000)
  return { port, child }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()
