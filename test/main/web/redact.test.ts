// `GET /api/har?redact=1` on a capture loaded from other tools' files with folded Set-Cookie headers, a
// cookie list that disagrees with its headers, a session id in a query string, a password in a form post
// and an Authorization header: the whole JSON text holds none of those values.
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { apiRequest, startServe, type RunningServe } from '../../helpers/serve'

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'har')
let serve: RunningServe | undefined

afterEach(async () => {
  await serve?.stop()
  serve = undefined
})

const cases = [
  [
    'mitmproxy-folded-set-cookie.har',
    ['abc123secretvalue42', 'midnightblue77', 'zz9plural5alpha', 'wonderland-pw-31']
  ],
  ['chrome-h2-newline-set-cookie.har', ['h2secretAAA111', 'compactview99', 'bucketB42xyz']],
  [
    'cookies-list-disagrees.har',
    ['fromheader7788aa', 'fromlist9911bb', 'listonly5566cc', 'queryleak3344dd', 'bmV3c3VzZXI6aHVudGVyMjI=']
  ]
] as const

describe('GET /api/har?redact=1', () => {
  it.each(cases)('%s: no secret anywhere in the JSON text', async (file, secrets) => {
    serve = await startServe(['--load', join(FIXTURES, file)])
    const { ui, token } = serve.addresses
    const plain = await apiRequest(ui, '/api/har', { token })
    expect(plain.status).toBe(200)
    for (const secret of secrets)
      expect(plain.body, `the unredacted export holds ${secret}`).toContain(secret)
    const res = await apiRequest(ui, '/api/har?redact=1', { token })
    expect(res.status).toBe(200)
    for (const secret of secrets) expect(res.body, secret).not.toContain(secret)
    expect(res.body).toContain('redacted-1')
  })
})
