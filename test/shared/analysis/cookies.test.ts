// Cookie and Set-Cookie parsing with every attribute, and the plain-words explanations the UI shows.
import { describe, expect, it } from 'vitest'
import {
  humanDuration,
  isClearing,
  parseCookieHeader,
  parseSetCookie
} from '../../../src/shared/analysis/cookies'

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0)
const texts = (line: string): Record<string, string> =>
  Object.fromEntries(parseSetCookie(line, NOW).explanations.map((e) => [e.attribute, e.text]))

describe('parseSetCookie', () => {
  it('reads every attribute and keeps every = in the value', () => {
    const p = parseSetCookie(
      '__Host-sid=a=b==; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=31536000; Partitioned; Priority=High',
      NOW
    )
    expect(p).toMatchObject({
      ok: true,
      name: '__Host-sid',
      value: 'a=b==',
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'strict',
      maxAge: 31536000,
      partitioned: true,
      prefix: '__Host-',
      extensions: ['Priority=High']
    })
    expect(p.domain).toBeUndefined()
  })

  it('explains each attribute in plain words, with concrete dates', () => {
    const t = texts('theme=dark; Path=/; Max-Age=31536000; SameSite=Lax')
    expect(t['Max-Age']).toBe(
      'expires in 1 year, on Fri, 15 Jan 2027 12:00:00 GMT (Max-Age=31536000 seconds).'
    )
    expect(t.Domain).toBe('no Domain: sent only to the exact host that set it (host-only).')
    expect(t.HttpOnly).toBe('not HttpOnly: page scripts (document.cookie) can read and change it.')
    expect(t.SameSite).toMatch(/^SameSite=Lax: /)
    expect(texts('sid=1; HttpOnly').HttpOnly).toBe('HttpOnly: page scripts cannot read it.')
    expect(texts('sid=1').lifetime).toMatch(/session cookie/)
    expect(texts('x=1; SameSite=None').SameSite).toBe(
      'SameSite=None without Secure: browsers reject the cookie.'
    )
    expect(texts('x=1; SameSite=Sometimes').SameSite).toMatch(/not a value browsers know/)
    expect(texts('x=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT').Expires).toMatch(/^Expires is in the past/)
    expect(texts('__Secure-x=1; Secure')['__Secure-']).toMatch(/only accepted with Secure/)
    expect(texts('x=1; Partitioned; Secure').Partitioned).toMatch(/separate jar per top-level site/)
  })

  it('knows a deleting Set-Cookie and says when nothing can be read', () => {
    expect(isClearing(parseSetCookie('sid=; Max-Age=0'), NOW)).toBe(true)
    expect(isClearing(parseSetCookie('sid=; Expires=Thu, 01 Jan 1970 00:00:00 GMT'), NOW)).toBe(true)
    expect(isClearing(parseSetCookie('sid=x; Max-Age=60'), NOW)).toBe(false)
    const bad = parseSetCookie('; Path=/')
    expect(bad.ok).toBe(false)
    expect(bad.error).toMatch(/needs a name=value pair/)
  })
})

describe('parseCookieHeader and durations', () => {
  it('splits Cookie headers (several over HTTP/2) in order, values keeping =', () => {
    expect(parseCookieHeader(['a=1; b=x=y', 'c=3'])).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: 'x=y' },
      { name: 'c', value: '3' }
    ])
  })

  it('words durations', () => {
    expect(humanDuration(2 * 60_000)).toBe('2 minutes')
    expect(humanDuration(90_000)).toBe('2 minutes')
    expect(humanDuration(1000)).toBe('1 second')
    expect(humanDuration(400)).toBe('less than a second')
  })
})
