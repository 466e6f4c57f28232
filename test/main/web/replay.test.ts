// POST /api/replay on the local web API, in-process on real sockets: the token, Host and Origin
// checks like every route, the body checked with a sentence per problem and a size limit, and a
// recorded login sent by the page replayed through the engine with a new session ID.
import type { Har } from 'har-format'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApi, type ApiServer } from '../../../src/main/web/server'
import { startEngine, type Engine } from '../../../src/main/engine'
import type { ReplayOutcome } from '../../../src/main/replay/runner'
import { MAX_REPLAY_BODY } from '../../../src/main/web/replay'
import { recordLogin } from '../../helpers/record-login'
import { apiRequest } from '../../helpers/serve'

const TOKEN = 'test-token-replay-0123456789'
let engine: Engine
let api: ApiServer
let base: string
let recorded: { har: Har; recordedSid: string }

beforeAll(async () => {
  recorded = await recordLogin()
  engine = await startEngine({ proxyPort: 0, samplePort: 0, batchMs: 10 })
  api = createApi({ engine, token: TOKEN, rendererDir: undefined, version: 'test' })
  base = await api.listen(0, '127.0.0.1')
})

afterAll(async () => {
  await api?.close()
  await engine?.close()
})

function post(body: string, opts: { token?: string; headers?: Record<string, string> } = {}) {
  return apiRequest(base, '/api/replay', {
    token: 'token' in opts ? opts.token : TOKEN,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...opts.headers },
    body
  })
}

describe('POST /api/replay: access', () => {
  it('answers 401 without the token or with a wrong one, and replays nothing', async () => {
    const body = JSON.stringify({ jar: 'fresh', source: 'har', har: recorded.har })
    expect((await post(body, { token: undefined })).status).toBe(401)
    expect((await post(body, { token: 'wrong' })).status).toBe(401)
    expect(engine.store.snapshot().exchanges).toHaveLength(0)
  })

  it('refuses another origin even with the token', async () => {
    const res = await post(JSON.stringify({ jar: 'fresh', source: 'live' }), {
      headers: { origin: 'http://evil.example' }
    })
    expect(res.status).toBe(403)
  })
})

describe('POST /api/replay: bad input', () => {
  const cases: [string, string, RegExp][] = [
    ['not JSON', '{"jar": ', /must be a JSON object/],
    ['a list', '[1,2]', /Send a JSON object/],
    ['a bad jar', '{"jar":"stale","source":"live"}', /"jar" must be "fresh" or "recorded"/],
    ['a bad source', '{"jar":"fresh","source":"opened"}', /"source" must be "live" or "har"/],
    ['an unknown option', '{"jar":"fresh","source":"live","via":"http://x"}', /unknown replay option "via"/],
    ['source har without a HAR', '{"jar":"fresh","source":"har"}', /send the recording as "har"/],
    ['a HAR with source live', '{"jar":"fresh","source":"live","har":{}}', /only with "source": "har"/],
    [
      'something that is not a HAR',
      '{"jar":"fresh","source":"har","har":{"foo":1}}',
      /cannot be read: .*no "log"/
    ]
  ]
  for (const [what, body, error] of cases) {
    it(`answers 400 with a sentence for ${what}`, async () => {
      const res = await post(body)
      expect(res.status).toBe(400)
      expect(JSON.parse(res.body)).toMatchObject({ status: 'error', error: expect.stringMatching(error) })
    })
  }

  it(`answers 413 for a body over ${MAX_REPLAY_BODY / 1024 / 1024} MB`, async () => {
    const huge = JSON.stringify({
      jar: 'fresh',
      source: 'har',
      har: { log: { entries: [], pad: 'x'.repeat(MAX_REPLAY_BODY) } }
    })
    const res = await post(huge)
    expect(res.status).toBe(413)
    expect(JSON.parse(res.body).error).toMatch(/larger than 32 MB/)
  })
})

describe('POST /api/replay: a recorded login', () => {
  it('replays the HAR the page sent through the proxy, logging in with a new session ID', async () => {
    const res = await post(JSON.stringify({ jar: 'fresh', source: 'har', har: recorded.har }))
    expect(res.status).toBe(200)
    const outcome = JSON.parse(res.body) as ReplayOutcome
    if (outcome.status !== 'replayed') throw new Error(outcome.error)
    expect(outcome.rows.map((r) => [r.recordedStatus, r.status])).toEqual([
      [200, 200],
      [303, 303],
      [200, 200]
    ])
    const sid = outcome.rows[1]!.cookieChanges.find((c) => /sid/i.test(c.name))!
    expect(sid.change).toBe('changed')
    expect(`${sid.name}=${sid.recorded}`).toBe(recorded.recordedSid)
    expect(sid.now).not.toBe(sid.recorded)
    expect(engine.sample.sessions().some((s) => s.user === 'alice' && s.id === sid.now)).toBe(true)
    expect(outcome.snapshot.exchanges).toHaveLength(3)
  })

  it('replays the live capture (which now holds that replay) with the recorded jar', async () => {
    await new Promise((r) => setTimeout(r, 50))
    const res = await post(JSON.stringify({ jar: 'recorded', source: 'live' }))
    const outcome = JSON.parse(res.body) as ReplayOutcome
    if (outcome.status !== 'replayed') throw new Error(outcome.error)
    expect(outcome.sourceName).toBe('the live capture')
    expect(outcome.rows.map((r) => new URL(r.url).pathname)).toEqual(['/login', '/login', '/account'])
    expect(outcome.rows.every((r) => r.status !== null)).toBe(true)
  })
})
