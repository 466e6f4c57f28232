import { createRequire } from 'node:module'
import type { Entry, Har } from 'har-format'
import { describe, expect, it } from 'vitest'
import { exportHar } from '../../../src/shared/har/export'
import { importCapture } from '../../../src/shared/har/to-capture'
import { loginCapture } from '../../helpers/capture-factory'

type Validator = (har: unknown) => Promise<unknown>
const { har: validateHar } = createRequire(import.meta.url)('har-validator') as { har: Validator }

type Loose = Record<string, unknown>

function entries(har: Har): (Entry & Loose)[] {
  return har.log.entries as (Entry & Loose)[]
}

describe('exportHar', () => {
  const capture = loginCapture()
  const har = exportHar(capture)
  const [visit, login, image, refused, pending] = entries(har)

  it('writes HAR 1.2 that har-validator accepts', async () => {
    expect(har.log.version).toBe('1.2')
    await expect(validateHar(har)).resolves.toBeTruthy()
    expect(har.log.entries).toHaveLength(5)
  })

  it('keeps two Set-Cookie lines as two headers and two cookies', () => {
    const setCookies = visit!.response.headers.filter((h) => h.name.toLowerCase() === 'set-cookie')
    expect(setCookies.map((h) => h.value)).toEqual([
      'sid=old123; Path=/; HttpOnly; SameSite=Lax',
      'theme=dark; Path=/; Max-Age=31536000; SameSite=Strict'
    ])
    expect(visit!.response.cookies.map((c) => c.name)).toEqual(['sid', 'theme'])
  })

  it('writes every cookie attribute, sameSite included', () => {
    const [sid, theme] = visit!.response.cookies as (Entry['response']['cookies'][number] & Loose)[]
    expect(sid).toMatchObject({
      name: 'sid',
      value: 'old123',
      path: '/',
      httpOnly: true,
      secure: false,
      sameSite: 'Lax'
    })
    expect(theme).toMatchObject({ sameSite: 'Strict', _maxAge: 31536000 })
    expect(Date.parse(theme!.expires!)).toBeGreaterThan(
      capture.exchanges[0]!.startedAt + 365 * 86400_000 - 1000
    )
    const rotated = login!.response.cookies[0] as unknown as Loose
    expect(rotated).toMatchObject({
      name: 'sid',
      value: 'new456',
      secure: true,
      httpOnly: true,
      sameSite: 'None',
      expires: '2037-10-21T07:28:00.000Z'
    })
    expect(login!.request.cookies).toEqual([
      { name: 'sid', value: 'old123' },
      { name: 'theme', value: 'dark' }
    ])
  })

  it('groups entries by client connection and marks upstream reuse with connect -1', () => {
    expect(entries(har).map((e) => e.connection)).toEqual(['c1', 'c1', 'c1', 'c2', 'c2'])
    expect(entries(har).map((e) => e._connectionId)).toEqual(['c1', 'c1', 'c1', 'c2', 'c2'])
    expect(visit!.timings.connect).toBe(1.5)
    expect(login!.timings.connect).toBe(-1)
    expect(login!._upstreamReused).toBe(true)
    expect(login!._sequence).toBe(2)
    expect(login!._upstreamConnectionId).toBe('u1')
    expect(visit!._serverConnectionId).toBe('s1')
    expect(visit!.serverIPAddress).toBe('127.0.0.1')
    expect(visit!.timings).toMatchObject({
      blocked: -1,
      dns: -1,
      ssl: -1,
      send: 0.5,
      wait: 8.25,
      receive: 1.75
    })
    expect(visit!.time).toBe(12)
    expect(login!.time).toBe(4.5)
  })

  it('writes text bodies as text and binary bodies as base64', () => {
    expect(visit!.response.content).toMatchObject({
      text: '<p>hello</p>',
      size: 12,
      mimeType: 'text/html; charset=utf-8'
    })
    expect(visit!.response.content.encoding).toBeUndefined()
    expect(image!.response.content.encoding).toBe('base64')
    expect(Buffer.from(image!.response.content.text!, 'base64')[0]).toBe(0x89)
    expect(login!.request.postData).toMatchObject({
      mimeType: 'application/x-www-form-urlencoded',
      text: 'user=alice&password=wonderland',
      params: [
        { name: 'user', value: 'alice' },
        { name: 'password', value: 'wonderland' }
      ]
    })
    expect(login!.request.queryString).toEqual([{ name: 'next', value: '/account' }])
    expect(login!.response.redirectURL).toBe('/account')
  })

  it('exports errors and pending exchanges with status 0', () => {
    expect(refused!.response.status).toBe(0)
    expect(refused!._error).toEqual({ kind: 'upstream-refused', message: 'connect ECONNREFUSED 127.0.0.1:9' })
    expect(pending!.response.status).toBe(0)
    expect(pending!._state).toBe('pending')
  })

  it('keeps connections, tunnels and session events in log._roundtrip', () => {
    const data = (har.log as unknown as Loose)._roundtrip as Loose
    expect(data.connections).toEqual(capture.connections)
    expect(data.tunnels).toEqual(capture.tunnels)
    expect(data.sessionEvents).toEqual(capture.sessionEvents)
  })

  it('redacts secrets with stable placeholders and says so', async () => {
    const redacted = exportHar(capture, { redact: true })
    await expect(validateHar(redacted)).resolves.toBeTruthy()
    const [v, l, i] = entries(redacted)
    const text = JSON.stringify(redacted)
    for (const secret of ['old123', 'new456', 'YWxpY2U6c2VjcmV0']) expect(text).not.toContain(secret)
    expect(redacted.log.comment).toMatch(/redact/i)
    const sidOut = v!.response.cookies[0]!.value
    expect(sidOut).toMatch(/^redacted-\d+$/)
    // The session ID's round trip stays visible: the value set is the value sent back.
    expect(l!.request.cookies[0]!.value).toBe(sidOut)
    expect(l!.request.headers.find((h) => h.name === 'Authorization')!.value).toMatch(/^Basic redacted-\d+$/)
    expect(i!.request.cookies[0]!.value).toBe(l!.response.cookies[0]!.value)
    expect(i!.request.cookies[0]!.value).not.toBe(sidOut)
    expect(v!.response.headers[1]!.value).toBe(`sid=${sidOut}; Path=/; HttpOnly; SameSite=Lax`)
    const events = (
      (redacted.log as unknown as Loose)._roundtrip as { sessionEvents: { sessionId: string }[] }
    ).sessionEvents
    expect(events[0]!.sessionId).toBe(sidOut)
  })
})

