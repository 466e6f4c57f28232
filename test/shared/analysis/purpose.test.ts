// What each cookie is for, decided by name conventions first and behaviour second.
import { describe, expect, it } from 'vitest'
import { analyzeHar } from '../../../src/shared/analysis'
import { classifyCookie, looksRandom, personalData } from '../../../src/shared/analysis/purpose'
import { harOf } from '../../helpers/har-factory'

const YEAR = 31536000
const purposes = (r: ReturnType<typeof analyzeHar>): Record<string, string> =>
  Object.fromEntries(r.cookies.map((c) => [`${c.name}@${c.domain}`, c.purpose]))

describe('cookie purpose', () => {
  it('a theme is a preference, the tracker uid is tracking, and neither is a session ID', () => {
    const r = analyzeHar(
      harOf([
        {
          url: 'https://roundtrip.test/theme?name=dark',
          at: 0,
          setCookie: [`theme=dark; Path=/; Max-Age=${YEAR}; SameSite=Lax`]
        },
        {
          url: 'https://tracker.test/pixel.gif',
          at: 100,
          setCookie: [
            `uid=0b7f6a52-93c4-4d1e-8f0a-5c2e9d7b1a36; Path=/; Max-Age=${YEAR}; SameSite=None; Secure`
          ]
        },
        { url: 'https://roundtrip.test/', at: 200, cookie: 'theme=dark' },
        { url: 'https://tracker.test/pixel.gif', at: 300, cookie: 'uid=0b7f6a52-93c4-4d1e-8f0a-5c2e9d7b1a36' }
      ])
    )
    expect(purposes(r)).toEqual({ 'theme@roundtrip.test': 'preference', 'uid@tracker.test': 'tracking' })
    expect(r.sessions).toEqual([])
    const uid = r.cookies.find((c) => c.name === 'uid')
    expect(uid?.reason).toContain('recognise a visitor')
    expect(uid?.lifetime).toBe('1 year')
    expect(uid?.attributes.map((a) => a.attribute)).toEqual([
      'Max-Age',
      'Domain',
      'Path',
      'Secure',
      'HttpOnly',
      'SameSite'
    ])
  })

  it('behaviour decides for unknown names: rotated at login is a session ID, a long-lived random id is tracking', () => {
    const r = analyzeHar(
      harOf([
        {
          url: 'http://a.test/',
          at: 0,
          setCookie: [
            'tok=Q7mZ2xR9vB4nK8sL1wE5tY3u; Path=/; HttpOnly',
            `zq=f3a9c81e7b2d4605a1c9e8f7b6d5c4a3; Max-Age=${YEAR}`
          ]
        },
        {
          url: 'http://a.test/signin',
          method: 'POST',
          at: 100,
          cookie: 'tok=Q7mZ2xR9vB4nK8sL1wE5tY3u',
          setCookie: ['tok=H4kP8wN2cV6bX1zM9qR3tY7u; Path=/; HttpOnly']
        },
        { url: 'http://a.test/', at: 200, setCookie: ['mode=compact; Path=/', 'flag=42; Path=/'] }
      ])
    )
    expect(purposes(r)).toEqual({
      'tok@a.test': 'session-id',
      'zq@a.test': 'tracking',
      'mode@a.test': 'preference',
      'flag@a.test': 'other'
    })
    expect(r.cookies.find((c) => c.name === 'tok')?.reason).toContain('replaced at login')
    expect(r.sessions.map((s) => s.end)).toEqual(['replaced', null])
  })

  it('recognises session names behind prefixes and in framework spellings', () => {
    const base = {
      values: ['x'],
      issuedByServer: true,
      httpOnly: true,
      rotatedAtLogin: false,
      clearedAtLogout: false,
      echoed: 0
    }
    for (const name of [
      'sid',
      '__Host-sid',
      'JSESSIONID',
      'PHPSESSID',
      'connect.sid',
      'ASP.NET_SessionId',
      '_myapp_session',
      'laravel_session'
    ]) {
      expect(classifyCookie({ ...base, name }).purpose, name).toBe('session-id')
    }
    expect(looksRandom('0b7f6a52-93c4-4d1e-8f0a-5c2e9d7b1a36')).toBe(true)
    expect(looksRandom('dark')).toBe(false)
  })

  it('flags personal data in a cookie', () => {
    expect(personalData('user', 'alice')).toEqual({ code: 'personal.plain', name: 'user', value: 'alice' })
    expect(personalData('prefs', 'mail%3Dbob%40example.com')).toEqual({
      code: 'personal.email',
      name: 'prefs'
    })
    expect(personalData('sid', 'Q7mZ2xR9vB4nK8sL1wE5tY3u')).toBeUndefined()
    const r = analyzeHar(
      harOf([{ url: 'http://a.test/naive/login', method: 'POST', at: 0, setCookie: ['user=alice; Path=/'] }])
    )
    expect(r.warnings.filter((w) => w.kind === 'personal-data').map((w) => w.cookie)).toEqual(['user'])
  })
})
