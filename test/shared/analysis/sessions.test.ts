// Session-ID round trips: issued, sent back, and ended by rotation at login, clearing at logout, or expiry.
import { describe, expect, it } from 'vitest'
import { analyzeHar } from '../../../src/shared/analysis'
import { BASE_TIME, harOf, MINUTE } from '../../helpers/har-factory'

const A = 'kq3Vx0bW9h2ZpL7sYc4RmT1nE8uJ6fAa'
const B = 'Zr8Tn2Lq5Vw1Ye7Hs4Kc9Bm3Xp6Dj0Gf'
const sid = (v: string): string => `sid=${v}; Path=/; HttpOnly; SameSite=Lax`
const site = 'http://roundtrip.test'

describe('session round trips', () => {
  it('login replaces the ID and logout clears the new one', () => {
    const r = analyzeHar(
      harOf([
        { url: `${site}/login`, at: 0, setCookie: [sid(A)] },
        {
          url: `${site}/login`,
          method: 'POST',
          at: 1000,
          cookie: `sid=${A}`,
          status: 302,
          setCookie: [sid(B)]
        },
        { url: `${site}/account`, at: 1100, cookie: `sid=${B}` },
        {
          url: `${site}/logout`,
          method: 'POST',
          at: 2000,
          cookie: `sid=${B}`,
          status: 302,
          setCookie: ['sid=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax']
        },
        { url: `${site}/`, at: 2100 }
      ])
    )
    expect(
      r.sessions.map(({ cookie, domain, value, issuedBy, sentIn, endedBy, end }) => ({
        cookie,
        domain,
        value,
        issuedBy,
        sentIn,
        endedBy,
        end
      }))
    ).toEqual([
      {
        cookie: 'sid',
        domain: 'roundtrip.test',
        value: A,
        issuedBy: 0,
        sentIn: [1],
        endedBy: 1,
        end: 'replaced'
      },
      {
        cookie: 'sid',
        domain: 'roundtrip.test',
        value: B,
        issuedBy: 1,
        sentIn: [2, 3],
        endedBy: 3,
        end: 'cleared'
      }
    ])
    expect(r.sessions[0]).toMatchObject({ atLogin: true })
    expect(r.sessions[0]?.story).toContain('replaced by entry 1 at login (rotated)')
    expect(r.sessions[1]).toMatchObject({ atLogout: true })
    expect(r.requests[4]?.expectedCookie).toBe('')
    expect(
      r.warnings.filter((w) => w.kind === 'not-rotated-at-login' || w.kind === 'session-not-httponly')
    ).toEqual([])
  })

  it('warns when the ID carried into a login survives it', () => {
    const r = analyzeHar(
      harOf([
        { url: `${site}/login`, at: 0, setCookie: [sid(A)] },
        { url: `${site}/login`, method: 'POST', at: 1000, cookie: `sid=${A}`, status: 302 },
        { url: `${site}/account`, at: 1100, cookie: `sid=${A}` }
      ])
    )
    expect(r.sessions).toHaveLength(1)
    expect(r.sessions[0]).toMatchObject({ value: A, issuedBy: 0, sentIn: [1, 2], endedBy: null, end: null })
    const w = r.warnings.filter((x) => x.kind === 'not-rotated-at-login')
    expect(w).toHaveLength(1)
    expect(w[0]).toMatchObject({ entry: 1, cookie: 'sid' })
  })

  it('a server that refused an idle ID and deleted it shows expired, ended by that entry', () => {
    const r = analyzeHar(
      harOf([
        { url: `${site}/login`, method: 'POST', at: 0, status: 302, setCookie: [sid(B)] },
        { url: `${site}/account`, at: 1000, cookie: `sid=${B}` },
        {
          url: `${site}/account`,
          at: 31 * MINUTE,
          cookie: `sid=${B}`,
          status: 302,
          setCookie: ['sid=; Path=/; Max-Age=0; HttpOnly']
        }
      ])
    )
    expect(r.sessions).toHaveLength(1)
    expect(r.sessions[0]).toMatchObject({
      value: B,
      issuedBy: 0,
      sentIn: [1, 2],
      endedBy: 2,
      end: 'expired',
      expiredOn: 'server'
    })
  })

  it('a cookie whose Max-Age ran out before the next request expired in the browser', () => {
    const r = analyzeHar(
      harOf([
        { url: `${site}/`, at: 0, setCookie: [`sid=${A}; Max-Age=600; HttpOnly`] },
        { url: `${site}/a`, at: 5 * MINUTE, cookie: `sid=${A}` },
        { url: `${site}/b`, at: 20 * MINUTE }
      ])
    )
    expect(r.sessions[0]).toMatchObject({
      issuedBy: 0,
      sentIn: [1],
      endedBy: null,
      end: 'expired',
      expiredOn: 'browser',
      noticedBy: 2
    })
    // Stored when entry 0's response headers arrived (send 1 ms + wait 8 ms), so it ran out 10 minutes later.
    expect(r.sessions[0]?.expiredAt).toBe(new Date(BASE_TIME + 9 + 10 * MINUTE).toISOString())
  })

  it('an ID first seen in a request has no issuer; a session cookie without HttpOnly is flagged', () => {
    const r = analyzeHar(
      harOf([
        { url: `${site}/`, at: 0, cookie: `PHPSESSID=${A}` },
        { url: `${site}/`, at: 100, cookie: `PHPSESSID=${A}`, setCookie: [`PHPSESSID=${B}; Path=/`] },
        { url: `${site}/`, at: 200, cookie: `PHPSESSID=${B}` }
      ])
    )
    expect(r.sessions.map((s) => [s.value, s.issuedBy, s.sentIn, s.endedBy, s.end])).toEqual([
      [A, null, [0, 1], 1, 'replaced'],
      [B, 1, [2], null, null]
    ])
    expect(r.warnings.find((w) => w.kind === 'session-not-httponly')?.message).toContain('"PHPSESSID"')
  })

  it("lets the server's own events (Roundtrip files) decide between expired and cleared", () => {
    const har = harOf([
      { url: `${site}/login`, method: 'POST', at: 0, status: 303, setCookie: [sid(B)], extra: { _id: 'e1' } },
      {
        url: `${site}/account/delete`,
        method: 'POST',
        at: 1000,
        cookie: `sid=${B}`,
        setCookie: ['sid=; Path=/; Max-Age=0; HttpOnly'],
        extra: { _id: 'e2' }
      }
    ])
    const bare = analyzeHar(har)
    expect(bare.sessions[0]).toMatchObject({ end: 'expired', expiredOn: 'server', endedBy: 1 })
    ;(har.log as unknown as Record<string, unknown>)._roundtrip = {
      sessionEvents: [
        { at: 1, kind: 'created', sessionId: B, exchangeId: 'e1' },
        { at: 2, kind: 'destroyed', sessionId: B, exchangeId: 'e2' }
      ]
    }
    const told = analyzeHar(har)
    expect(told.sessions[0]).toMatchObject({ end: 'cleared', endedBy: 1 })
    expect(told.sessions[0]?.server?.map((e) => [e.kind, e.entry])).toEqual([
      ['created', 0],
      ['destroyed', 1]
    ])
  })
})