describe('export -> import -> export', () => {
  it('gives the same entries, headers, cookies and connection ids', () => {
    const first = exportHar(loginCapture())
    const reimported = importCapture(JSON.parse(JSON.stringify(first)) as Har)
    expect(reimported.exchanges.map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5'])
    expect(reimported.exchanges.map((e) => e.clientConnectionId)).toEqual(['c1', 'c1', 'c1', 'c2', 'c2'])
    const second = exportHar(reimported)
    expect(second).toEqual(first)
    expect(JSON.stringify(second)).toBe(JSON.stringify(first))
  })

  it('rebuilds the capture model itself', () => {
    const capture = loginCapture()
    const back = importCapture(JSON.parse(JSON.stringify(exportHar(capture))) as Har)
    expect(back.connections).toEqual(capture.connections)
    expect(back.sessionEvents).toEqual(capture.sessionEvents)
    for (const [i, e] of capture.exchanges.entries()) {
      const b = back.exchanges[i]!
      expect(b.requestHeaders).toEqual(e.requestHeaders)
      expect(b.responseHeaders).toEqual(e.responseHeaders)
      expect(b.responseBody?.base64 ?? '').toBe(e.responseBody?.base64 ?? '')
      expect(b.timings).toEqual(e.timings)
      expect(b.startedAt).toBe(e.startedAt)
      expect(b.state).toBe(e.state)
      expect(b.error).toEqual(e.error)
    }
  })

  it('survives dates out of range (a huge Max-Age, a missing start time)', async () => {
    const capture = loginCapture()
    capture.exchanges[0]!.responseHeaders = [['Set-Cookie', 'big=1; Max-Age=99999999999999999']]
    capture.exchanges[1]!.startedAt = Number.NaN
    const har = exportHar(capture)
    await expect(validateHar(har)).resolves.toBeTruthy()
    expect(entries(har)[0]!.response.cookies[0]).toMatchObject({ name: 'big', value: '1' })
    expect(entries(har)[1]!.startedDateTime).toBe('1970-01-01T00:00:00.000Z')
  })

  it('writes an absolute URL for a request that had none, keeping the raw target', async () => {
    const capture = loginCapture()
    capture.exchanges[3]!.url = '/relative?x=1'
    capture.exchanges[3]!.requestHeaders = [['Host', 'roundtrip.test']]
    capture.exchanges[4]!.url = 'not a url'
    const har = exportHar(capture)
    await expect(validateHar(har)).resolves.toBeTruthy()
    const [, , , relative, garbage] = entries(har)
    expect(relative!.request.url).toBe('http://roundtrip.test/relative?x=1')
    expect((relative!.request as unknown as Loose)._rawUrl).toBe('/relative?x=1')
    expect(garbage!.request.url).toBe('about:blank')
    const back = importCapture(JSON.parse(JSON.stringify(har)) as Har)
    expect(back.exchanges.map((e) => e.url).slice(3)).toEqual(['/relative?x=1', 'not a url'])
    expect(exportHar(back)).toEqual(har)
  })

  it('keeps unknown custom fields on re-export', () => {
    const har = exportHar(loginCapture()) as Har & { log: Loose }
    const entry = har.log.entries[0] as Entry & Loose
    entry._frameref = 'frame-1'
    entry.pageref = 'page_1'
    ;(entry.request as unknown as Loose)._initiator = { type: 'parser' }
    ;(entry.response.content as unknown as Loose).compression = 0
    har.log._otherTool = { x: 1 }
    const again = exportHar(importCapture(JSON.parse(JSON.stringify(har)) as Har))
    const e = again.log.entries[0] as Entry & Loose
    expect(e._frameref).toBe('frame-1')
    expect(e.pageref).toBe('page_1')
    expect((e.request as unknown as Loose)._initiator).toEqual({ type: 'parser' })
    expect((again.log as unknown as Loose)._otherTool).toEqual({ x: 1 })
  })
})
