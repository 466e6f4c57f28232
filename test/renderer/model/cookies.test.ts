import { describe, expect, it } from 'vitest'
import {
  cookieExpiry,
  explainSetCookie,
  parseCookieHeader,
  parseSetCookie
} from '../../../src/renderer/src/model/cookies'

const at = Date.UTC(2026, 0, 1)

describe('cookie parsing', () => {
  it('splits a Cookie header into pairs, keeping = inside values', () => {
    expect(parseCookieHeader('sid=abc; theme=dark; t=a=b')).toEqual([
      { name: 'sid', value: 'abc' },
      { name: 'theme', value: 'dark' },
      { name: 't', value: 'a=b' }
    ])
    expect(parseCookieHeader(undefined)).toEqual([])
  })

  it('reads every Set-Cookie attribute', () => {
    const c = parseSetCookie(
      'sid=xyz; Path=/; Domain=.Example.com; Max-Age=60; Secure; HttpOnly; SameSite=Strict; Partitioned'
    )
    expect(c).toMatchObject({
      name: 'sid',
      value: 'xyz',
      path: '/',
      domain: 'example.com',
      maxAge: 60,
      secure: true,
      httpOnly: true,
      sameSite: 'Strict',
      partitioned: true
    })
    expect(c?.attributes.map((a) => a.name)).toEqual([
      'Path',
      'Domain',
      'Max-Age',
      'Secure',
      'HttpOnly',
      'SameSite',
      'Partitioned'
    ])
  })

  it('works out when a cookie ends', () => {
    expect(cookieExpiry(parseSetCookie('a=1; Max-Age=0')!, at)).toBe('deleted')
    expect(cookieExpiry(parseSetCookie('a=1; Max-Age=10')!, at)).toBe(at + 10_000)
    expect(cookieExpiry(parseSetCookie('a=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT')!, at)).toBe('deleted')
    expect(cookieExpiry(parseSetCookie('a=1')!, at)).toBe('session')
  })
})

describe('explanations', () => {
  it('says what each attribute does in plain words', () => {
    const c = parseSetCookie('pref=1; Expires=Fri, 01 Jan 2027 00:00:00 GMT; HttpOnly; SameSite=Lax; Bogus')!
    const text = explainSetCookie(c, at, 'en').map((e) => e.text)
    expect(text).toContain('HttpOnly: page scripts cannot read it (document.cookie does not show it).')
    expect(text.find((s) => s.startsWith('Expires'))).toMatch(
      /Expires Fri, 01 Jan 2027 00:00:00 GMT \(in 1 year|next year\)/
    )
    expect(text).toContain('Bogus: not an attribute browsers know; ignored.')
    expect(text).toContain('No Domain: sent only to exactly this host.')
    expect(text.some((s) => s.startsWith('SameSite=Lax'))).toBe(true)
  })

  it('explains a session cookie and a deletion, in Korean too', () => {
    expect(explainSetCookie(parseSetCookie('a=1')!, at, 'en').map((e) => e.text)).toContain(
      'No Expires or Max-Age: a session cookie, gone when the browser closes.'
    )
    const ko = explainSetCookie(parseSetCookie('a=; Max-Age=0')!, at, 'ko').map((e) => e.text)
    expect(ko[0]).toBe('Max-Age 0: 쿠키를 즉시 삭제합니다.')
  })
})
