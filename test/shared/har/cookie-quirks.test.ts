// The reader's cookie-list check (src/shared/har/cookie-quirks.ts): the in-place proof that a list says
// what its headers say must never hide a disagreement, nor invent one where the full comparison (name=value
// lines, in order or sorted) finds none.
import { describe, expect, it } from 'vitest'
import { parseHar } from '../../../src/shared/har/read'
import { harOf } from '../../helpers/har-factory'

type Cookie = { name: unknown; value?: unknown } | unknown

/** The warnings of a one-entry HAR with these headers and cookie lists. */
function warningsOf(spec: {
  cookie?: string[]
  sent?: Cookie[]
  setCookie?: string[]
  set?: Cookie[]
}): string {
  const har = harOf([
    {
      url: 'http://a.test/',
      at: 0,
      setCookie: spec.setCookie,
      headers: (spec.cookie ?? []).map((v) => ['Cookie', v])
    }
  ])
  const entry = har.log.entries[0]!
  entry.request.cookies = (spec.sent ?? []) as never
  entry.response.cookies = (spec.set ?? []) as never
  const parsed = parseHar(JSON.stringify(har))
  if (!parsed.ok) throw new Error(parsed.error)
  return parsed.warnings.join('\n')
}

const REQUEST = /request\.cookies disagrees with the Cookie header/
const RESPONSE = /response\.cookies disagrees with the Set-Cookie headers/

describe('request.cookies against the Cookie header', () => {
  it('is quiet when the list says what the header says, in order or not, spaced or not', () => {
    const sent = [
      { name: 'sid', value: 's1' },
      { name: 'theme', value: 'dark' }
    ]
    expect(warningsOf({ cookie: ['sid=s1; theme=dark'], sent })).not.toMatch(REQUEST)
    expect(warningsOf({ cookie: ['  sid = s1 ;theme=dark;'], sent })).not.toMatch(REQUEST)
    expect(warningsOf({ cookie: ['theme=dark; sid=s1'], sent })).not.toMatch(REQUEST)
    // HTTP/2's several `cookie` fields read as one header.
    expect(warningsOf({ cookie: ['sid=s1', 'theme=dark'], sent })).not.toMatch(REQUEST)
    // Unicode spaces are trimmed the way String.prototype.trim does.
    expect(warningsOf({ cookie: ['sid=s1;\u00a0theme=dark\u00a0'], sent })).not.toMatch(REQUEST)
  })

  it('warns when a value, a name or a cookie differs', () => {
    const sent = [{ name: 'sid', value: 's1' }]
    expect(warningsOf({ cookie: ['sid=s2'], sent })).toMatch(REQUEST)
    expect(warningsOf({ cookie: ['sad=s1'], sent })).toMatch(REQUEST)
    expect(warningsOf({ cookie: ['sid=s1; more=1'], sent })).toMatch(REQUEST)
    expect(warningsOf({ cookie: ['sid=s1'], sent: [...sent, { name: 'x', value: '1' }] })).toMatch(REQUEST)
    expect(warningsOf({ cookie: ['sid=s1;\u00a0x=1'], sent })).toMatch(REQUEST)
  })

  it('compares name=value lines: a name with "=" in the list matches the header it would write', () => {
    expect(warningsOf({ cookie: ['a=b=c'], sent: [{ name: 'a=b', value: 'c' }] })).not.toMatch(REQUEST)
    expect(warningsOf({ cookie: ['flag'], sent: [{ name: '', value: 'flag' }] })).not.toMatch(REQUEST)
  })

  it('skips what is not a cookie object in the list, and says nothing when either side is empty', () => {
    const sent = [null, 'x', { name: 'sid', value: 's1' }, [1]]
    expect(warningsOf({ cookie: ['sid=s1'], sent })).not.toMatch(REQUEST)
    expect(warningsOf({ cookie: ['sid=s2'], sent })).toMatch(REQUEST)
    expect(warningsOf({ sent })).not.toMatch(REQUEST)
    expect(warningsOf({ cookie: [' ; '], sent })).not.toMatch(REQUEST)
    expect(warningsOf({ cookie: ['sid=s1'], sent: [] })).not.toMatch(REQUEST)
  })
})

describe('response.cookies against the Set-Cookie headers', () => {
  const set = [
    { name: 'sid', value: 's1' },
    { name: 'theme', value: 'dark' }
  ]

  it('is quiet when the list names the lines, in order or not', () => {
    const lines = ['sid=s1; Path=/; HttpOnly', ' theme = dark ']
    expect(warningsOf({ setCookie: lines, set })).not.toMatch(RESPONSE)
    expect(warningsOf({ setCookie: [...lines].reverse(), set })).not.toMatch(RESPONSE)
  })

  it('warns when a line is missing, differs or has no pair', () => {
    expect(warningsOf({ setCookie: ['sid=s1; Path=/'], set })).toMatch(RESPONSE)
    expect(warningsOf({ setCookie: ['sid=s1', 'theme=light'], set })).toMatch(RESPONSE)
    expect(warningsOf({ setCookie: ['; Path=/', 'theme=dark'], set })).toMatch(RESPONSE)
  })

  it('reads folded lines one by one, and notes each folded header', () => {
    const folded = 'sid=s1; Expires=Wed, 21 Oct 2026 07:28:00 GMT, theme=dark'
    const text = warningsOf({
      setCookie: [folded, 'a=1\nb=2'],
      set: [...set, { name: 'a', value: '1' }, { name: 'b', value: '2' }]
    })
    expect(text).not.toMatch(RESPONSE)
    expect(text).toMatch(/^Entries 0, 0: a Set-Cookie header held several cookies folded/m)
    expect(warningsOf({ setCookie: [folded], set: [set[0]] })).toMatch(RESPONSE)
  })
})
