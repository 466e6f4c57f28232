// The benchmark runner's plumbing: which files count as benchmarks, how wrk's report is read, and the
// table every benchmark prints. (The benchmarks themselves are run by `npm run bench`, not here.)
import { describe, expect, it } from 'vitest'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
// @ts-expect-error plain JavaScript module without types
import { discover } from '../../bench/run.js'
// @ts-expect-error plain JavaScript module without types
import { parseWrk } from '../../bench/proxy.js'
// @ts-expect-error plain JavaScript module without types
import { row, table } from '../../bench/lib/report.js'

const WRK = `Running 5s test @ http://127.0.0.1:40000/
  1 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.61ms    1.02ms  20.06ms   90.12%
    Req/Sec     3.88k   211.13     4.20k    78.00%
  Latency Distribution
     50%  812.00us
     75%    2.77ms
     90%    3.31ms
     99%    1.20s
  19338 requests in 5.00s, 3.04MB read
  Socket errors: connect 0, read 12, write 0, timeout 0
  Non-2xx or 3xx responses: 3
Requests/sec:   3866.93
Transfer/sec:    621.95KB
`

describe('bench runner', () => {
  it('finds benchmarks by the naming convention and skips helpers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roundtrip-bench-test-'))
    try {
      writeFileSync(join(dir, 'alpha.js'), "finish('alpha', [])\n")
      writeFileSync(join(dir, 'alpha-cases.js'), 'export const cases = []\n')
      writeFileSync(join(dir, 'beta.bench.ts'), '')
      writeFileSync(join(dir, 'run.js'), "finish('x', [])\n")
      writeFileSync(join(dir, '_draft.js'), "finish('draft', [])\n")
      mkdirSync(join(dir, 'gamma'))
      writeFileSync(join(dir, 'gamma', 'index.js'), '')
      mkdirSync(join(dir, 'lib'))
      writeFileSync(join(dir, 'lib', 'index.js'), '')
      const found = discover(dir) as { name: string; args: string[] }[]
      expect(found.map((b) => b.name)).toEqual(['alpha', 'beta', 'gamma'])
      expect(found[1]!.args).toContain('run')
      expect(found[1]!.args.some((a) => a.endsWith('vitest.bench.config.ts'))).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it("reads wrk's requests per second, percentiles in any unit, and errors", () => {
    const r = parseWrk(WRK)
    expect(r.rps).toBe(3866.93)
    expect(r.p50).toBeCloseTo(0.812)
    expect(r.p99).toBe(1200)
    expect(r.non2xx).toBe(3)
    expect(r.errors).toContain('read 12')
  })

  it('prints PASS and MISS against goals and leaves informational rows blank', () => {
    const text = table([
      row('a', 1234.567, 'B', '<= 3072 B', true),
      row('b', 0.4567, 'x', '>= 0.9x', false),
      row('c', 'n/a')
    ])
    const lines = text.split('\n')
    expect(lines[2]).toMatch(/^a\s+1235\s+B\s+<= 3072 B\s+PASS$/)
    expect(lines[3]).toMatch(/^b\s+0\.46\s+x\s+>= 0\.9x\s+MISS$/)
    expect(lines[4]).toMatch(/^c\s+n\/a$/)
  })
})
