// Each reason the Cookie header a browser would send differs from the one a capture shows.
import { describe, expect, it } from 'vitest'
import { analyzeHar } from '../../../src/shared/analysis'
import { harOf, MINUTE } from '../../helpers/har-factory'

describe('expected Cookie header and differences', () => {
  it('a Secure cookie is not expected over plain http', () => {
    const r = analyzeHar(
      harOf([
        { url: 'https://shop.test/', at: 0, setCookie: ['pref=1; Secure; Path=/'] },
        { url: 'http://shop.test/', at: 1000, cookie: 'pref=1' },
        { url: 'https://shop.test/cart', at: 2000, cookie: 'pref=1' }
      ])
    )
    expect(r.requests[1]).toMatchObject({ expectedCookie: '', sentCookie: 'pref=1' })
    expect(r.requests[1]?.differences).toEqual([
      {
        cookie: 'pref',
        kind: 'unexpected',
        reason: 'set with Secure, but this request is plain http.',
        explain: { code: 'unexpected.secure' }
      }
    ])
    expect(r.requests[2]).toMatchObject({ expectedCookie: 'pref=1', differences: [] })
  })

  it('SameSite=None without Secure is rejected, and a request that carries it anyway is explained', () => {
    const r = analyzeHar(
      harOf([
        { url: 'http://a.test/', at: 0, setCookie: ['x=1; SameSite=None', 'y=2'] },
        { url: 'http://a.test/', at: 1000, cookie: 'y=2; x=1' }
      ])
    )
    expect(r.rejected).toHaveLength(1)
    expect(r.rejected[0]).toMatchObject({ index: 0, cookie: 'x' })
    expect(r.rejected[0]?.reason).toContain('SameSite=None without Secure was rejected')
    expect(r.requests[1]?.expectedCookie).toBe('y=2')
    expect(r.requests[1]?.differences[0]?.reason).toMatch(
      /its Set-Cookie in entry 0 was rejected: SameSite=None without Secure/
    )
    expect(r.warnings.some((w) => w.kind === 'set-cookie-rejected' && w.cookie === 'x')).toBe(true)
  })

  it('a race only while the setting response was still arriving; otherwise another client or a cleared jar', () => {
    const mozilla: [string, string] = ['User-Agent', 'Mozilla/5.0']
    const slow = { timings: { send: 1, wait: 50, receive: 900 } }
    const r = analyzeHar(
      harOf([
        // Headers (and sid) at 51 ms, the last byte at 951 ms.
        {
          url: 'http://a.test/login',
          at: 0,
          setCookie: ['sid=new; Path=/'],
          headers: [mozilla],
          extra: slow
        },
        // Started at 300 ms, while that response was still arriving: the browser race.
        { url: 'http://a.test/favicon.ico', at: 300, headers: [mozilla] },
        // Seconds after it ended, the same browser sends none of its cookies: a cleared jar, no race.
        { url: 'http://a.test/page', at: 5000, headers: [mozilla] },
        // Another client (another User-Agent) has a jar of its own.
        { url: 'http://a.test/api', at: 5100, headers: [['User-Agent', 'curl/8.5.0']] },
        { url: 'http://a.test/theme', at: 6000, setCookie: ['theme=dark; Path=/'], cookie: 'sid=new' },
        {
          url: 'http://a.test/theme',
          at: 6500,
          setCookie: ['theme=light; Path=/'],
          cookie: 'sid=new',
          extra: slow
        },
        { url: 'http://a.test/img', at: 6700, cookie: 'sid=new; theme=dark' },
        // After that response ended, the old value is no race either.
        { url: 'http://a.test/img2', at: 9000, cookie: 'sid=new; theme=dark' }
      ])
    )
    const codes = (i: number) => r.requests[i]?.differences.map((d) => [d.cookie, d.explain.code])
    expect(r.requests[1]?.differences).toEqual([
      {
        cookie: 'sid',
        kind: 'withheld',
        reason: expect.stringMatching(
          /^the response of entry 0 set it only 249 ms before this request arrived, while that response was still arriving: the browser most likely built this request without it/
        ),
        explain: { code: 'race.withheld', entry: 0, ms: 249 }
      }
    ])
    expect(codes(2)).toEqual([['sid', 'withheld.clearedJar']])
    expect(r.requests[2]?.differences[0]?.reason).not.toMatch(/before this request arrived/)
    expect(codes(3)).toEqual([['sid', 'withheld.otherClient']])
    expect(r.requests[6]?.differences).toEqual([
      {
        cookie: 'theme',
        kind: 'value',
        reason: expect.stringMatching(
          /^the response of entry 5 set it only \d+ ms before .* with the old value "dark" before it had processed/
        ),
        explain: expect.objectContaining({ code: 'race.value', entry: 5, old: 'dark' })
      }
    ])
    expect(codes(7)).toEqual([['theme', 'value.changed']])
  })

  it('a cookie past its Max-Age expired N minutes before the request', () => {
    const r = analyzeHar(
      harOf([
        { url: 'http://a.test/', at: 0, setCookie: ['tmp=1; Max-Age=60'] },
        { url: 'http://a.test/', at: 30_000, cookie: 'tmp=1' },
        { url: 'http://a.test/', at: 3 * MINUTE, cookie: 'tmp=1' }
      ])
    )
    expect(r.requests[1]).toMatchObject({ expectedCookie: 'tmp=1', differences: [] })
    expect(r.requests[2]?.expectedCookie).toBe('')
    expect(r.requests[2]?.expired.map((c) => c.name)).toEqual(['tmp'])
    expect(r.requests[2]?.differences[0]?.reason).toMatch(/^expired 2 minutes earlier, at /)
  })

  it('path and domain mismatches are named', () => {
    const r = analyzeHar(
      harOf([
        { url: 'http://a.test/admin/login', at: 0, setCookie: ['adm=1; Path=/admin', 'h=1'] },
        { url: 'http://www.a.test/', at: 10, setCookie: ['d=1; Domain=www.a.test'] },
        { url: 'http://a.test/account', at: 1000, cookie: 'adm=1' },
        { url: 'http://www.a.test/', at: 2000, cookie: 'h=1' },
        { url: 'http://api.a.test/', at: 3000, cookie: 'd=1' }
      ])
    )
    expect(r.requests[2]?.differences[0]?.reason).toBe('path /admin does not match /account.')
    expect(r.requests[3]?.differences.find((d) => d.cookie === 'h')?.reason).toBe(
      'set for the host a.test only (no Domain attribute), so www.a.test does not get it.'
    )
    expect(r.requests[4]?.differences).toEqual([
      {
        cookie: 'd',
        kind: 'unexpected',
        reason: 'domain www.a.test does not match api.a.test.',
        explain: { code: 'unexpected.domain', domain: 'www.a.test', host: 'api.a.test' }
      }
    ])
    expect(r.requests[3]?.differences.find((d) => d.cookie === 'd')?.kind).toBe('withheld')
  })

  it('a deleted cookie names the response that deleted it; a withheld one says the jar held it', () => {
    const r = analyzeHar(
      harOf([
        { url: 'http://a.test/', at: 0, setCookie: ['k=1', 'w=2'] },
        { url: 'http://a.test/bye', at: 1000, setCookie: ['k=; Max-Age=0'] },
        { url: 'http://a.test/', at: 2000, cookie: 'k=1' }
      ])
    )
    const diffs = r.requests[2]?.differences ?? []
    expect(diffs.find((d) => d.cookie === 'k')?.reason).toMatch(/^deleted by the response of entry 1/)
    expect(diffs.find((d) => d.cookie === 'w')).toMatchObject({ kind: 'withheld' })
    expect(diffs.find((d) => d.cookie === 'w')?.reason).toMatch(/^the jar held it \(set by entry 0\)/)
    expect(r.requests[1]?.jarAfter.map((c) => c.name)).toEqual(['w'])
  })

  it('orders cookies as RFC 6265 says (longer paths first, then older) and keeps every = in values', () => {
    const r = analyzeHar(
      harOf([
        { url: 'http://a.test/', at: 0, setCookie: ['a=1; Path=/'] },
        { url: 'http://a.test/docs/', at: 10, setCookie: ['b=x=y==; Path=/docs'] },
        { url: 'http://a.test/', at: 20, setCookie: ['c=3; Path=/'] },
        { url: 'http://a.test/docs/page', at: 30, cookie: 'b=x=y==; a=1; c=3' }
      ])
    )
    expect(r.requests[3]).toMatchObject({
      expectedCookie: 'b=x=y==; a=1; c=3',
      differences: [],
      orderDiffers: false
    })
    expect(r.requests[3]?.jarAfter).toHaveLength(3)
  })

  it('SameSite=Strict is withheld from a request the browser marked cross-site', () => {
    const r = analyzeHar(
      harOf([
        { url: 'http://a.test/', at: 0, setCookie: ['s=1; SameSite=Strict', 'n=2'] },
        {
          url: 'http://a.test/pixel',
          at: 1000,
          cookie: 's=1; n=2',
          headers: [
            ['Sec-Fetch-Site', 'cross-site'],
            ['Sec-Fetch-Mode', 'no-cors']
          ]
        },
        { url: 'http://a.test/', at: 2000, cookie: 's=1; n=2' }
      ])
    )
    expect(r.requests[1]?.siteContext).toBe('cross-site')
    expect(r.requests[1]?.expectedCookie).toBe('n=2')
    expect(r.requests[1]?.differences[0]?.reason).toBe(
      'set with SameSite=Strict, and this request came from another site.'
    )
    expect(r.requests[2]).toMatchObject({
      siteContext: 'unknown',
      expectedCookie: 's=1; n=2',
      differences: []
    })
  })

  it('cookies first seen in a request were in the browser before the capture', () => {
    const r = analyzeHar(
      harOf([
        { url: 'http://a.test/', at: 0, cookie: 'old=1' },
        { url: 'http://a.test/x', at: 10, cookie: 'old=2' },
        { url: 'http://a.test/y', at: 20, cookie: 'old=2' }
      ])
    )
    expect(r.requests[0]).toMatchObject({ adopted: ['old'], expectedCookie: 'old=1', differences: [] })
    expect(r.requests[1]?.differences[0]).toMatchObject({ cookie: 'old', kind: 'value' })
    expect(r.requests[2]).toMatchObject({ expectedCookie: 'old=2', differences: [] })
  })

  it('notes when the same cookies came in another order', () => {
    const r = analyzeHar(
      harOf([
        { url: 'http://a.test/', at: 0, setCookie: ['a=1', 'b=2'] },
        { url: 'http://a.test/', at: 10, cookie: 'b=2; a=1' }
      ])
    )
    expect(r.requests[1]).toMatchObject({ expectedCookie: 'a=1; b=2', differences: [], orderDiffers: true })
  })

  it('takes the top-level site from the page when the browser sent no Sec-Fetch-Site', () => {
    const har = harOf([
      {
        url: 'https://shop.test/',
        at: 0,
        setCookie: ['s=1; SameSite=Strict; Secure', 'l=2; SameSite=Lax; Secure']
      },
      { url: 'https://news.test/', at: 1000, extra: { pageref: 'p2', _resourceType: 'document' } },
      { url: 'https://shop.test/widget.js', at: 1100, cookie: 's=1; l=2', extra: { pageref: 'p2' } },
      { url: 'https://shop.test/', at: 2000, extra: { pageref: 'p3', _resourceType: 'document' } }
    ])
    har.log.pages = [
      { id: 'p2', title: 'News of the day', startedDateTime: '', pageTimings: {} },
      { id: 'p3', title: 'https://shop.test/', startedDateTime: '', pageTimings: {} }
    ]
    const r = analyzeHar(har)
    expect(r.requests.map((q) => [q.siteContext, q.topLevelSite])).toEqual([
      ['unknown', undefined],
      ['same-site', 'news.test'],
      ['cross-site', 'news.test'],
      ['same-site', 'shop.test']
    ])
    expect(r.requests[2]?.expectedCookie).toBe('')
    expect(r.requests[2]?.differences.map((d) => d.reason)).toEqual([
      'set with SameSite=Strict, and this request came from another site.',
      'set with SameSite=Lax, and this request came from another site.'
    ])
    expect(r.requests[3]?.expectedCookie).toBe('s=1; l=2')
  })

  it('warns once per withheld cookie, naming the entries', () => {
    const r = analyzeHar(
      harOf([
        // Seconds apart: well past the moment a request could have been built before the Set-Cookie.
        { url: 'http://a.test/', at: 0, setCookie: ['w=1'] },
        { url: 'http://a.test/1', at: 2000 },
        { url: 'http://a.test/2', at: 3000 },
        { url: 'http://a.test/3', at: 4000, cookie: 'w=1' }
      ])
    )
    const w = r.warnings.filter((x) => x.kind === 'cookie-withheld')
    expect(w).toHaveLength(1)
    expect(w[0]).toMatchObject({ cookie: 'w', entry: 1 })
    expect(w[0]?.message).toMatch(
      /^2 requests \(entries 1, 2\) did not carry "w"; the first time: the jar held it/
    )
  })
})
