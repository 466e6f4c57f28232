// bench/har-open: opening a 50,000-entry HAR the way the app and `serve --load` do (read the file,
// parseHar's lenient reading, importCapture into the capture model), against plain JSON.parse of
// the same file in the same run. Each measurement runs in its own Node process so peak memory
// (max RSS) is its own; the cost of an idle Node process is measured too and taken off both (both
// still include reading the file's text, which every way of opening it needs).
// Then `roundtrip inspect --json` of the same file (the whole command: read, model, analysis, report)
// against the same baseline.
// Goal: within 2x of JSON.parse on time and on peak memory. Prints a table and a final line
// {"bench": "har-open", "rows": [...]}.
import { execFileSync, fork, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { buildModules, ROOT } from './lib/engine.js'
import { finish, row } from './lib/report.js'

const SELF = fileURLToPath(import.meta.url)
const N = Number(process.env.BENCH_HAR_ENTRIES ?? 50_000)
const RUNS = Number(process.env.BENCH_HAR_RUNS ?? 3)
const OUT = join(ROOT, 'bench', 'results', 'har')
/** BENCH_HAR_KEEP=path: also copy the generated N-entry HAR there (to diff or profile inspect on it). */
const KEEP = process.env.BENCH_HAR_KEEP

function buildHarModules() {
  return buildModules(
    {
      read: 'src/shared/har/read.ts',
      'to-capture': 'src/shared/har/to-capture.ts',
      export: 'src/shared/har/export.ts'
    },
    OUT
  )
}

const load = (name) => import(pathToFileURL(join(OUT, `${name}.mjs`)).href)

/** A Roundtrip-style capture of N exchanges: keep-alive groups of 6, cookies, small HTML bodies. */
function capture(n) {
  const t0 = Date.UTC(2026, 0, 1)
  const connections = []
  const exchanges = []
  for (let i = 1; i <= n; i++) {
    const c = Math.ceil(i / 6)
    if (i % 6 === 1) {
      connections.push({
        id: `c${c}`,
        kind: 'client',
        remoteAddress: '127.0.0.1',
        remotePort: 40000 + (c % 20000),
        localAddress: '127.0.0.1',
        localPort: 8080,
        openedAt: t0 + i,
        exchangeIds: []
      })
    }
    connections[connections.length - 1].exchangeIds.push(`e${i}`)
    const html = `<!doctype html><title>page ${i}</title><p>${'lorem ipsum '.repeat(8)}</p>`
    exchanges.push({
      id: `e${i}`,
      clientConnectionId: `c${c}`,
      sequence: ((i - 1) % 6) + 1,
      method: 'GET',
      url: `http://roundtrip.test/page/${i}?q=${i}`,
      httpVersion: '1.1',
      requestHeaders: [
        ['Host', 'roundtrip.test'],
        ['User-Agent', 'bench'],
        ['Accept', 'text/html'],
        ['Cookie', `sid=s${c}; theme=dark`]
      ],
      status: 200,
      statusText: 'OK',
      responseHeaders: [
        ['Content-Type', 'text/html; charset=utf-8'],
        ['Set-Cookie', `sid=s${c}; Path=/; HttpOnly; SameSite=Lax`],
        ['Content-Length', String(html.length)]
      ],
      responseBody: { size: html.length, truncated: false, base64: Buffer.from(html).toString('base64') },
      startedAt: t0 + i * 3,
      timings: {
        upstreamConnected: i % 6 === 1 ? 0.4 : undefined,
        requestSent: 0.5,
        responseHeaders: 1.5,
        responseEnd: 2
      },
      state: 'complete'
    })
  }
  return { seq: 0, connections, exchanges, tunnels: [], sessionEvents: [] }
}

/**
 * This process's peak resident memory in KB. On Linux from /proc (VmHWM): getrusage's maxRSS survives
 * fork and exec, so a child would report its parent's size (this bench's, ~150 MB by then) as its own.
 */
function peakRssKb() {
  try {
    const hwm = /^VmHWM:\s*(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (hwm) return Number(hwm[1])
  } catch {
    // Not Linux: maxRSS below.
  }
  return process.resourceUsage().maxRSS
}

async function child(kind, file) {
  if (kind === 'idle') return process.send({ ms: 0, cpuMs: 0, maxRssKb: peakRssKb(), count: 0 })
  // Modules load before the clock starts: only the work of opening is timed.
  const { parseHar } = kind === 'open' ? await load('read') : {}
  const { importCapture } = kind === 'open' ? await load('to-capture') : {}
  const start = process.hrtime.bigint()
  const cpuStart = process.cpuUsage()
  const text = readFileSync(file, 'utf8')
  let count
  if (kind === 'json') count = JSON.parse(text).log.entries.length
  else if (kind === 'open') {
    const parsed = parseHar(text)
    if (!parsed.ok) throw new Error(parsed.error)
    count = importCapture(parsed.har).exchanges.length
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  const cpu = process.cpuUsage(cpuStart)
  process.send({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: peakRssKb(), count })
}

/** `roundtrip inspect FILE --json --timings` as users run it; its own timings leave out module loading. */
function inspectRun(file) {
  const run = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'roundtrip.js'), 'inspect', file, '--json', '--timings'],
    { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' }
  )
  const line = run.stderr
  const m = /\(total (\d+) ms\); peak memory (\d+) MB; cpu (\d+) ms/.exec(line)
  if (!m) throw new Error(`inspect printed no timings: ${line}`)
  return {
    ms: Number(m[1]),
    cpuMs: Number(m[3]),
    maxRssKb: Number(m[2]) * 1024,
    count: N,
    phases: line.trim()
  }
}

async function measure(kind, file, small) {
  if (kind === 'inspect') return inspectRun(file)
  // The command's own footprint (code, tough-cookie, the report writer) on a one-entry file.
  if (kind === 'inspect-idle') return { ...inspectRun(small), count: 0 }
  const proc = fork(SELF, ['child', kind, file], { stdio: 'inherit' })
  const [result] = await once(proc, 'message')
  await once(proc, 'exit')
  return result
}

async function main() {
  execFileSync(process.execPath, ['-e', '0'])
  await buildHarModules()
  const dir = mkdtempSync(join(tmpdir(), 'bench-har-'))
  try {
    const { exportHar } = await load('export')
    const file = join(dir, 'big.har')
    writeFileSync(file, JSON.stringify(exportHar(capture(N))))
    if (KEEP) copyFileSync(file, KEEP)
    const small = join(dir, 'small.har')
    writeFileSync(small, JSON.stringify(exportHar(capture(1))))
    const sizeMb = readFileSync(file).length / 1048576
    const best = { json: null, open: null, idle: null, inspect: null, 'inspect-idle': null }
    for (let r = 0; r < RUNS; r++) {
      for (const kind of ['idle', 'json', 'open', 'inspect-idle', 'inspect']) {
        const m = await measure(kind, file, small)
        if (!kind.endsWith('idle') && m.count !== N)
          throw new Error(`${kind} read ${m.count} entries, not ${N}`)
        const b = best[kind]
        best[kind] = b
          ? {
              ...(m.ms < b.ms ? m : b),
              ms: Math.min(b.ms, m.ms),
              cpuMs: Math.min(b.cpuMs, m.cpuMs),
              maxRssKb: Math.min(b.maxRssKb, m.maxRssKb)
            }
          : m
      }
    }
    const idle = best.idle.maxRssKb
    const timeRatio = best.open.ms / best.json.ms
    const memRatio = (best.open.maxRssKb - idle) / (best.json.maxRssKb - idle)
    const inspectTime = best.inspect.ms / best.json.ms
    // CPU time (user + system) of the same work: what a loaded machine disturbs least.
    const inspectCpu = best.inspect.cpuMs / best.json.cpuMs
    const inspectMem = (best.inspect.maxRssKb - best['inspect-idle'].maxRssKb) / (best.json.maxRssKb - idle)
    finish('har-open', [
      row('HAR file', sizeMb, 'MB', '', null, `${N} entries`),
      row('JSON.parse time', best.json.ms, 'ms', '', null, 'baseline'),
      row('open time (parseHar + importCapture)', best.open.ms, 'ms', '', null, `best of ${RUNS}`),
      row('open time / JSON.parse time', timeRatio, 'x', '<= 2', timeRatio <= 2),
      row('idle Node peak RSS', idle / 1024, 'MB', '', null, 'taken off both'),
      row(
        'JSON.parse peak RSS above idle Node',
        (best.json.maxRssKb - idle) / 1024,
        'MB',
        '',
        null,
        'baseline'
      ),
      row('open peak RSS above idle Node', (best.open.maxRssKb - idle) / 1024, 'MB'),
      row('open peak memory / JSON.parse peak memory', memRatio, 'x', '<= 2', memRatio <= 2),
      row(
        'inspect --json time / JSON.parse time',
        inspectTime,
        'x',
        '<= 2',
        inspectTime <= 2,
        best.inspect.phases
      ),
      row(
        'inspect --json CPU time / JSON.parse CPU time',
        inspectCpu,
        'x',
        '',
        null,
        `${Math.round(best.inspect.cpuMs)} ms against ${Math.round(best.json.cpuMs)} ms (user + system)`
      ),
      row(
        'inspect --json peak memory / JSON.parse peak memory',
        inspectMem,
        'x',
        '<= 2',
        inspectMem <= 2,
        `above inspect of a one-entry file (${Math.round(best['inspect-idle'].maxRssKb / 1024)} MB)`
      )
    ])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[2] === 'child') await child(process.argv[3], process.argv[4])
else await main()
