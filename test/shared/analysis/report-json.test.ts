// inspect --json's writer: its pieces, joined, are exactly what JSON.stringify of each row would say (rows
// without `expected`/`sent`, `jarAfter` only when it changed), for real HAR files and a capture whose
// cookies do everything (expire, clear, race, get rejected, differ from what was sent).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyzeHar, type InspectReport } from '../../../src/shared/analysis'
import { reportJsonChunks } from '../../../src/shared/analysis/report-json'
import { parseHar } from '../../../src/shared/har/read'
import { BASE_TIME, harOf, type ExchangeSpec } from '../../helpers/har-factory'

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'har')

/** The writer's contract, spelled with JSON.stringify and copies of each row. */
function plainJson(head: Record<string, unknown>, report: InspectReport): string {
  const top: Record<string, unknown> = { ...head, ...report }
  delete top.requests
  let out = '{\n'
  for (const [k, v] of Object.entries(top))
    if (v !== undefined) out += `  ${JSON.stringify(k)}: ${JSON.stringify(v)},\n`
  out += '  "requests": ['
  let previous: unknown
  report.requests.forEach((r, i) => {
    const { expected: _e, sent: _s, jarAfter, ...rest } = r
    const row = jarAfter === previous ? rest : { ...rest, jarAfter }
    previous = jarAfter
    out += `${i ? ',' : ''}\n    ${JSON.stringify(row)}`
  })
  return `${out}${report.requests.length ? '\n  ' : ''}]\n}\n`
}

function analyse(text: string): InspectReport {
  const r = parseHar(text)
  if (!r.ok) throw new Error(r.error)
  return analyzeHar(r.har)
}

/** Entries whose cookies do a bit of everything, from a fixed seed. */
function busyHar(n: number): string {
  let seed = 7
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
  const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)] as T
  const held: Record<string, string> = {}
  const specs: ExchangeSpec[] = []
  for (let i = 0; i < n; i++) {
    const at = i * 400 + Math.floor(rnd() * 900)
    const headers: [string, string][] = [['User-Agent', pick(['A', 'A', 'curl'])]]
    const site = pick([undefined, 'same-origin', 'cross-site'])
    if (site) headers.push(['Sec-Fetch-Site', site])
    const sent = Object.entries(held)
      .filter(() => rnd() < 0.8)
      .map(([k, v]) => `${k}=${rnd() < 0.1 ? 'stale' : v}`)
    if (rnd() < 0.1) sent.push(`${pick(['sid', 'pref'])}=own${i % 5}`)
    const setCookie: string[] = []
    for (let k = rnd() < 0.4 ? 1 + Math.floor(rnd() * 2) : 0; k > 0; k--) {
      const name = pick(['sid', 'theme', '__Host-t', 'uid', 'cart'])
      const value = `v${Math.floor(rnd() * 20)}`
      let line = `${name}=${value}`
      const r = rnd()
      if (r < 0.2) line += `; Max-Age=${pick([0, 1, 60, 86400])}`
      else if (r < 0.35)
        line += `; Expires=${new Date(BASE_TIME + at + pick([-1000, 2000, 86400000])).toUTCString()}`
      if (rnd() < 0.5) line += `; Path=${pick(['/', '/account'])}`
      if (rnd() < 0.2) line += `; Domain=${pick(['a.test', 'b.test', 'com'])}`
      if (rnd() < 0.4) line += '; Secure'
      if (rnd() < 0.5) line += '; HttpOnly'
      if (rnd() < 0.4) line += `; SameSite=${pick(['Lax', 'Strict', 'None'])}`
      setCookie.push(line)
      if (rnd() < 0.7) held[name] = value
    }
    specs.push({
      at,
      method: pick(['GET', 'POST']),
      url: `${pick(['https://www.a.test', 'http://a.test', 'https://b.test'])}${pick(['/', '/login', '/logout', '/account/x'])}?i=${i}`,
      headers,
      cookie: sent.join('; '),
      setCookie,
      time: 10 + Math.floor(rnd() * 600)
    })
  }
  return JSON.stringify(harOf(specs, 'test'))
}

const joined = (head: Record<string, unknown>, report: InspectReport): string =>
  [...reportJsonChunks(head, report)].join('')

describe('inspect --json text', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.har'))
  it.each(files)('%s: the same text as JSON.stringify of each row', (file) => {
    const report = analyse(readFileSync(join(DIR, file), 'utf8'))
    const head = { file, cutShort: false, readWarnings: ['one'] }
    expect(joined(head, report)).toBe(plainJson(head, report))
  })

  it('a capture whose cookies expire, clear, race, get rejected and differ: the same text', () => {
    const report = analyse(busyHar(600))
    // The capture does what it is meant to, or the comparison proves little.
    const kinds = new Set(report.requests.flatMap((r) => r.differences.map((d) => d.kind)))
    expect([...kinds].sort()).toEqual(['unexpected', 'value', 'withheld'])
    expect(report.rejected.length).toBeGreaterThan(0)
    expect(report.requests.some((r) => r.expired.length > 0)).toBe(true)
    expect(report.requests.some((r) => r.setCookies.some((s) => s.cleared))).toBe(true)
    const head = { file: 'busy.har', cutShort: false, readWarnings: [] }
    const text = joined(head, report)
    expect(text).toBe(plainJson(head, report))
    expect(JSON.parse(text).requests).toHaveLength(600)
  })
})
