// The jar keeps tough-cookie's lookups while its store is unchanged and does not store a Set-Cookie line
// again that would store the very cookie it holds (src/shared/analysis/jar-memo.ts). Each case here would
// get a stale answer if either were kept too long or applied where tough-cookie's answer differs; the last
// one replays random traffic through the jar and through a plain tough-cookie jar and compares every step.
import { describe, expect, it } from 'vitest'
import { CookieJar, MemoryCookieStore, type Cookie } from 'tough-cookie'
import { BrowserJar, type SiteContext } from '../../../src/shared/analysis/jar'
import { prng } from '../../../bench/lib/prng.js'

const T0 = Date.UTC(2026, 0, 1)
const sent = (jar: BrowserJar, url: string, at = T0, ctx: SiteContext = 'unknown'): string[] =>
  jar.matching(url, at, ctx, 99).send.map((c) => `${c.name}=${c.value}@${c.domain}${c.path}`)

describe('lookups kept while the store is unchanged', () => {
  it('still finds a cookie expired between two requests of the same shape, and sends it no more', () => {
    const jar = new BrowserJar()
    jar.receive('a=1; Path=/; Max-Age=10', 'http://h.test/', T0, 'unknown', 0)
    expect(sent(jar, 'http://h.test/page/1', T0 + 5_000)).toEqual(['a=1@h.test/'])
    const later = jar.matching('http://h.test/page/2', T0 + 20_000, 'unknown', 2)
    expect(later.send).toEqual([])
    expect(later.expired.map((g) => [g.name, g.at, g.index])).toEqual([['a', T0 + 10_000, 2]])
    expect(sent(jar, 'http://h.test/page/1', T0 + 5_000)).toEqual([])
  })

  it('tells paths apart by the stored paths they match, hosts, schemes and contexts', () => {
    const jar = new BrowserJar()
    jar.receive('a=1; Path=/x', 'http://h.test/', T0, 'unknown', 0)
    jar.receive('s=2; Path=/; Secure', 'https://h.test/', T0, 'unknown', 1)
    jar.receive('l=3; Path=/; SameSite=Lax', 'http://h.test/', T0, 'unknown', 2)
    expect(sent(jar, 'http://h.test/x/1')).toEqual(['a=1@h.test/x', 'l=3@h.test/'])
    expect(sent(jar, 'http://h.test/y')).toEqual(['l=3@h.test/'])
    expect(sent(jar, 'http://h.test/x/2')).toEqual(['a=1@h.test/x', 'l=3@h.test/'])
    expect(sent(jar, 'https://h.test/x/3')).toEqual(['a=1@h.test/x', 's=2@h.test/', 'l=3@h.test/'])
    expect(sent(jar, 'http://h.test/x/4', T0, 'cross-site')).toEqual(['a=1@h.test/x'])
    expect(sent(jar, 'http://other.test/x/1')).toEqual([])
    // A new path in the store: /x/y now matters to requests under /x.
    jar.receive('b=4; Path=/x/y', 'http://h.test/', T0, 'unknown', 3)
    expect(sent(jar, 'http://h.test/x/y/z')).toEqual(['b=4@h.test/x/y', 'a=1@h.test/x', 'l=3@h.test/'])
    expect(sent(jar, 'http://h.test/x/5')).toEqual(['a=1@h.test/x', 'l=3@h.test/'])
  })
})

