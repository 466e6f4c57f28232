// @vitest-environment jsdom
// Every analysis code has English and Korean words, and the Korean UI shows no English sentence: each code
// walked through the Korean renderer, and the cookie, jar and Set-Cookie panels rendered in Korean from
// the analysis of a real folded-header file.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { analyzeCapture, say, words, type Code, type Explanation } from '../../../src/shared/analysis'
import { parseHar } from '../../../src/shared/har/read'
import { importCapture } from '../../../src/shared/har/to-capture'
import { SetCookieList } from '../../../src/renderer/src/components/CookieViews'
import { JarPanel } from '../../../src/renderer/src/components/JarPanel'

afterEach(cleanup)

const codes = Object.keys(words.en) as Code[]

/** Parameters every code can read (each code reads the ones it needs). */
const params = {
  entry: 3,
  ms: 120,
  old: 'x1',
  held: 'x2',
  sameSite: 'lax',
  value: 'x1',
  at: Date.UTC(2027, 0, 2, 3, 4, 5),
  in: 3_600_000,
  domain: 'a.test',
  host: 'b.test',
  path: '/a',
  requestPath: '/b',
  ago: 60_000,
  reason: { code: 'reject.noHost' },
  name: 'sid',
  lifetime: 3e10,
  lives: 600_000,
  rotated: true,
  cleared: true,
  httpOnly: true,
  echoed: true,
  issuedBy: 1,
  sent: [1, 2],
  ending: { code: 'ending.replaced', entry: 4, atLogin: true },
  detail: { code: 'personal.email', name: 'sid' },
  cookie: 'sid',
  entries: [1, 2],
  count: 2,
  origin: 'http://a.test:80',
  n: 2,
  field: 'port',
  why: { code: 'connwhy.ambiguous', entry: 1, count: 2, origin: 'http://a.test:80' },
  message: '-',
  secure: true,
  atLogin: true,
  atLogout: true
}

/**
 * Words that stay as they are in Korean text: attribute and header names, browser and standard names,
 * units. Anything else made of three Latin words in a row is an English sentence.
 */
const TECHNICAL =
  /Max-Age|SameSite=\w+|SameSite|HttpOnly|Secure|Domain|Path|Expires|Partitioned|__Host-|__Secure-|CHIPS|RFC \d+|document\.cookie|fetch|credentials|"omit"|timings\.connect|connect|User-Agent|Set-Cookie|Cookie|https?|Chrome|Edge|Firefox|Safari|base64|ID|UTC|host-only|http:\/\/\S+|[a-z]+\.test|Roundtrip|HAR/g
const ENGLISH_SENTENCE = /[A-Za-z]{2,}(?:[\s,]+[A-Za-z]{2,}){2,}/

function englishIn(text: string): string | undefined {
  return ENGLISH_SENTENCE.exec(text.replace(TECHNICAL, '·'))?.[0]
}

describe('analysis words', () => {
  it('has Korean words for every English code and no Korean code without English', () => {
    expect(Object.keys(words.ko).sort()).toEqual([...codes].sort())
    for (const code of codes) expect(['function', 'string'], code).toContain(typeof words.ko[code])
  })

  it.each(codes)('%s: Korean words, without an English sentence', (code) => {
    const e = { code, ...params } as Explanation
    const ko = say('ko', e)
    const en = say('en', e)
    expect(ko.length, code).toBeGreaterThan(0)
    expect(ko).not.toBe(en)
    expect(englishIn(ko), `${code}: ${ko}`).toBeUndefined()
  })
})

function capture(name: string) {
  const fixture = join(import.meta.dirname, '..', '..', 'fixtures', 'har', name)
  const r = parseHar(readFileSync(fixture, 'utf8'))
  if (!r.ok) throw new Error(r.error)
  return importCapture(r.har)
}

describe('the cookie panels in Korean', () => {
  it('lists every folded Set-Cookie line on its own, in Korean words', () => {
    const snap = capture('mitmproxy-folded-set-cookie.har')
    const { container } = render(<SetCookieList exchange={snap.exchanges[0]!} lang="ko" />)
    const items = container.querySelectorAll('li.set-cookie')
    expect([...items].map((li) => li.querySelector('.cookie-name')?.textContent)).toEqual([
      'sid',
      'theme',
      'tracker_id'
    ])
    const text = container.textContent ?? ''
    expect(text).toContain('HttpOnly: 페이지 스크립트가 읽을 수 없습니다.')
    expect(englishIn(text), text).toBeUndefined()
  })

  it('says every difference and rejection in Korean in the jar panel', () => {
    const snap = capture('cookies-list-disagrees.har')
    // A request that sends what the jar never held, and one that withholds what it held.
    const report = analyzeCapture({
      ...snap,
      exchanges: [
        ...snap.exchanges,
        {
          ...snap.exchanges[1]!,
          id: 'e9',
          startedAt: snap.exchanges[1]!.startedAt + 60_000,
          requestHeaders: [['Cookie', 'stray=1']]
        }
      ]
    })
    const row = report.requests[2]!
    // `stray` was first seen here (already in the browser); sessid and lang were held but not carried.
    expect(row.adopted).toEqual(['stray'])
    expect(row.differences.map((d) => [d.cookie, d.explain.code])).toEqual([
      ['sessid', 'withheld.credentials'],
      ['lang', 'withheld.credentials']
    ])
    const { container } = render(<JarPanel request={row} lang="ko" />)
    const text = container.textContent ?? ''
    expect(text).toContain('쿠키 저장소')
    expect(englishIn(text), text).toBeUndefined()
  })
})
