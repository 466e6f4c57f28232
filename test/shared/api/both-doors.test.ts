// Every operation both doors offer is checked by the one schema (src/shared/api/schemas.ts): the same
// wrong-typed argument sent through Electron IPC (the real validators behind createHandle) and through
// the web API of a real `roundtrip serve` is refused with the same error code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  bodyIdArgs,
  passthroughArgs,
  portArgs,
  replayArgs,
  saveHarArgs,
  type Validator
} from '../../../src/main/ipc/validate'
import { check, schemas } from '../../../src/shared/api/schemas'
import { apiRequest, startServe, type RunningServe } from '../../helpers/serve'

function ipcCode(validate: Validator<unknown[]>, value: unknown): string | undefined {
  try {
    validate('roundtrip:test', [value])
    return undefined
  } catch (err) {
    return (err as { code?: string }).code
  }
}

async function webCode(serve: RunningServe, path: string, value: unknown) {
  const res = await apiRequest(serve.addresses.ui, path, {
    token: serve.addresses.token,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(value)
  })
  return { http: res.status, ...(JSON.parse(res.body) as { code?: string; error?: string }) }
}

const wrong: Array<[string, Validator<unknown[]>, string, (v: unknown) => unknown, unknown[]]> = [
  [
    'set-proxy-port',
    portArgs as Validator<unknown[]>,
    '/api/proxy-port',
    (port) => ({ port }),
    ['8080', -1, 65536, 1.5, null, { port: 1 }]
  ],
  [
    'add-passthrough',
    passthroughArgs as Validator<unknown[]>,
    '/api/passthrough',
    (host) => ({ host }),
    [42, '', 'a b', '<script>', null, ['bank.example']]
  ],
  [
    'replay',
    replayArgs as Validator<unknown[]>,
    '/api/replay',
    (jar) => ({ jar, source: 'live' }),
    ['stale', 1, null, ['fresh'], { fresh: true }]
  ]
]

describe('one schema, two doors', () => {
  let serve: RunningServe
  beforeAll(async () => {
    serve = await startServe()
  })
  afterAll(async () => {
    await serve?.stop()
  })

  for (const [operation, validator, path, wrap, values] of wrong) {
    it(`${operation}: every wrong-typed value gets invalid-argument from IPC and from the web API`, async () => {
      for (const value of values) {
        expect(ipcCode(validator, operation === 'replay' ? wrap(value) : value), String(value)).toBe(
          'invalid-argument'
        )
        const web = await webCode(serve, path, wrap(value))
        expect(web, JSON.stringify(value)).toMatchObject({ http: 400, code: 'invalid-argument' })
        expect(web.error).toMatch(/must be|unknown|Send/)
      }
    })
  }

  it('body by id: a malformed exchange id gets invalid-argument from IPC and from the web API', async () => {
    for (const id of ['e 1', '../etc', 'x'.repeat(65), '<script>', '']) {
      expect(ipcCode(bodyIdArgs as Validator<unknown[]>, id), id).toBe('invalid-argument')
      const res = await apiRequest(serve.addresses.ui, `/api/exchanges/${encodeURIComponent(id)}/body`, {
        token: serve.addresses.token
      })
      const web = { http: res.status, ...(JSON.parse(res.body) as { code?: string }) }
      // An empty id matches no route at all: 404 without a code, which is still a refusal.
      if (id === '') expect(web.http, id).toBe(404)
      else expect(web, id).toMatchObject({ http: 400, code: 'invalid-argument' })
    }
    expect(ipcCode(bodyIdArgs as Validator<unknown[]>, 12)).toBe('invalid-argument')
  })

  it('save options: the IPC door refuses what the schema refuses', () => {
    for (const value of [{ redact: 'yes' }, { path: '/etc/passwd' }, [1], 'redact']) {
      expect(ipcCode(saveHarArgs as Validator<unknown[]>, value)).toBe('invalid-argument')
      expect(check('saveHarOptions', 'save', value).ok).toBe(false)
    }
  })

  it('accepts what the contract allows, unchanged', async () => {
    expect(check('replayRequest', 'x', { jar: 'fresh', source: 'opened' })).toEqual({
      ok: true,
      value: { jar: 'fresh', source: 'opened' }
    })
    expect(check('port', 'x', 0).ok && check('port', 'x', 65535).ok).toBe(true)
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining(['port', 'browserId', 'saveHarOptions', 'replayRequest', 'webReplayRequest'])
    )
  })
})