describe('a Set-Cookie line that stores the cookie the jar already holds', () => {
  it('keeps the order, and records this response as the setter with its own expiry', () => {
    const jar = new BrowserJar()
    jar.receive('a=1; Path=/; Max-Age=60', 'http://h.test/', T0, 'unknown', 0)
    jar.receive('b=2; Path=/', 'http://h.test/', T0 + 1, 'unknown', 1)
    const again = jar.receive('a=1; Path=/; Max-Age=60', 'http://h.test/', T0 + 1_000, 'unknown', 2)
    expect(again).toMatchObject({ accepted: true, previousValue: '1' })
    expect(again.cookie).toMatchObject({ setBy: 2, expiresAt: T0 + 61_000 })
    const send = jar.matching('http://h.test/', T0 + 2_000, 'unknown', 3).send
    expect(send.map((c) => [c.name, c.setBy])).toEqual([
      ['a', 2],
      ['b', 1]
    ])
    expect(jar.all(T0 + 2_000).map((c) => [c.name, c.setBy])).toEqual([
      ['a', 2],
      ['b', 1]
    ])
    // Alive past the first response's expiry: the second one's counts.
    expect(sent(jar, 'http://h.test/', T0 + 60_500)).toEqual(['a=1@h.test/', 'b=2@h.test/'])
  })

  it('is stored anew at another host, another default path, in another context or after a change', () => {
    const jar = new BrowserJar()
    jar.receive('a=1', 'http://one.test/x/page', T0, 'unknown', 0)
    jar.receive('a=1', 'http://two.test/x/page', T0, 'unknown', 1)
    jar.receive('a=1', 'http://one.test/y/page', T0, 'unknown', 2)
    expect(sent(jar, 'http://two.test/x/1')).toEqual(['a=1@two.test/x'])
    expect(sent(jar, 'http://one.test/y/1')).toEqual(['a=1@one.test/y'])
    expect(sent(jar, 'http://one.test/x/1')).toEqual(['a=1@one.test/x'])

    const lax = 'l=1; Path=/; SameSite=Lax'
    expect(jar.receive(lax, 'http://one.test/', T0, 'same-site', 3).accepted).toBe(true)
    expect(jar.receive(lax, 'http://one.test/', T0, 'cross-site', 4).accepted).toBe(false)

    const secure = 's=1; Path=/; Secure'
    expect(jar.receive(secure, 'https://one.test/', T0, 'unknown', 5).accepted).toBe(true)
    expect(jar.receive(secure, 'http://one.test/', T0, 'unknown', 6).accepted).toBe(false)

    // Replaced by another value, then set back: the line's old cookie is no longer the one held.
    jar.receive('v=1; Path=/', 'http://one.test/', T0, 'unknown', 7)
    jar.receive('v=2; Path=/', 'http://one.test/', T0, 'unknown', 8)
    expect(jar.receive('v=1; Path=/', 'http://one.test/', T0, 'unknown', 9)).toMatchObject({
      previousValue: '2',
      cookie: { value: '1', setBy: 9 }
    })
    // Deleted, then set back with the same line.
    jar.receive('v=; Path=/; Max-Age=0', 'http://one.test/', T0, 'unknown', 10)
    expect(sent(jar, 'http://one.test/p').some((c) => c.startsWith('v='))).toBe(false)
    jar.receive('v=1; Path=/', 'http://one.test/', T0, 'unknown', 11)
    expect(sent(jar, 'http://one.test/p').filter((c) => c.startsWith('v='))).toEqual(['v=1@one.test/'])
    // The same cookie with another attribute is another line: stored, and its attribute counts.
    jar.receive('v=1; Path=/; HttpOnly', 'http://one.test/', T0, 'unknown', 12)
    expect(jar.all(T0).find((c) => c.name === 'v')).toMatchObject({ httpOnly: true, setBy: 12 })
    jar.receive('v=1; Path=/', 'http://one.test/', T0, 'unknown', 13)
    expect(jar.all(T0).find((c) => c.name === 'v')).toMatchObject({ httpOnly: false, setBy: 13 })
  })
})

describe('random traffic: the jar and a plain tough-cookie jar agree at every step', () => {
  it.each([1, 2, 3, 4])('seed %i', (seed) => {
    const next = prng(seed)
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T
    const origins = ['http://a.test', 'https://a.test', 'http://www.a.test', 'http://b.test']
    const paths = ['/', '/x', '/x/y', '/x/y/z', '/y', '/x/1']
    const lines = [
      'k=1',
      'k=2',
      'k=1; Path=/',
      'k=1; Path=/x',
      'm=1; Path=/; Domain=a.test',
      'm=2; Path=/; Domain=a.test',
      'n=1; Path=/; SameSite=Strict',
      'n=1; Path=/; Secure',
      'n=; Path=/; Max-Age=0',
      'k=; Max-Age=0',
      'p=1; Path=/x/y; HttpOnly'
    ]
    const contexts: SiteContext[] = ['unknown', 'same-site', 'cross-site', 'cross-site-navigation']
    const level = {
      unknown: undefined,
      'same-site': 'strict',
      'cross-site-navigation': 'lax',
      'cross-site': 'none'
    }
    const jar = new BrowserJar()
    const plain = new CookieJar(new MemoryCookieStore(), {
      rejectPublicSuffixes: true,
      prefixSecurity: 'strict',
      allowSpecialUseDomain: true,
      looseMode: false
    })
    const view = (
      cs: { key?: string; name?: string; value: string; domain?: string | null; path?: string | null }[]
    ) => cs.map((c) => `${c.key ?? c.name}=${c.value}@${c.domain}${c.path}`)
    for (let step = 0; step < 400; step++) {
      const url = pick(origins) + pick(paths) + (next() < 0.5 ? `?q=${step}` : '')
      const ctx = pick(contexts)
      const at = T0 + step
      if (next() < 0.5) {
        const line = pick(lines)
        const result = jar.receive(line, url, at, ctx, step)
        let stored = false
        try {
          stored = !!plain.setCookieSync(line, url, {
            now: new Date(at),
            sameSiteContext: level[ctx] as never
          })
        } catch {
          stored = false
        }
        expect(result.accepted, `step ${step}: ${line} from ${url} (${ctx})`).toBe(stored)
        if (/Max-Age=0/.test(line)) plain.getCookiesSync(url, { allPaths: true }) // drops what it deleted
      } else {
        const mine = view(jar.matching(url, at, ctx, step).send)
        const theirs = view(plain.getCookiesSync(url, { sameSiteContext: level[ctx] as never, sort: true }))
        expect(mine, `step ${step}: ${url} (${ctx})`).toEqual(theirs)
      }
      let stored: Cookie[] = []
      plain.store.getAllCookies((_err, cs) => {
        stored = cs ?? []
      })
      expect(view(jar.all(at)), `step ${step}: the whole jar`).toEqual(view(stored))
    }
  })
})
