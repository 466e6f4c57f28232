// The jar reads a simple URL's scheme, host and path off the string, without the URL parser
// (simpleFacts): for every URL it takes, the facts must be the parser's own (parsedFacts). Checked over the
// fixtures' URLs, hand-made edge cases of the parser, and random URLs from an alphabet of the troublesome
// characters.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parsedFacts, simpleFacts, toughUrl, urlFacts } from '../../../src/shared/analysis/jar-helpers'
import { prng } from '../../../bench/lib/prng.js'

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'har')
const fixtureUrls = readdirSync(dir)
  .filter((f) => f.endsWith('.har'))
  .flatMap((f) => {
    const har = JSON.parse(readFileSync(join(dir, f), 'utf8').replace(/^\uFEFF/, '')) as {
      log: { entries: { request: { url: string } }[] }
    }
    return har.log.entries.map((e) => e.request.url)
  })

const edges = [
  'http://roundtrip.test/page/1?q=1',
  'https://www.example.com/a/b/c.html#top',
  'ws://chat.test:8080/socket',
  'wss://chat.test:443',
  'http://a.test?x=1',
  'http://a.test',
  'http://a.test/',
  'http://a.test:65535/',
  'http://a.test:65536/',
  'http://a.test:0/',
  'http://a.test:080/x',
  'http://xn--a.test/',
  'http://xn--bcher-kva.test/',
  'http://a-.test/',
  'http://-a.test/',
  'http://ab--c.test/',
  'http://a.0x1/',
  'http://a.b1/',
  'http://1.2.3.4/',
  'http://a.1/',
  'http://a.test./x',
  'http://A.test/',
  'HTTP://a.test/',
  'http://a.test/./x',
  'http://a.test/x/..',
  'http://a.test/x/../y',
  'http://a.test/.x/..y/...',
  'http://a.test/%7e/%zz',
  'http://a.test/a b',
  'http://a.test/^x',
  'http://a.test/a|b',
  'http://a.test/{x}',
  'http://a.test/x\\y',
  'http://a.test/\tx',
  ' http://a.test/',
  'http://a.test/x?\ty',
  'http://user:pw@a.test/',
  "http://a.test/x;y=1,z=(2)*$!~'@:",
  'http://a..test/',
  'http:///a.test/',
  'ftp://a.test/',
  'http://[::1]/x',
  'http://localhost:3000/api'
]

function randomUrls(n: number): string[] {
  const next = prng(7)
  const pick = (s: string): string => s[Math.floor(next() * s.length)] as string
  const hostChars = 'ab0x9-.A'
  const pathChars = 'aZ09/.-_~%2e!$&()*+,;=:@?#^`{}|\\ \t'
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    let host = ''
    for (let k = 1 + Math.floor(next() * 8); k > 0; k--) host += pick(hostChars)
    let path = ''
    for (let k = Math.floor(next() * 10); k > 0; k--) path += pick(pathChars)
    const port = next() < 0.2 ? `:${Math.floor(next() * 70000)}` : ''
    out.push(`${pick('hw') === 'h' ? 'http' : 'wss'}://${host}${port}/${path}`)
  }
  return out
}

describe('simpleFacts', () => {
  it('reads every URL it takes exactly as the URL parser does', () => {
    let taken = 0
    for (const url of [...fixtureUrls, ...edges, ...randomUrls(20_000)]) {
      const simple = simpleFacts(url)
      if (simple === undefined) continue
      taken++
      expect(simple, url).toEqual(parsedFacts(url))
    }
    expect(taken).toBeGreaterThan(1000)
  })

  it('takes the common URLs, and leaves the parser what it changes or refuses', () => {
    for (const url of fixtureUrls.filter((u) => /^https?:\/\/[a-z.]+\/[a-z/]*$/.test(u))) {
      expect(simpleFacts(url), url).toBeDefined()
    }
    expect(simpleFacts('http://roundtrip.test/page/1?q=1')).toEqual({
      href: 'http://roundtrip.test/page/1?q=1',
      parsed: true,
      host: 'roundtrip.test',
      where: 'http://roundtrip.test',
      path: '/page/1'
    })
    for (const url of [
      'http://xn--a.test/',
      'http://a.test:65536/',
      'http://a.0x1/',
      'http://a.test/x/../y'
    ]) {
      expect(simpleFacts(url), url).toBeUndefined()
    }
  })

  it('hands tough-cookie the parsed URL, or the string of one that does not parse', () => {
    const good = toughUrl(urlFacts('http://roundtrip.test/page/2?q=2'))
    expect(good).toBeInstanceOf(URL)
    expect((good as URL).href).toBe('http://roundtrip.test/page/2?q=2')
    expect(toughUrl(urlFacts('http://[bad/'))).toBe('http://[bad/')
  })
})
