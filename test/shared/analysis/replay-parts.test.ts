// What the replay reads of each exchange, with what it keeps between entries: a Cookie header's reading
// (one per header text, shared between rows) and the ISO time's second (one per second). Each would give
// another entry's answer if it were kept by the wrong key.
import { describe, expect, it } from 'vitest'
import { isoTime, responseSetCookies, sentHeader } from '../../../src/shared/analysis/replay-parts'
import { setCookieLines } from '../../../src/shared/http'
import { replayCookies } from '../../../src/shared/analysis/replay'
import { exchange } from '../../helpers/capture-factory'

const withCookie = (...values: string[]): ReturnType<typeof exchange> =>
  exchange({ requestHeaders: [['Host', 'h.test'], ...values.map((v) => ['Cookie', v] as [string, string])] })

describe('sentHeader', () => {
  it('reads each Cookie header text once, and another text anew', () => {
    const a = sentHeader(withCookie('a=1;  b=2'))
    expect(a).toEqual({
      sent: [
        { name: 'a', value: '1' },
        { name: 'b', value: '2' }
      ],
      text: 'a=1; b=2',
      fields: 1
    })
    expect(sentHeader(withCookie('a=1;  b=2'))).toBe(a)
    expect(sentHeader(withCookie('a=1; b=3')).sent).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: '3' }
    ])
  })

  it('joins several cookie fields, and falls back on the tool cookie list without a header', () => {
    expect(sentHeader(withCookie('a=1', 'b=2'))).toEqual({
      sent: [
        { name: 'a', value: '1' },
        { name: 'b', value: '2' }
      ],
      text: 'a=1; b=2',
      fields: 2
    })
    const listed = exchange({ cookieLists: { sent: [{ name: 'c', value: '3' }] } })
    expect(sentHeader(listed)).toEqual({ sent: [{ name: 'c', value: '3' }], text: 'c=3', fields: 0 })
    expect(sentHeader(exchange())).toEqual({ sent: [], text: '', fields: 0 })
  })

  it('gives rows with the same header the same cookies as read, each with its own expectations', () => {
    const first = withCookie('sid=1')
    const second = { ...withCookie('sid=1'), startedAt: first.startedAt + 1000 }
    const rows = replayCookies([first, second]).requests
    expect(rows[1]?.sent).toBe(rows[0]?.sent)
    expect(rows.map((r) => r.adopted)).toEqual([['sid'], []])
    expect(rows.map((r) => r.expectedCookie)).toEqual(['sid=1', 'sid=1'])
  })
})

describe('what rows share', () => {
  it('is frozen, so code that would change one row (and so every row holding it) fails at once', () => {
    const first = withCookie('sid=1')
    const second = { ...withCookie('sid=1'), startedAt: first.startedAt + 1000 }
    const [a, b] = replayCookies([first, second]).requests
    expect(b?.sent).toBe(a?.sent)
    const shared: [string, unknown[] | undefined][] = [
      ['sent', b?.sent],
      ['differences', b?.differences],
      ['adopted', b?.adopted],
      ['expired', b?.expired],
      ['setCookies', b?.setCookies]
    ]
    for (const [field, list] of shared) {
      expect(list, field).toBeDefined()
      expect(() => list?.push(undefined), `push to the second row's ${field}`).toThrow(TypeError)
    }
    const cookie = b?.sent[0] as { value: string }
    expect(() => (cookie.value = '2'), 'a shared sent cookie changed').toThrow(TypeError)
    expect(a?.sent).toEqual([{ name: 'sid', value: '1' }])
  })
})

describe('isoTime', () => {
  it('writes what toISOString writes, across seconds, days and the edges of the fast way', () => {
    const base = Date.UTC(2026, 0, 1, 23, 59, 59)
    const times = [0, 1, 999, 1000, 1001, base, base + 7, base + 999, base + 1000, base + 86_399_999]
    for (let i = 0; i < 500; i++) times.push(base + i * 37, base - i * 1013)
    times.push(253402300799999, 253402300800000, 8.64e15)
    for (const t of times) expect(isoTime(t), String(t)).toBe(new Date(t).toISOString())
  })

  it('reads other times as a Date does, and says nothing for a time a Date cannot hold', () => {
    for (const t of [-1, -1500.5, 1500.7, 1767225600000.25]) {
      expect(isoTime(t), String(t)).toBe(new Date(t).toISOString())
    }
    expect(isoTime(NaN)).toBe('')
    expect(isoTime(8.64e15 + 1)).toBe('')
    expect(isoTime(Infinity)).toBe('')
  })
})

describe('responseSetCookies', () => {
  it('gives the lines setCookieLines gives, for one field or several, folded or not, in any case', () => {
    const cases: [string, string][][] = [
      [],
      [['Content-Type', 'text/html']],
      [['Set-Cookie', 'a=1; Path=/']],
      [['set-cookie', '  a=1  ']],
      [['SET-COOKIE', 'a=1']],
      [
        ['Keep-Alive', 'timeout=5'],
        ['Set-Cookie', ' ']
      ],
      [['Set-Cookie', 'a=1, b=2']],
      [['Set-Cookie', 'a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT']],
      [['Set-Cookie', 'a=1\nb=2']],
      [
        ['Set-Cookie', 'a=1'],
        ['Content-Length', '0'],
        ['set-Cookie', 'b=2']
      ]
    ]
    for (const headers of cases) {
      expect(responseSetCookies(exchange({ responseHeaders: headers })), JSON.stringify(headers)).toEqual(
        setCookieLines(headers)
      )
    }
    expect(responseSetCookies(exchange({ responseHeaders: [['Set-Cookie', 'a=1, b=2']] }))).toEqual([
      'a=1',
      'b=2'
    ])
  })

  it("falls back on the tool's cookie list when the headers have none", () => {
    const listed = exchange({ responseHeaders: [], cookieLists: { set: ['c=3; Path=/'] } })
    expect(responseSetCookies(listed)).toEqual(['c=3; Path=/'])
    expect(responseSetCookies(exchange({ responseHeaders: undefined }))).toEqual([])
  })
})
