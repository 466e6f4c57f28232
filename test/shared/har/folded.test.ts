// Folded Set-Cookie headers from real tools' shapes: mitmproxy joins one response's lines with ", " (with
// an Expires holding its own comma), Chrome's HTTP/2 export with "\n", and a file whose cookies[] says
// something other than its headers. Every cookie must reach the jar with its own attributes, the model
// must hold one Set-Cookie pair per cookie, and a redacted export must hold none of the secrets.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyzeHar } from '../../../src/shared/analysis'
import { exportHar } from '../../../src/shared/har/export'
import { parseHar } from '../../../src/shared/har/read'
import { importCapture } from '../../../src/shared/har/to-capture'
import { headerValues, splitSetCookie } from '../../../src/shared/http'

function read(name: string): ReturnType<typeof parseHar> & { ok: true } {
  const r = parseHar(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'har', name), 'utf8'))
  if (!r.ok) throw new Error(r.error)
  return r
}

describe('splitSetCookie', () => {
  it('splits a ", " fold but not the comma inside Expires', () => {
    expect(splitSetCookie('a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly, b=2; Path=/')).toEqual([
      'a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly',
      'b=2; Path=/'
    ])
  })
  it('splits a "\\n" fold and keeps a single line whole', () => {
    expect(splitSetCookie('a=1; Secure\nb=2')).toEqual(['a=1; Secure', 'b=2'])
    expect(splitSetCookie('a=1, 2 and 3; Path=/')).toEqual(['a=1, 2 and 3; Path=/'])
  })
})

const cases = [
  {
    file: 'mitmproxy-folded-set-cookie.har',
    cookies: {
      sid: { httpOnly: true, expiresAt: Date.parse('2026-10-21T07:28:00Z') },
      theme: { httpOnly: false, expiresAt: Date.parse('2026-01-15T12:00:00.034Z') + 31536000_000 },
      tracker_id: { httpOnly: false, sameSite: 'lax', expiresAt: null }
    },
    secrets: ['abc123secretvalue42', 'midnightblue77', 'zz9plural5alpha', 'wonderland-pw-31']
  },
  {
    file: 'chrome-h2-newline-set-cookie.har',
    cookies: {
      session_token: { httpOnly: true, secure: true, sameSite: 'lax', expiresAt: null },
      prefs: { httpOnly: false, secure: true, expiresAt: Date.parse('2027-04-01T10:00:00Z') },
      ab_bucket: {
        httpOnly: false,
        secure: true,
        expiresAt: Date.parse('2026-01-15T12:00:00.043Z') + 600_000
      }
    },
    secrets: ['h2secretAAA111', 'compactview99', 'bucketB42xyz']
  },
  {
    file: 'cookies-list-disagrees.har',
    cookies: {
      sessid: { httpOnly: true, value: 'fromheader7788aa', expiresAt: null },
      lang: { httpOnly: false, value: 'ko-KR', expiresAt: null }
    },
    secrets: [
      'fromheader7788aa',
      'fromlist9911bb',
      'listonly5566cc',
      'queryleak3344dd',
      'bmV3c3VzZXI6aHVudGVyMjI='
    ]
  }
] as const

describe.each(cases)('$file', ({ file, cookies, secrets }) => {
  it('puts every cookie in the jar with its own attributes, and the next request sends what it held', () => {
    const { har } = read(file)
    const report = analyzeHar(har)
    const jar = report.requests[0]?.jarAfter ?? []
    expect(jar.map((c) => c.name).sort()).toEqual(Object.keys(cookies).sort())
    for (const [name, want] of Object.entries(cookies)) {
      const got = jar.find((c) => c.name === name)
      expect(got, name).toMatchObject(want)
    }
    const next = report.requests[1]
    expect(next?.adopted).toEqual([])
    expect(next?.differences).toEqual([])
  })

  it('holds one Set-Cookie pair per cookie in the model', () => {
    const snapshot = importCapture(read(file).har)
    const lines = headerValues(snapshot.exchanges[0]?.responseHeaders, 'set-cookie')
    expect(lines).toHaveLength(Object.keys(cookies).length)
    for (const line of lines) expect(splitSetCookie(line)).toEqual([line])
  })

  it('exports with redact=1 without any of the secrets anywhere in the JSON', () => {
    const text = JSON.stringify(exportHar(importCapture(read(file).har), { redact: true }))
    for (const secret of secrets) expect(text, secret).not.toContain(secret)
    expect(text).toContain('redacted-1')
  })
})

describe('a cookie list that disagrees with the headers', () => {
  it('reads the headers and says so', () => {
    const { warnings } = read('cookies-list-disagrees.har')
    expect(warnings.join('\n')).toMatch(/Entry 0: response\.cookies disagrees with the Set-Cookie headers/)
  })
  it('notes folded headers', () => {
    expect(read('mitmproxy-folded-set-cookie.har').warnings.join('\n')).toMatch(/folded into one value/)
  })
})
