import { describe, expect, it } from 'vitest'
import { jarAtExchange, pathMatches } from '../../../src/renderer/src/model/jar'
import { exchange, loginCapture, withHeaders } from '../factories'

describe('jar at an exchange', () => {
  const { exchanges } = loginCapture()

  it('holds what earlier responses set, and records what this one changed', () => {
    const at2 = jarAtExchange(exchanges, 'e2')!
    expect(at2.before.map((c) => `${c.name}=${c.value}`)).toEqual(['sid=anon111111111111'])
    expect(at2.expected).toMatchObject([{ cookie: { name: 'sid' }, sent: true }])
    expect(at2.changes).toMatchObject([{ kind: 'changed', cookie: { value: 'user222222222222' } }])
    const at4 = jarAtExchange(exchanges, 'e4')!
    expect(at4.changes).toMatchObject([{ kind: 'removed', cookie: { name: 'sid' } }])
    expect(at4.after).toEqual([])
  })

  it('flags cookies sent that the jar never held', () => {
    expect(jarAtExchange(exchanges, 'e3')?.unexpected).toEqual([{ name: 'theme', value: 'dark' }])
  })

  it('gives the reason a held cookie was not sent', () => {
    const ordered = [
      exchange(1, withHeaders([], [['Set-Cookie', 'admin=1; Path=/admin']])),
      exchange(2, { url: 'http://roundtrip.test/other' })
    ]
    const result = jarAtExchange(ordered, 'e2')!
    expect(result.expected).toMatchObject([
      {
        cookie: { name: 'admin' },
        sent: false,
        reason: { kind: 'path', path: '/other', cookiePath: '/admin' }
      }
    ])
  })

  it('matches paths the RFC 6265 way', () => {
    expect(pathMatches('/admin/x', '/admin')).toBe(true)
    expect(pathMatches('/administrator', '/admin')).toBe(false)
    expect(pathMatches('/a/b', '/a/')).toBe(true)
  })
})
