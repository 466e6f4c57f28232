// A fault injected into every handler of the local web API (src/main/web/server.ts): each route and
// the live stream's upgrade answer with a status and a sentence, no promise rejection escapes,
// and the server goes on answering. The engine given to the API throws from every method.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { createApi, type ApiServer } from '../../src/main/web/server'
import type { Engine } from '../../src/main/engine'
import { guardProcess } from '../../src/main/engine/guard'
import { apiRequest } from '../helpers/serve'
import { EventEmitter } from 'node:events'

const TOKEN = 'fault-token-0123456789'
const boom = (): never => {
  throw new Error('injected fault')
}
let api: ApiServer
let base: string
let healthy = true
const rejections: unknown[] = []
const onRejection = (r: unknown): number => rejections.push(r)

/** An engine whose every part throws once `healthy` is false. */
function faultyEngine(): Engine {
  const guard = <T>(value: T): T => (healthy ? value : boom())
  const store = {
    snapshot: () => guard({ seq: 0, connections: [], exchanges: [], tunnels: [], sessionEvents: [] }),
    subscribe: () => () => undefined,
    clear: () => guard(undefined)
  }
  return {
    store,
    sample: { sessions: () => guard([]) },
    get proxyUrl() {
      return guard('http://127.0.0.1:9')
    },
    get sampleUrl() {
      return guard('http://127.0.0.1:9')
    },
    setProxyPort: () => boom()
  } as unknown as Engine
}

beforeAll(async () => {
  process.on('unhandledRejection', onRejection)
  api = createApi({ engine: faultyEngine(), token: TOKEN, rendererDir: '/nonexistent', version: 't' })
  base = await api.listen(0, '127.0.0.1')
})

afterAll(async () => {
  process.off('unhandledRejection', onRejection)
  await api.close()
})

const ROUTES: [string, string, string?][] = [
  ['GET', '/api/info'],
  ['GET', '/api/snapshot'],
  ['GET', '/api/har'],
  ['GET', '/api/har?redact=1'],
  ['GET', '/api/sessions'],
  ['POST', '/api/clear'],
  ['POST', '/api/proxy-port', '{"port":0}'],
  ['POST', '/api/replay', '{"jar":"fresh","source":"live"}'],
  ['GET', '/proxy.pac'],
  ['GET', '/']
]

describe('local web API: a fault in each handler', () => {
  for (const [method, path, body] of ROUTES) {
    it(`${method} ${path} answers with a sentence and the server keeps serving`, async () => {
      healthy = false
      const r = await apiRequest(base, path, {
        method,
        token: TOKEN,
        body,
        headers: body ? { 'content-type': 'application/json' } : {}
      })
      healthy = true
      expect(r.status, r.body).toBeGreaterThanOrEqual(200)
      // JSON from the API routes; the UI's files answer in plain text.
      const parsed = (r.body.startsWith('{') ? JSON.parse(r.body) : { error: r.body }) as {
        error?: string
        status?: string
      }
      expect(parsed.error, r.body).toMatch(/injected fault|failed|could not|no index.html/i)
      expect(parsed.error!.length).toBeGreaterThan(10)
      if (r.status === 200) expect(parsed.status).toBe('error')
      else expect(r.status).toBeGreaterThanOrEqual(500)
      const after = await apiRequest(base, '/api/snapshot', { token: TOKEN })
      expect(after.status).toBe(200)
    })
  }

  it('the live stream closes with a reason when the snapshot fails, and opens again once healthy', async () => {
    const open = (): Promise<{ code?: number; reason?: string; first?: string }> =>
      new Promise((resolve) => {
        const ws = new WebSocket(`${base.replace('http', 'ws')}/api/stream?token=${TOKEN}`, { origin: base })
        ws.once('message', (m) => (ws.close(), resolve({ first: String(m).slice(0, 40) })))
        ws.once('close', (code, reason) => resolve({ code, reason: String(reason) }))
        ws.once('error', () => resolve({}))
      })
    healthy = false
    const broken = await open()
    healthy = true
    expect(broken.code).toBe(1011)
    expect(broken.reason).toMatch(/capture|snapshot/)
    expect((await open()).first).toMatch(/"type":"snapshot"/)
  })

  it('no promise rejection escaped any handler', () => {
    expect(rejections).toEqual([])
  })
})

describe('process guard', () => {
  it('records and says an uncaught exception and an unhandled rejection, and keeps them bounded', () => {
    const target = new EventEmitter()
    const said: string[] = []
    const guard = guardProcess((line) => said.push(line), target)
    target.emit('uncaughtException', new RangeError('Maximum call stack size exceeded'))
    target.emit('unhandledRejection', 'plain reason')
    expect(guard.incidents.map((i) => i.kind)).toEqual(['uncaught-exception', 'unhandled-rejection'])
    expect(said[0]).toMatch(/keeps running: RangeError: Maximum call stack size exceeded\./)
    for (let i = 0; i < 100; i++) target.emit('uncaughtException', new Error(`e${i}`))
    expect(guard.incidents.length).toBe(50)
    guard.uninstall()
    expect(target.listenerCount('uncaughtException')).toBe(0)
  })
})
