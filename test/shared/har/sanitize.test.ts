// The door's checks run beside the reader, one entry at a time (src/shared/har/sanitize.ts HarChecks):
// every bound still holds in every entry, and the warnings read as if the whole file had been bounded
// first (the last entry's first, as the walk goes), then the log checked, then each entry.
import { describe, expect, it } from 'vitest'
import { parseHar } from '../../../src/shared/har/read'
import { LIMITS } from '../../../src/shared/har/sanitize'
import { baseHar } from '../../helpers/hostile-har'

type Loose = Record<string, unknown>
const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth)

function readText(text: string): { har: Loose; warnings: string[] } {
  const parsed = parseHar(text)
  if (!parsed.ok) throw new Error(parsed.error)
  return { har: parsed.har as unknown as Loose, warnings: parsed.warnings }
}

describe('the checks, entry by entry', () => {
  it('drops nesting past the bound in every entry and in the log, named in the order of a whole-file walk', () => {
    const har = baseHar()
    const entries = har.log.entries as unknown as Loose[]
    entries[1]!._deep = '__DEEP__'
    entries[3]!._deep = '__DEEP__'
    har.log._deep = '__DEEP__'
    const { har: read, warnings } = readText(JSON.stringify(har).replaceAll('"__DEEP__"', nested(200)))
    const deep = warnings.find((w) => w.startsWith('A field nested more than 64 levels deep was dropped'))
    expect(deep).toBe(
      'A field nested more than 64 levels deep was dropped (log._deep[0], log.entries[3], log.entries[1]).'
    )
    const kept = (read.log as { entries: Loose[] }).entries
    // What is left of each nest is within the bound: 64 levels below the top of the file, no deeper.
    let depth = 0
    for (let x: unknown = kept[1]!._deep; Array.isArray(x) && x.length > 0; x = x[0]) depth++
    expect(depth).toBe(LIMITS.depth - 4)
  })

  it('cuts a long string, drops extra field names and checks fields in the same entry, each with its warning', () => {
    const har = baseHar()
    const entry = har.log.entries[2] as unknown as Loose
    ;(entry.request as { headers: { value: string }[] }).headers[0]!.value = 'x'.repeat(LIMITS.string + 1)
    entry[`_${'k'.repeat(LIMITS.key)}`] = 1
    entry._startedAt = 1e308
    const { har: read, warnings } = readText(JSON.stringify(har))
    const e = (read.log as { entries: Loose[] }).entries[2]!
    expect((e.request as { headers: { value: string }[] }).headers[0]!.value).toHaveLength(LIMITS.string)
    expect(Object.keys(e).some((k) => k.length > LIMITS.key)).toBe(false)
    expect(e._startedAt).toBeUndefined()
    expect(warnings.slice(0, 3)).toEqual([
      'An object with too many or too long field names lost the extra ones (log.entries[2]).',
      `A text longer than ${LIMITS.string.toLocaleString('en')} characters was cut to that length (log.entries[2]).`,
      '`_startedAt` was 1e+308, which is not valid there; it was ignored (entry 2).'
    ])
  })

  it('bounds an entry with more field names than the bound allows', () => {
    const har = baseHar()
    const entry = har.log.entries[0] as unknown as Loose
    for (let k = 0; k < LIMITS.keys + 5; k++) entry[`_f${k}`] = k
    const { har: read, warnings } = readText(JSON.stringify(har))
    expect(Object.keys((read.log as { entries: Loose[] }).entries[0]!).length).toBeLessThanOrEqual(
      LIMITS.keys
    )
    expect(warnings.join('\n')).toMatch(/lost the extra ones \(log\.entries\[0\], .*\(23 in all\)\)/)
  })

  it('still refuses an entry that is a list, however deep it is nested', () => {
    const har = baseHar()
    ;(har.log.entries as unknown[])[1] = '__DEEP__'
    const parsed = parseHar(JSON.stringify(har).replace('"__DEEP__"', nested(100_000)))
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error).toMatch(/^Entry 1 of log\.entries is not an object/)
  })
})
