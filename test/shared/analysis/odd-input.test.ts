// Captured traffic is untrusted and tools write odd things: the analysis never throws on them.
import { describe, expect, it } from 'vitest'
import { analyzeHar } from '../../../src/shared/analysis'
import { formatReport } from '../../../src/shared/i18n/report-text'
import { importCapture } from '../../../src/shared/har/to-capture'
import { parseHar } from '../../../src/shared/har/read'
import { harEntry, harOf } from '../../helpers/har-factory'

describe('odd input', () => {
  it('analyses URLs that are not http, broken cookie headers and junk Set-Cookie lines', () => {
    const har = harOf([
      { url: 'data:image/png;base64,AAAA', at: 0, cookie: 'a=1' },
      { url: 'about:blank', at: 1, setCookie: ['x=1'] },
      { url: 'not a url', at: 2, cookie: '=;;; =x; lone', setCookie: ['', ';;;', '=v', 'u=1'] },
      { url: 'http://[::1]:8080/p', at: 3, cookie: 'v6=1', setCookie: ['six=6; Path=/'] },
      { url: 'http://shop.com/', at: 3.5, setCookie: ['ok=1; Domain=.com'] },
      { url: 'ws://a.test/socket', at: 4, setCookie: ['w=1; Max-Age=abc; Expires=soon'] },
      { url: 'http://a.test/\u001b[31mred', at: 5, cookie: 'w=1; esc=\u001b[2J', setCookie: ['z=\u0007bell'] }
    ])
    const text = JSON.stringify(har)
    const parsed = parseHar(text)
    if (!parsed.ok) throw new Error(parsed.error)
    const r = analyzeHar(parsed.har)
    expect(r.requests).toHaveLength(7)
    expect(r.rejected.find((x) => x.line === 'u=1')?.reason).toBe(
      "this entry's URL has no http(s) host, so a browser stores no cookie from it."
    )
    expect(r.rejected.find((x) => x.line === 'x=1')?.index).toBe(1)
    expect(r.rejected.find((x) => x.line === 'ok=1; Domain=.com')?.reason).toContain('public suffix')
    expect(r.requests[3]?.jarAfter.map((c) => c.name)).toContain('six')
    expect(r.requests[6]?.expectedCookie).toContain('w=1')
    const out = formatReport(r, importCapture(parsed.har).exchanges, 'odd.har')
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/)
  })

  it('reads cookies from request.cookies and response.cookies when a tool left the headers out', () => {
    const first = harEntry({ url: 'https://a.test/', at: 0 })
    first.response.cookies = [
      { name: 'sid', value: 'Q7mZ2xR9vB4nK8sL1wE5tY3u', path: '/', httpOnly: true, secure: true },
      { name: 'theme', value: 'dark', expires: '2030-01-01T00:00:00.000Z' }
    ]
    const second = harEntry({ url: 'https://a.test/x', at: 1000 })
    second.request.cookies = [
      { name: 'sid', value: 'Q7mZ2xR9vB4nK8sL1wE5tY3u' },
      { name: 'theme', value: 'dark' }
    ]
    const r = analyzeHar({
      log: { version: '1.2', creator: { name: 't', version: '1' }, entries: [first, second] }
    })
    expect(r.requests[0]?.setCookies.map((s) => s.parsed.line)).toEqual([
      'sid=Q7mZ2xR9vB4nK8sL1wE5tY3u; Path=/; Secure; HttpOnly',
      'theme=dark; Expires=Tue, 01 Jan 2030 00:00:00 GMT'
    ])
    expect(r.requests[1]).toMatchObject({
      sentCookie: 'sid=Q7mZ2xR9vB4nK8sL1wE5tY3u; theme=dark',
      expectedCookie: 'sid=Q7mZ2xR9vB4nK8sL1wE5tY3u; theme=dark',
      differences: []
    })
  })
})

describe('a long capture as text', () => {
  it('writes a report whose jar section has more lines than a call can take arguments', () => {
    const parsed = parseHar(
      JSON.stringify(harOf([{ url: 'http://a.test/', at: 0, cookie: 'a=1', setCookie: ['b=2'] }]))
    )
    if (!parsed.ok) throw new Error(parsed.error)
    const exchanges = importCapture(parsed.har).exchanges
    const r = analyzeHar(parsed.har)
    const row = r.requests[0]!
    // Each row of this one prints several lines: 60,000 rows are well past the stack's argument limit.
    const requests = Array.from({ length: 60_000 }, (_, index) => ({ ...row, index }))
    const out = formatReport({ ...r, requests }, exchanges, 'long.har')
    expect(out).toContain('#59999 GET')
  })
})
