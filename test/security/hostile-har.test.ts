// Hostile HARs at the door (src/shared/har/sanitize.ts, reached through parseHar): every field
// Roundtrip reads, with every wrong type; times of 1e308 and NaN; 10 MB strings; nesting past
// 10,000 levels. Each file is read with warnings or refused with a sentence, and whatever is read
// makes a model the rest of Roundtrip can use: times that format, messages that are text, and a
// capture that can be exported, stringified and analysed again without throwing.
import { describe, expect, it } from 'vitest'
import * as v from 'valibot'
import { analyzeCapture } from '../../src/shared/analysis'
import { formatReport } from '../../src/shared/i18n/report-text'
import { exportHar } from '../../src/shared/har/export'
import { parseHar, readHarData } from '../../src/shared/har/read'
import * as s from '../../src/shared/har/har-schemas'
import { LIMITS } from '../../src/shared/har/sanitize'
import { importCapture } from '../../src/shared/har/to-capture'
import type { CaptureSnapshot } from '../../src/shared/model'
import { TEN_MB, baseHar, deepHarText, hostileVariants, worstHarText } from '../helpers/hostile-har'

/** What the UI relies on in a capture: checked with the same schemas the door uses. */
function expectUsableModel(snap: CaptureSnapshot): void {
  for (const e of snap.exchanges) {
    expect(v.is(s.epochMs, e.startedAt), `startedAt ${e.startedAt}`).toBe(true)
    expect(() => new Date(e.startedAt).toISOString()).not.toThrow()
    expect(v.is(s.offsets, e.timings), `timings ${JSON.stringify(e.timings)}`).toBe(true)
    if (e.error) expect(v.is(s.exchangeError, e.error), `error ${typeof e.error.message}`).toBe(true)
    expect(['pending', 'complete', 'error']).toContain(e.state)
    for (const [name, value] of [...e.requestHeaders, ...(e.responseHeaders ?? [])]) {
      expect(typeof name).toBe('string')
      expect(typeof value).toBe('string')
    }
    expect(typeof e.id).toBe('string')
    expect(typeof e.clientConnectionId).toBe('string')
    expect(Number.isFinite(e.sequence)).toBe(true)
  }
  for (const c of snap.connections) expect(v.is(s.connection, c)).toBe(true)
  for (const t of snap.tunnels) expect(v.is(s.tunnel, t)).toBe(true)
  for (const ev of snap.sessionEvents) expect(v.is(s.sessionEvent, ev)).toBe(true)
}

/** Reads a file the way every door does; returns the warnings, or the refusal. */
function throughTheDoor(text: string): { warnings: string[] } | { error: string } {
  const parsed = parseHar(text)
  if (!parsed.ok) return { error: parsed.error }
  const snap = importCapture(parsed.har)
  expectUsableModel(snap)
  const again = JSON.stringify(exportHar(snap))
  expect(parseHar(again).ok).toBe(true)
  const report = analyzeCapture(snap)
  expect(typeof formatReport(report, snap.exchanges, 'x.har', parsed.warnings)).toBe('string')
  expect(() => JSON.stringify(report)).not.toThrow()
  return { warnings: parsed.warnings }
}

describe('hostile HAR: every field Roundtrip reads, with every wrong type', () => {
  const variants = [...hostileVariants()]
  const byField = new Map<string, { name: string; text: string }[]>()
  for (const v of variants) {
    const field = v.name.split(' = ')[0]!
    byField.set(field, [...(byField.get(field) ?? []), v])
  }
  let warned = 0

  // One test per field (each with every wrong value), so a slow machine never runs one long test.
  for (const [field, list] of byField) {
    it(`${field}: every wrong value is read with warnings or refused, into a usable model`, () => {
      for (const { name, text } of list) {
        let outcome: ReturnType<typeof throughTheDoor> | undefined
        try {
          outcome = throughTheDoor(text)
        } catch (err) {
          throw new Error(`${name}: ${(err as Error).stack ?? String(err)}`)
        }
        if ('error' in outcome) expect(outcome.error, name).toMatch(/\.$|\)$/)
        else if (outcome.warnings.length > 0) warned++
      }
    })
  }

  it(`covers over 500 variants, most of them reported (a few wrong values are still valid, e.g. -1 for a timing)`, () => {
    expect(variants.length).toBeGreaterThan(500)
    expect(warned).toBeGreaterThan(variants.length / 2)
  })

  it('names the field and the value in the warning', () => {
    const har = baseHar()
    ;(har.log.entries[0] as unknown as Record<string, unknown>)._startedAt = 1e308
    const parsed = parseHar(JSON.stringify(har))
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.warnings.join('\n')).toMatch(/`_startedAt` was 1e\+308.*ignored \(entry 0\)/)
  })

  it('keeps the other fields of an entry when one is wrong', () => {
    const har = baseHar()
    const entry = har.log.entries[0] as unknown as Record<string, unknown>
    entry._error = { kind: 'proxy-error', message: { not: 'text' } }
    const parsed = parseHar(JSON.stringify(har))
    if (!parsed.ok) throw new Error(parsed.error)
    const snap = importCapture(parsed.har)
    expect(snap.exchanges[0]!.error).toBeUndefined()
    expect(snap.exchanges[0]!.id).toBe(entry._id)
    expect(snap.exchanges).toHaveLength(har.log.entries.length)
  })
})

