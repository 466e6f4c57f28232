// `npm run bench`: runs every benchmark in bench/ one after another and prints one table.
//
// Convention: a benchmark is `bench/<name>.js` (or .mjs), `bench/<name>/index.js`, or
// `bench/<name>.bench.ts` (run by vitest with bench/vitest.bench.config.ts, which transpiles the
// TypeScript it imports). It prints, as its last line starting with {"bench", one JSON object
// {"bench": name, "rows": [{metric, value, unit, goal, ok, note?}]} (bench/lib/report.js writes it).
// Missed goals are reported (MISS), not failures; this exits non-zero only when a benchmark crashed:
// a non-zero exit, no result line, or running past BENCH_TIMEOUT_S (default 900 s each).
//
//   npm run bench                 everything
//   npm run bench -- proxy memory only the named benchmarks
//
// The engine is built once first (bench/lib/engine.js); results also go to bench/results/latest.json.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { cpus, freemem, loadavg, totalmem, availableParallelism } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildEngine, ROOT } from './lib/engine.js'
import { table } from './lib/report.js'

const BENCH = join(ROOT, 'bench')
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 900)
const SKIP = new Set(['run.js', 'lib', 'results', 'node_modules'])

/** Every benchmark present, as {name, cmd, args}, in name order. */
export function discover(dir = BENCH) {
  const found = []
  for (const entry of readdirSync(dir).sort()) {
    if (SKIP.has(entry) || entry.startsWith('_') || entry.startsWith('.')) continue
    const abs = join(dir, entry)
    if (statSync(abs).isDirectory()) {
      if (existsSync(join(abs, 'index.js'))) found.push(nodeBench(entry, join(abs, 'index.js')))
    } else if (/\.bench\.ts$/.test(entry)) {
      found.push({
        name: entry.replace(/\.bench\.ts$/, ''),
        cmd: process.execPath,
        args: [
          join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
          'run',
          '--config',
          join(BENCH, 'vitest.bench.config.ts'),
          abs
        ]
      })
    } else if (/\.m?js$/.test(entry) && !entry.endsWith('.d.ts') && looksLikeBench(abs)) {
      found.push(nodeBench(entry.replace(/\.m?js$/, ''), abs))
    }
  }
  return found
}

function nodeBench(name, file) {
  return { name, cmd: process.execPath, args: [file] }
}

// Helper modules sit beside benchmarks (e.g. fuzz-cases.js); a benchmark says `"bench"` in its result line.
function looksLikeBench(file) {
  return /finish\(|"bench"/.test(readFileSync(file, 'utf8'))
}

function runOne(b) {
  return new Promise((resolve) => {
    const started = Date.now()
    const child = spawn(b.cmd, b.args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
      process.stdout.write(d)
    })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGTERM')
      setTimeout(() => child.kill('SIGKILL'), 5000).unref()
    }, TIMEOUT_S * 1000)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const seconds = (Date.now() - started) / 1000
      const line = out
        .split('\n')
        .reverse()
        .map((l) => l.trim().replace(/^.*?(\{"bench")/, '$1'))
        .find((l) => l.startsWith('{"bench"'))
      let result
      try {
        result = line ? JSON.parse(line) : undefined
      } catch {
        result = undefined
      }
      const problem = timedOut
        ? `ran past ${TIMEOUT_S} s and was stopped`
        : code !== 0
          ? `exited with ${code ?? signal}`
          : !result
            ? 'printed no {"bench": ...} result line'
            : ''
      resolve({ name: b.name, seconds, result, problem })
    })
  })
}

/** The 1-minute load average: on a shared machine, how much else was running. */
function load() {
  return loadavg()[0].toFixed(1)
}

function machine() {
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  const gib = (n) => `${(n / 1024 ** 3).toFixed(1)} GiB`
  return `${availableParallelism()} CPUs (${cpu.trim()}), ${gib(totalmem())} RAM (${gib(freemem())} free), Node ${process.version}, ${process.platform}`
}

async function main() {
  const wanted = process.argv.slice(2)
  let benches = discover()
  if (wanted.length) benches = benches.filter((b) => wanted.includes(b.name))
  const m = machine()
  process.stdout.write(`Roundtrip benchmarks on ${m}\nRunning: ${benches.map((b) => b.name).join(', ')}\n\n`)
  await buildEngine()
  process.env.BENCH_ENGINE_READY = '1'
  const results = []
  for (const b of benches) {
    process.stdout.write(`== ${b.name} (load average ${load()})\n`)
    const r = await runOne(b)
    r.loadAfter = load()
    results.push(r)
    process.stdout.write(
      `== ${b.name}: ${r.problem ? `CRASHED (${r.problem})` : 'done'} in ${r.seconds.toFixed(0)} s\n\n`
    )
  }
  const rows = results.flatMap((r) =>
    r.result
      ? r.result.rows.map((row) => ({ bench: r.name, ...row }))
      : [{ bench: r.name, metric: 'crashed', value: r.problem, unit: '', goal: '', ok: false }]
  )
  process.stdout.write(`Summary (${m})\n${table(rows, true)}\n`)
  const missed = rows.filter((r) => r.ok === false).length
  const crashed = results.filter((r) => r.problem)
  process.stdout.write(
    `\n${rows.filter((r) => r.ok === true).length} goals met, ${missed} missed; ${crashed.length} benchmark(s) crashed${crashed.length ? `: ${crashed.map((c) => c.name).join(', ')}` : ''}\n`
  )
  mkdirSync(join(BENCH, 'results'), { recursive: true })
  writeFileSync(
    join(BENCH, 'results', 'latest.json'),
    `${JSON.stringify({ at: new Date().toISOString(), machine: m, results }, null, 2)}\n`
  )
  process.exitCode = crashed.length ? 1 : 0
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()
