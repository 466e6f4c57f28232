// Cookie analysis on long captures: `analyzeHar(exportHar(snapshot))` over synthetic captures shaped like
// the sample site's traffic (pages, a tracker pixel whose Secure cookie over http is rejected, logins that
// rotate the session ID, logouts, a theme change now and then; six requests per keep-alive connection),
// at 1,000 entries (the baseline, measured in the same run) and at larger sizes. Prints the time per
// entry at each size as a ratio against the baseline: a ratio near 1 means the cost grows linearly.
//   npx vitest run --config bench/vitest.bench.config.ts bench/analysis.bench.ts
//   (ANALYSIS_SIZES=1000,10000,50000 by default; the first size is the baseline.)
// Findings (2026-11-26): linear, about 50-75 µs an entry for analyzeHar at 50,000 entries; the code
// before commit 71ddb0d took 153 µs an entry at 1,000 and 202 µs at 50,000 (1.32x).
import { it } from 'vitest'
import { analyzeHar } from '../src/shared/analysis'
import { replayCookies } from '../src/shared/analysis/replay'
import { exportHar } from '../src/shared/har/export'
import type { CaptureSnapshot, CapturedConnection, CapturedExchange } from '../src/shared/model'
// @ts-expect-error -- plain JS helper without types
import { finish, row } from './lib/report.js'

const SIZES = (process.env.ANALYSIS_SIZES ?? '1000,10000,50000').split(',').map(Number)

/** A capture of `n` exchanges shaped like a few visitors browsing the sample site. */
export function sampleLikeCapture(n: number): CaptureSnapshot {
  const t0 = Date.UTC(2026, 0, 1)
  const connections: CapturedConnection[] = []
  const exchanges: CapturedExchange[] = []
  let sid = 'anon0000000000000000'
  let theme = 'light'
  let c = 0
  for (let i = 1; i <= n; i++) {
    const sequence = ((i - 1) % 6) + 1
    const at = t0 + i * 50
    if (sequence === 1) {
      c++
      connections.push({
        id: `c${c}`,
        kind: 'client',
        remoteAddress: '127.0.0.1',
        remotePort: 40000 + (c % 20000),
        localAddress: '127.0.0.1',
        localPort: 8080,
        openedAt: at,
        closedAt: at + 6 * 50,
        closedBy: 'client',
        exchangeIds: []
      })
    }
    const step = i % 40
    let method = 'GET'
    let url = `http://roundtrip.test/page/${i % 7}`
    const setCookie: string[] = []
    const cookie = [`sid=${sid}`, `theme=${theme}`]
    if (step === 5) {
      url = 'http://tracker.test/pixel.gif'
      cookie.length = 0
      setCookie.push(`uid=v${i}abcdef0123456789; Max-Age=31536000; Path=/; Secure; SameSite=None`)
    } else if (step === 10) {
      method = 'POST'
      url = 'http://roundtrip.test/login'
      sid = `user${String(i).padStart(16, '0')}`
      setCookie.push(`sid=${sid}; Path=/; HttpOnly; SameSite=Lax`)
    } else if (step === 30) {
      method = 'POST'
      url = 'http://roundtrip.test/logout'
      sid = `anon${String(i).padStart(16, '0')}`
      setCookie.push('sid=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax')
      setCookie.push(`sid=${sid}; Path=/; HttpOnly; SameSite=Lax`)
    } else if (step === 20) {
      theme = theme === 'light' ? 'dark' : 'light'
      setCookie.push(`theme=${theme}; Path=/; Max-Age=31536000; SameSite=Lax`)
    }
    exchanges.push({
      id: `e${i}`,
      clientConnectionId: `c${c}`,
      sequence,
      method,
      url,
      httpVersion: '1.1',
      requestHeaders: [
        ['Host', new URL(url).host],
        ...(cookie.length ? [['Cookie', cookie.join('; ')] as [string, string]] : [])
      ],
      status: 200,
      statusText: 'OK',
      responseHeaders: [
        ['Content-Type', 'text/html'],
        ...setCookie.map((l) => ['Set-Cookie', l] as [string, string])
      ],
      startedAt: at,
      timings: { upstreamConnected: 1, requestSent: 2, responseHeaders: 5, responseEnd: 8 },
      state: 'complete'
    } as CapturedExchange)
  }
  return { seq: 0, connections, exchanges, tunnels: [], sessionEvents: [] } as unknown as CaptureSnapshot
}

/** The UI benchmark's capture (bench/ui.js): a new value of one cookie in every response. */
export function uiBenchCapture(n: number): CaptureSnapshot {
  const snap = sampleLikeCapture(n)
  snap.exchanges.forEach((x, k) => {
    const i = k + 1
    x.url = `http://roundtrip.test/p/${i}`
    x.requestHeaders = [
      ['Host', 'roundtrip.test'],
      ['Cookie', `sid=abc${i % 50}; theme=dark`]
    ]
    x.responseHeaders = [
      ['Content-Type', 'text/plain'],
      ['Set-Cookie', `t=${i}; Path=/; HttpOnly`]
    ]
  })
  return snap
}

function timeIt(f: () => void): number {
  const t = performance.now()
  f()
  return performance.now() - t
}

/** Per-entry cost can only fall with size while it is linear (warm-up); a superlinear cost shows here. */
const LINEAR_RATIO = 1.5

interface Cost {
  exp: number
  ana: number
  rep: number
}

/** Per-entry costs (ms) at `n` entries; the best of `repeat` runs. */
function costs(shape: (n: number) => CaptureSnapshot, n: number, repeat: number): Cost {
  const best: Cost = { exp: Infinity, ana: Infinity, rep: Infinity }
  for (let r = 0; r < repeat; r++) {
    const snap = shape(n)
    let har: ReturnType<typeof exportHar> | undefined
    best.exp = Math.min(best.exp, timeIt(() => (har = exportHar(snap))) / n)
    best.ana = Math.min(best.ana, timeIt(() => analyzeHar(har!)) / n)
    // The replay alone, on the model as the renderer holds it (no HAR in between).
    best.rep = Math.min(best.rep, timeIt(() => replayCookies(snap.exchanges)) / n)
  }
  return best
}

function measure(name: string, shape: (n: number) => CaptureSnapshot, rows: unknown[]): void {
  costs(shape, SIZES[0]!, 1) // warm-up, so the baseline is not paying for the JIT
  const base = costs(shape, SIZES[0]!, 3)
  for (const n of SIZES) {
    const c = n === SIZES[0] ? base : costs(shape, n, 1)
    const add = (what: string, v: number, b: number, judged: boolean): void => {
      const ratio = v / b
      const metric = `${name}: ${what} per entry, ${n} entries`
      if (n === SIZES[0]) return void rows.push(row(`${metric} (baseline)`, v * 1000, 'µs'))
      const note = `${ratio.toFixed(2)}x the per-entry cost at ${SIZES[0]} entries`
      const goal = judged ? `<= ${LINEAR_RATIO}x baseline` : ''
      rows.push(row(metric, v * 1000, 'µs', goal, judged ? ratio <= LINEAR_RATIO : null, note))
    }
    add('analyzeHar', c.ana, base.ana, true)
    add('replayCookies', c.rep, base.rep, true)
    add('exportHar (renderer path, not judged)', c.exp, base.exp, false)
  }
}

it('analysis cost per entry stays flat as the capture grows', () => {
  const rows: unknown[] = []
  measure('sample-site traffic', sampleLikeCapture, rows)
  measure('UI-bench traffic', uiBenchCapture, rows)
  finish('analysis', rows)
})