describe('hostile HAR: times', () => {
  for (const [label, value] of [
    ['1e308', 1e308],
    ['"NaN"', 'NaN'],
    ['-1e308', -1e308]
  ] as const) {
    it(`_startedAt, _offsets, session and connection times of ${label} give times that format`, () => {
      const har = baseHar()
      const e = har.log.entries[0] as unknown as Record<string, unknown>
      e._startedAt = value
      e._offsets = { responseEnd: value }
      e.timings = { send: value, wait: value, receive: value }
      const data = har.log._roundtrip as Record<string, Record<string, unknown>[]>
      data.sessionEvents![0]!.at = value
      data.connections![0]!.openedAt = value
      const out = throughTheDoor(JSON.stringify(har))
      expect('warnings' in out && out.warnings.length).toBeGreaterThan(0)
    })
  }

  it('a startedDateTime past the year 9999 is read as no date, with a warning', () => {
    const har = baseHar()
    har.log.entries[0]!.startedDateTime = '+275760-09-13T00:00:00.000Z'
    delete (har.log.entries[0] as unknown as Record<string, unknown>)._offsets
    const out = throughTheDoor(JSON.stringify(har))
    expect('warnings' in out && out.warnings.join(' ')).toMatch(/startedDateTime/)
  })
})

describe('hostile HAR: size and depth', () => {
  it('nesting past 10,000 levels in an unknown field is dropped with a warning', () => {
    for (const depth of [6_000, 12_000, 100_000]) {
      const out = throughTheDoor(deepHarText(depth))
      expect('warnings' in out && out.warnings.join(' ')).toMatch(/nested more than 64 levels/)
    }
  })

  it('nesting in a known field and in the log is dropped too', () => {
    for (const field of ['_error', '_offsets', 'timings', 'cache', 'request']) {
      const out = throughTheDoor(deepHarText(20_000, field))
      if ('warnings' in out) expect(out.warnings.length).toBeGreaterThan(0)
      else expect(out.error).toMatch(/\.$/)
    }
  })

  it('a 10 MB header value is cut to the string bound, with a warning; a 10 MB body is kept', () => {
    const har = baseHar()
    har.log.entries[0]!.request.headers[0]!.value = TEN_MB
    har.log.entries[1]!.response.content.text = TEN_MB
    har.log.entries[1]!.response.content.encoding = undefined
    const parsed = parseHar(JSON.stringify(har))
    if (!parsed.ok) throw new Error(parsed.error)
    expect(parsed.har.log.entries[0]!.request.headers[0]!.value).toHaveLength(LIMITS.string)
    expect(parsed.har.log.entries[1]!.response.content.text).toHaveLength(TEN_MB.length)
    expect(parsed.warnings.join(' ')).toMatch(/cut to that length \(log\.entries\[0\]/)
  })

  it('the worst file, everything at once, is read with warnings', () => {
    const out = throughTheDoor(worstHarText())
    expect('warnings' in out).toBe(true)
    if ('warnings' in out) expect(out.warnings.length).toBeGreaterThanOrEqual(5)
  })

  it('an already-parsed HAR (a replay body) goes through the same checks, never stringified', () => {
    const har = JSON.parse(worstHarText()) as unknown
    const r = readHarData(har)
    expect(r.ok).toBe(true)
    if (r.ok) expectUsableModel(importCapture(r.har))
  })
})
