// `roundtrip inspect` as a real subprocess, on real files.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { harOf } from '../../helpers/har-factory'

const exec = promisify(execFile)
const root = join(import.meta.dirname, '..', '..', '..')
const fixture = (name: string): string => join(root, 'test', 'fixtures', 'har', name)
const dir = mkdtempSync(join(tmpdir(), 'roundtrip-inspect-'))

afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function inspect(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec('node', ['bin/roundtrip.js', 'inspect', ...args], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024
    })
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

function file(name: string, text: string): string {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}

describe('roundtrip inspect', () => {
  it('--timings says on stderr where the time went, and leaves the JSON on stdout whole', async () => {
    const { code, stdout, stderr } = await inspect(
      fixture('chrome-devtools_run.sitespeed.io.har'),
      '--json',
      '--timings'
    )
    expect(code).toBe(0)
    expect(JSON.parse(stdout).entries).toBe(10)
    expect(stderr).toMatch(
      /^inspect timings: read \d+ ms, model \d+ ms, analysis \d+ ms, output \d+ ms \(total \d+ ms\); peak memory \d+ MB; cpu \d+ ms$/m
    )
    expect((await inspect(fixture('chrome-devtools_run.sitespeed.io.har'), '--json')).stderr).not.toMatch(
      /timings/
    )
  })

  it('prints one JSON object with the fields of issue 4 for the Chrome file', async () => {
    const { code, stdout } = await inspect(fixture('chrome-devtools_run.sitespeed.io.har'), '--json')
    expect(code).toBe(0)
    const report = JSON.parse(stdout)
    expect(report.entries).toBe(10)
    expect(report.connections.source).toBe('recorded')
    expect(
      report.connections.groups.map((g: { id: string; entries: number[] }) => [g.id, g.entries])
    ).toEqual([
      ['1043855', [0, 2, 3, 4, 5, 6, 7, 8]],
      ['1043854', [1, 9]]
    ])
    expect(report.sessions).toEqual([])
    expect(report.cookies).toHaveLength(7)
    for (const c of report.cookies)
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['name', 'domain', 'purpose', 'reason']))
    expect(report.requests).toHaveLength(10)
    // The jar after each row, written only when it changed from the row before.
    expect(report.requests[0].jarAfter).toHaveLength(7)
    expect(report.requests.slice(1).every((r: Record<string, unknown>) => !('jarAfter' in r))).toBe(true)
    report.requests.forEach((r: Record<string, unknown>, i: number) => {
      expect(r.index).toBe(i)
      expect(typeof r.expectedCookie).toBe('string')
      expect(typeof r.sentCookie).toBe('string')
      expect(Array.isArray(r.differences)).toBe(true)
    })
  })

  it('streams the JSON of a large capture as one valid object', async () => {
    const specs = Array.from({ length: 3000 }, (_, i) => ({
      url: `http://a.test/p/${i}`,
      at: i * 10,
      cookie: `n=${i}; fixed=1`,
      setCookie: i % 100 === 0 ? [`batch=${i}; Path=/`] : []
    }))
    const { code, stdout } = await inspect(file('large.har', JSON.stringify(harOf(specs))), '--json')
    expect(code).toBe(0)
    expect(stdout.length).toBeGreaterThan(64 * 1024)
    const report = JSON.parse(stdout)
    expect(report.entries).toBe(3000)
    expect(report.requests).toHaveLength(3000)
    expect(report.requests[2999].sentCookie).toBe('n=2999; fixed=1')
    expect(report.cookies.find((c: { name: string }) => c.name === 'n').values).toBe(3000)
  })

  it('reports a session round trip and its warnings in readable form', async () => {
    const sid = 'kq3Vx0bW9h2ZpL7sYc4RmT1nE8uJ6fAa'
    const p = file(
      'login.har',
      JSON.stringify(
        harOf([
          { url: 'http://roundtrip.test/login', at: 0, setCookie: [`sid=${sid}; Path=/`] },
          { url: 'http://roundtrip.test/login', method: 'POST', at: 1000, cookie: `sid=${sid}`, status: 302 },
          {
            url: 'http://roundtrip.test/account',
            at: 1100,
            cookie: `sid=${sid}`,
            setCookie: ['user=alice; Path=/']
          }
        ])
      )
    )
    const { code, stdout } = await inspect(p)
    expect(code).toBe(0)
    expect(stdout).toContain('Connections (none)')
    expect(stdout).toContain(`sid=${sid} (roundtrip.test)`)
    expect(stdout).toContain(
      'issued by entry 0, sent back in 2 requests (1, 2), still alive at the end of the capture.'
    )
    expect(stdout).toContain('was not replaced by its response')
    expect(stdout).toContain('is not HttpOnly')
    expect(stdout).toContain('Personal data in a cookie')
  })

  it('exits 2 with the line and column of broken JSON', async () => {
    const p = file('broken.har', '{\n  "log": {\n    "entries": [,]\n  }\n}')
    const { code, stdout, stderr } = await inspect(p)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain("not valid JSON: unexpected ',' at line 3, column 17")
  })

  it('exits 2 for JSON that is not HAR, a missing file, and no file at all', async () => {
    const notHar = await inspect(file('package.json', '{"name": "x", "version": "1.0.0"}'), '--json')
    expect(notHar.code).toBe(2)
    expect(notHar.stderr).toContain('This is JSON but not a HAR file: it has no "log" object')
    const missing = await inspect(join(dir, 'nope.har'))
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('there is no file at')
    const none = await inspect()
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('name the HAR file to inspect')
  })

  it('prints its help with --help', async () => {
    const { code, stdout } = await inspect('--help')
    expect(code).toBe(0)
    expect(stdout).toContain('Usage: npx roundtrip inspect FILE.har [--json]')
  })
})
