// The browser door's route table over a real engine and service, in-process on real sockets: bodies by
// id (and the snapshot without them), the service's typed errors as statuses with their code, and the
// schema refusing a bad passthrough host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEngine, type Engine } from '../../../src/main/engine'
import { createApi, type ApiServer } from '../../../src/main/web/server'
import type { CaptureSnapshot } from '../../../src/shared/model'
import { body, connection, exchange } from '../../helpers/capture-factory'
import { apiRequest } from '../../helpers/serve'

const TOKEN = 'routes-token-0123456789'
let engine: Engine
let api: ApiServer
let base: string

const posted = exchange({
  id: 'e1',
  method: 'POST',
  requestBody: body('a=b&c'),
  responseBody: body('<p>x')
})

const get = async (path: string) => {
  const r = await apiRequest(base, path, { token: TOKEN })
  return { status: r.status, json: JSON.parse(r.body) as Record<string, unknown> }
}

beforeAll(async () => {
  engine = await startEngine({ proxyPort: 0, samplePort: 0 })
  engine.store.putConnection(connection('c1', { exchangeIds: ['e1'] }))
  engine.store.putExchange(posted)
  api = createApi({ engine, token: TOKEN, rendererDir: undefined, version: 'test' })
  base = await api.listen(0, '127.0.0.1')
})

afterAll(async () => {
  await api.close()
  await engine.close({ graceMs: 0 })
})

describe('web routes over the service', () => {
  it('GET /api/snapshot keeps its bodies; ?bodies=0 leaves them out and says what they were', async () => {
    const whole = (await get('/api/snapshot')).json as unknown as CaptureSnapshot
    expect(whole.exchanges[0]).toMatchObject({
      requestBody: posted.requestBody,
      responseBody: posted.responseBody
    })
    const slim = (await get('/api/snapshot?bodies=0')).json as unknown as CaptureSnapshot
    const x = slim.exchanges[0]!
    expect(x.requestBody).toBeUndefined()
    expect(x.responseBody).toBeUndefined()
    expect(x.requestBodyInfo).toMatchObject({ size: 5, truncated: false, kept: 8 })
    expect(x.responseBodyInfo).toMatchObject({ size: 4, truncated: false })
    expect(x.requestBodyInfo!.digest).not.toBe(x.responseBodyInfo!.digest)
  })

  it('GET /api/exchanges/:id/body gives both bodies; an unknown id is 404 and a bad one 400, with codes', async () => {
    const r = await get('/api/exchanges/e1/body')
    expect(r.status).toBe(200)
    expect(r.json).toEqual({ id: 'e1', request: posted.requestBody, response: posted.responseBody })
    expect(await get('/api/exchanges/e404/body')).toMatchObject({
      status: 404,
      json: { status: 'error', code: 'not-found', error: expect.stringMatching(/no exchange e404/) }
    })
    expect(await get('/api/exchanges/e%20x/body')).toMatchObject({
      status: 400,
      json: { code: 'invalid-argument', error: expect.stringMatching(/capture's ids/) }
    })
  })

  it('POST /api/passthrough is checked by the schema', async () => {
    const post = (body: string) =>
      apiRequest(base, '/api/passthrough', {
        token: TOKEN,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body
      })
    for (const body of ['{"host": "a b"}', '{"host": 1}', '{"hots": "x"}', '[]']) {
      const r = await post(body)
      expect(r.status, body).toBe(400)
      expect(JSON.parse(r.body), body).toMatchObject({
        code: 'invalid-argument',
        error: expect.stringMatching(/host/)
      })
    }
    const ok = await post('{"host": "*.bank.example"}')
    expect(JSON.parse(ok.body)).toMatchObject({ passthrough: expect.arrayContaining(['*.bank.example']) })
  })
})
