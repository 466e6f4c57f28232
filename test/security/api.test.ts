// The local web API (src/main/web/server.ts) against a hostile browser: the run's token on every
// route and on the live stream, the Host header checked (DNS rebinding), the Origin checked on
// the stream, and no CORS headers handed to other origins. In-process, on real sockets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { createApi, type ApiServer } from '../../src/main/web/server'
import { startEngine, type Engine } from '../../src/main/engine'
import { apiRequest } from '../helpers/serve'

const TOKEN = 'test-token-0123456789abcdef'
let engine: Engine
let api: ApiServer
let base: string
let port: string

beforeAll(async () => {
  engine = await startEngine({ proxyPort: 0, samplePort: 0 })
  api = createApi({ engine, token: TOKEN, rendererDir: undefined, version: 'test' })
  base = await api.listen(0, '127.0.0.1')
  port = new URL(base).port
})

afterAll(async () => {
  await api.close()
  await engine.close()
})

const ROUTES: [string, string][] = [
  ['GET', '/api/info'],
  ['GET', '/api/snapshot'],
  ['GET', '/api/har'],
  ['GET', '/api/sessions'],
  ['POST', '/api/clear'],
  ['POST', '/api/proxy-port'],
  ['POST', '/api/replay'],
  ['GET', '/proxy.pac'],
  ['GET', '/'],
  ['GET', '/api/nothing-here']
]

describe('local web API: token', () => {
  for (const [method, path] of ROUTES) {
    it(`${method} ${path} answers 401 without the token or with a wrong one`, async () => {
      expect((await apiRequest(base, path, { method })).status).toBe(401)
      expect((await apiRequest(base, path, { method, token: 'wrong' })).status).toBe(401)
      expect((await apiRequest(base, path, { method, token: TOKEN.slice(0, -1) })).status).toBe(401)
      const cookie = `roundtrip_token=${TOKEN}x`
      expect((await apiRequest(base, path, { method, headers: { cookie } })).status).toBe(401)
    })
  }

  it('accepts the token as a bearer header, a query parameter, or the cookie the page set', async () => {
    expect((await apiRequest(base, '/api/info', { token: TOKEN })).status).toBe(200)
    const page = await apiRequest(base, `/api/info?token=${TOKEN}`)
    expect(page.status).toBe(200)
    const setCookie = String(page.headers['set-cookie'])
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Strict/)
    const cookie = setCookie.split(';')[0]!
    expect((await apiRequest(base, '/api/snapshot', { headers: { cookie } })).status).toBe(200)
  })

  it('never echoes the token in an error body', async () => {
    const r = await apiRequest(base, '/api/info', { token: 'wrong' })
    expect(r.body).not.toContain(TOKEN)
    expect(r.body).toMatch(/token/)
  })
})

describe('local web API: Host header (DNS rebinding)', () => {
  for (const host of [
    'evil.example',
    `evil.example:${'$'}{port}`,
    '127.0.0.1:1',
    `127.0.0.1.evil.example`,
    ''
  ]) {
    it(`refuses Host "${host}" even with the token`, async () => {
      const h = host.replace('${port}', port)
      const r = await apiRequest(base, '/api/har', { token: TOKEN, host: h || ' ' })
      expect(r.status).toBe(403)
      expect(r.body).toContain('not this API')
    })
  }

  it('accepts 127.0.0.1 and localhost with the port', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      expect((await apiRequest(base, '/api/info', { token: TOKEN, host })).status).toBe(200)
    }
  })
})

describe('local web API: no CORS for other origins', () => {
  it('sends no Access-Control-Allow-* headers to a foreign origin, on a preflight or a real request', async () => {
    const origin = 'http://evil.example'
    const preflight = await apiRequest(base, '/api/snapshot', {
      method: 'OPTIONS',
      token: TOKEN,
      headers: {
        origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization'
      }
    })
    const real = await apiRequest(base, '/api/snapshot', { token: TOKEN, headers: { origin } })
    for (const r of [preflight, real]) {
      const cors = Object.keys(r.headers).filter((k) => k.startsWith('access-control-'))
      expect(cors).toEqual([])
    }
    expect(real.headers['x-content-type-options']).toBe('nosniff')
  })

  it('refuses a state-changing request from another origin on the same site, even with the cookie', async () => {
    // Another local page (127.0.0.1 on any port is the same site) could POST with the SameSite cookie.
    const r = await apiRequest(base, '/api/clear', {
      method: 'POST',
      headers: { cookie: `roundtrip_token=${TOKEN}`, origin: 'http://127.0.0.1:1' }
    })
    expect(r.status).toBe(403)
  })
})

function openStream(query: string, origin?: string): Promise<{ ok: boolean; first?: { type: string } }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/stream${query}`, origin ? { origin } : {})
    ws.once('message', (m) => {
      ws.close()
      resolve({ ok: true, first: JSON.parse(String(m)) as { type: string } })
    })
    ws.once('error', () => resolve({ ok: false }))
    ws.once('unexpected-response', (_req, res) => {
      res.resume()
      ws.terminate()
      resolve({ ok: false })
    })
  })
}

describe('local web API: live stream', () => {
  it('refuses the stream without the token or with a wrong one', async () => {
    expect((await openStream('')).ok).toBe(false)
    expect((await openStream('?token=wrong', base)).ok).toBe(false)
  })

  it('refuses the stream from a foreign Origin even with the token', async () => {
    expect((await openStream(`?token=${TOKEN}`, 'http://evil.example')).ok).toBe(false)
    expect((await openStream(`?token=${TOKEN}`, 'http://127.0.0.1:1')).ok).toBe(false)
    expect((await openStream(`?token=${TOKEN}`, 'null')).ok).toBe(false)
  })

  it('opens the stream with the token and our own Origin, snapshot first', async () => {
    const r = await openStream(`?token=${TOKEN}`, base)
    expect(r.ok).toBe(true)
    expect(r.first?.type).toBe('snapshot')
  })

  it('refuses the stream when the Host header is foreign', async () => {
    const r = await new Promise<boolean>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/api/stream?token=${TOKEN}`, {
        headers: { host: 'evil.example' }
      })
      ws.once('open', () => (ws.close(), resolve(true)))
      ws.once('error', () => resolve(false))
    })
    expect(r).toBe(false)
  })
})
