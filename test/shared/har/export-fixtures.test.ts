// Every real HAR in test/fixtures/har (Chrome, Firefox, Charles, mitmproxy, Playwright) opens,
// turns into a capture, and is written again as HAR 1.2 that har-validator accepts, keeping its
// entries, headers, connection grouping and the tool's own custom fields.
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Entry, Har } from 'har-format'
import { describe, expect, it } from 'vitest'
import { exportHar } from '../../../src/shared/har/export'
import { parseHar } from '../../../src/shared/har/read'
import { splitSetCookie } from '../../../src/shared/http'
import { importCapture } from '../../../src/shared/har/to-capture'

type Validator = (har: unknown) => Promise<unknown>
const { har: validateHar } = createRequire(import.meta.url)('har-validator') as { har: Validator }

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'har')
const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.har'))

function open(file: string): Har {
  const parsed = parseHar(readFileSync(join(FIXTURES, file), 'utf8'))
  if (!parsed.ok) throw new Error(parsed.error)
  return parsed.har
}

function customKeys(entry: Entry): string[] {
  return Object.keys(entry)
    .filter((k) => k.startsWith('_'))
    .sort()
}

describe('real HAR files survive import -> export', () => {
  it('has the six fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(6)
  })

  for (const file of files) {
    it(file, async () => {
      const original = open(file)
      const capture = importCapture(original)
      expect(capture.exchanges).toHaveLength(original.log.entries.length)
      const again = exportHar(capture)
      await expect(validateHar(again)).resolves.toBeTruthy()
      const pairs = (e: Entry) => e.request.headers.map((h) => [h.name, h.value])
      again.log.entries.forEach((entry, i) => {
        const before = original.log.entries[i]!
        expect(entry.request.url).toBe(before.request.url)
        expect(entry.request.method).toBe(before.request.method)
        expect(entry.response.status).toBe(before.response.status)
        expect(pairs(entry)).toEqual(pairs(before))
        // Folded Set-Cookie values come back one header per cookie; everything else exactly.
        const unfolded = before.response.headers.flatMap((h) =>
          h.name.toLowerCase() === 'set-cookie'
            ? splitSetCookie(h.value).length > 1
              ? splitSetCookie(h.value).map((value) => ({ name: h.name, value }))
              : [h]
            : [h]
        )
        expect(entry.response.headers).toEqual(unfolded)
        expect(entry.connection).toBe(before.connection)
        expect(entry.request.cookies).toEqual(before.request.cookies)
        expect(customKeys(entry)).toEqual(customKeys(before))
        // The same instant; a time written without its zone (read as UTC) goes out with one.
        if (/Z|[+-]\d\d:?\d\d$/.test(before.startedDateTime))
          expect(entry.startedDateTime).toBe(before.startedDateTime)
        else
          expect(entry.startedDateTime).toBe(
            `${before.startedDateTime.replace(/(\d\d:\d\d:\d\d)$/, '$1.000')}Z`
          )
        expect(entry.timings).toEqual(before.timings)
      })
      // And a second round trip changes nothing more.
      const third = exportHar(importCapture(JSON.parse(JSON.stringify(again)) as Har))
      expect(JSON.stringify(third.log.entries)).toBe(JSON.stringify(again.log.entries))
    })
  }
})

describe('the model for the analysis alone (bodies and extras left out)', () => {
  it.each(files)('%s: the same exchanges, without bodies or what only saving needs', (file) => {
    const full = importCapture(open(file))
    const lean = importCapture(open(file), { bodies: false, extras: false })
    expect(lean.exchanges.some((x) => 'har' in x || 'responseBody' in x || 'requestBody' in x)).toBe(false)
    const strip = (x: Record<string, unknown>): Record<string, unknown> => {
      const { har: _h, responseBody: _r, requestBody: _q, ...rest } = x
      return rest
    }
    expect(lean.exchanges).toEqual(full.exchanges.map((x) => strip(x as unknown as Record<string, unknown>)))
    expect(full.exchanges.some((x) => 'har' in x)).toBe(true)
  })
})
