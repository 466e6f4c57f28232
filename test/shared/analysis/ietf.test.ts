// The IETF http-state cookie parser cases and the cookie-date cases (copied from tough-cookie with their
// license into test/fixtures/cookies), run through Roundtrip's own jar and date parsing.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCookieDate } from '../../../src/shared/analysis/cookies'
import { BrowserJar } from '../../../src/shared/analysis/jar'

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'cookies')
const load = <T>(name: string): T => JSON.parse(readFileSync(join(dir, name), 'utf8')) as T

interface ParserCase {
  test: string
  received: string[]
  'sent-to'?: string
  sent: { name: string; value: string }[]
}
interface DateCase {
  test: string
  expected: string | null
}

const parserCases = load<ParserCase[]>('parser.json')
const dateCases = [...load<DateCase[]>('dates/examples.json'), ...load<DateCase[]>('dates/bsd-examples.json')]

describe('IETF http-state parser cases through the jar', () => {
  it('has all 222 cases', () => {
    expect(parserCases).toHaveLength(222)
  })

  it.each(parserCases.map((c) => [c.test, c] as const))('case %s', (_name, c) => {
    const jar = new BrowserJar()
    const now = Date.now()
    const from = `http://home.example.org/cookie-parser?${c.test}`
    const to = c['sent-to']
      ? new URL(c['sent-to'], 'http://home.example.org/cookie-parser').href
      : `http://home.example.org/cookie-parser-result?${c.test}`
    c.received.forEach((line, i) => jar.receive(line, from, now, 'unknown', i))
    const sent = jar.matching(to, now, 'unknown', c.received.length).send
    expect(sent.map((s) => ({ name: s.name, value: s.value }))).toEqual(c.sent)
  })
})

describe('cookie dates', () => {
  it('has all 70 cases', () => {
    expect(dateCases).toHaveLength(70)
  })

  it.each(dateCases.map((c) => [c.test, c] as const))('date %j', (_name, c) => {
    const d = parseCookieDate(c.test)
    if (c.expected === null) expect(d).toBeUndefined()
    else expect(d?.toUTCString()).toBe(c.expected)
  })
})
