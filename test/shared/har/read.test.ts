// Lenient HAR reading: every real tool's quirks read, and a clear sentence for what is not HAR.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findJsonError } from '../../../src/shared/har/json-error'
import { parseHar } from '../../../src/shared/har/read'
import { harOf } from '../../helpers/har-factory'

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'har')
const fixture = (name: string): string => readFileSync(join(dir, name), 'utf8')

function read(text: string): ReturnType<typeof parseHar> & { ok: true } {
  const r = parseHar(text)
  if (!r.ok) throw new Error(`expected HAR, got: ${r.error}`)
  return r
}

function error(text: string): string {
  const r = parseHar(text)
  if (r.ok) throw new Error('expected an error')
  return r.error
}

describe('parseHar on real files', () => {
  const counts: Record<string, number> = {
    'charles-4.6.3_mitmproxy.org.har': 1,
    'chrome-devtools_run.sitespeed.io.har': 10,
    'chrome-devtools_with-bom.har': 1,
    'firefox-111_mitmproxy.org.har': 14,
    'mitmproxy-savehar_websocket.har': 3,
    'playwright-recordhar_redirect.har': 3,
    'mitmproxy-folded-set-cookie.har': 2,
    'chrome-h2-newline-set-cookie.har': 2,
    'cookies-list-disagrees.har': 2,
    'no-zone-times.har': 3
  }

  it('reads every fixture with its real number of entries', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.har'))
    expect(files.sort()).toEqual(Object.keys(counts).sort())
    for (const f of files) expect(read(fixture(f)).har.log.entries, f).toHaveLength(counts[f] as number)
  })

  it('strips a UTF-8 byte-order mark', () => {
    const text = fixture('chrome-devtools_with-bom.har')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(read(text).har.log.entries[0]?.request.method).toBe('POST')
  })

  it("reads Charles's redirectURL: null as an empty string, with a warning", () => {
    const r = read(fixture('charles-4.6.3_mitmproxy.org.har'))
    expect(r.har.log.entries[0]?.response.redirectURL).toBe('')
    expect(r.warnings).toEqual(['Entry 0: redirectURL was null; read as "".'])
  })

  it("keeps Firefox's cache objects, h3 and empty versions, and Chrome's 'unknown' version as written", () => {
    const ff = read(fixture('firefox-111_mitmproxy.org.har')).har.log.entries
    expect(ff[0]?.request.httpVersion).toBe('HTTP/3')
    expect(ff[1]?.request.httpVersion).toBe('')
    expect(ff[0]?.cache).toMatchObject({ afterRequest: { expires: '4294967295' } })
    const chrome = read(fixture('chrome-devtools_run.sitespeed.io.har')).har.log.entries
    expect(chrome[0]?.request.httpVersion).toBe('unknown')
  })

  it('fills in a missing response and notes status -1', () => {
    const har = harOf([
      { url: 'http://a.test/', at: 0, noResponse: true },
      { url: 'http://a.test/x', at: 1, status: -1 },
      { url: 'http://a.test/y', at: 2, extra: { _custom: { kept: true } } }
    ])
    const r = read(JSON.stringify(har))
    expect(r.har.log.entries[0]?.response).toMatchObject({ status: 0, headers: [], cookies: [] })
    expect(r.har.log.entries[2]).toMatchObject({ _custom: { kept: true } })
    expect(r.warnings).toEqual([
      'Entry 0: no response was recorded (the request failed or was cancelled).',
      'Entry 1: no response status (0 or -1: the request failed, was blocked or was cancelled).'
    ])
  })
})

describe('parseHar on what is not HAR', () => {
  it('says where broken JSON breaks, by line and column', () => {
    const text = '{\n  "log": {\n    "entries": [,]\n  }\n}'
    expect(error(text)).toBe(
      "The file is not valid JSON: unexpected ',' at line 3, column 17. Fix that spot or export the HAR again."
    )
  })

  it('says a file that stops mid-way was cut short, with the position', () => {
    const full = JSON.stringify(harOf([{ url: 'http://a.test/', at: 0 }]), null, 2)
    const cut = full.slice(0, full.indexOf('"response"'))
    const lines = cut.split('\n')
    const msg = error(cut)
    expect(msg).toContain('not complete JSON')
    expect(msg).toContain(`line ${lines.length}, column ${(lines.at(-1) as string).length + 1}`)
    expect(msg).toContain('cut short')
  })

  it('names what is missing from JSON that is not HAR', () => {
    expect(error('[1, 2]')).toBe(
      'This is JSON but not a HAR file: the top level is a list, not an object with a "log".'
    )
    expect(error('{"name": "x", "version": 2}')).toBe(
      'This is JSON but not a HAR file: it has no "log" object (its top-level fields are "name", "version").'
    )
    expect(error('{"log": {"version": "1.2"}}')).toBe(
      'This is JSON but not a HAR file: its "log" has no "entries" list.'
    )
    expect(error('{"log": {"entries": [{"response": {}}]}}')).toMatch(
      /^Entry 0 of log.entries has no request with a URL/
    )
    expect(error('  \n')).toMatch(/^The file is empty/)
  })
})

describe('findJsonError', () => {
  it.each([
    ['{"a": tru}', 6, "unexpected 't'"],
    ['{"a" 1}', 5, "expected ':' after a property name but found '1'"],
    ['{"a": 1,}', 8, "expected a property name in double quotes but found '}'"],
    ['[1 2]', 3, "expected ',' or ']' but found '2'"],
    ['{"a": "x\ny"}', 8, 'a string contains a raw control character or line break'],
    ['{"a": 1} x', 9, "unexpected 'x' after the end of the JSON"],
    ['{"a": [1, {"b": "\\q"}]}', 17, "'\\q' is not a JSON escape"]
  ])('%j -> offset %i', (text, offset, problem) => {
    expect(() => JSON.parse(text)).toThrow()
    expect(findJsonError(text)).toEqual({ offset, problem })
  })

  it('finds nothing wrong in valid JSON, however deep', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000)
    expect(findJsonError(deep)).toBeUndefined()
    expect(findJsonError(fixture('playwright-recordhar_redirect.har'))).toBeUndefined()
  })
})
