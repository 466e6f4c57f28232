import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { Har } from 'har-format'
import { execFileP, startOrigin, type Origin } from '../../helpers/net'
import { apiRequest, BIN, ROOT, startServe, type RunningServe } from '../../helpers/serve'

let serve: RunningServe | undefined
let origin: Origin | undefined

afterEach(async () => {
  await serve?.stop()
  await origin?.close()
  serve = origin = undefined
})

describe('roundtrip serve', () => {
  it('prints exactly one JSON line with the proxy, sample, ui and token', async () => {
    serve = await startServe()
    const a = serve.addresses
    expect(Object.keys(a).sort()).toEqual(['ca', 'pid', 'proxy', 'sample', 'token', 'ui'])
    expect(a.pid).toBe(serve.child.pid)
    expect(a.proxy).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(a.sample).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(a.ui).toBe(`${new URL(a.ui).origin}/?token=${a.token}`)
    expect(a.token.length).toBeGreaterThanOrEqual(32)
    expect(await serve.stop('SIGINT')).toBe(0)
  })

  it('records curl -x traffic to a local origin and serves it from /api/har with connection ids', async () => {
    origin = await startOrigin()
    serve = await startServe()
    const { proxy, ui, token } = serve.addresses
    await execFileP('curl', ['-sS', '-x', proxy, `${origin.url}/hello`, `${origin.url}/again`])
    let har: Har | undefined
    for (let i = 0; i < 50; i++) {
      const r = await apiRequest(ui, '/api/har', { token })
      expect(r.status).toBe(200)
      har = JSON.parse(r.body) as Har
      if (har.log.entries.length === 2 && har.log.entries.every((e) => e.response.status === 200)) break
      await new Promise((r) => setTimeout(r, 50))
    }
    const entries = har!.log.entries
    expect(entries.map((e) => e.request.url)).toEqual([`${origin.url}/hello`, `${origin.url}/again`])
    expect(entries[0]!.connection).toBe(entries[1]!.connection)
    expect(entries[0]!.connection).toMatch(/^c\d+$/)
    const custom = entries as unknown as Record<string, unknown>[]
    expect(custom[0]!._upstreamConnectionId).toMatch(/^u\d+$/)
    expect(custom[1]!._upstreamReused).toBe(true)
  })

  it('answers 401 without the token and refuses a foreign Host header', async () => {
    serve = await startServe()
    const { ui, token } = serve.addresses
    const port = new URL(ui).port
    expect((await apiRequest(ui, '/api/har')).status).toBe(401)
    expect((await apiRequest(ui, '/api/har', { token: 'wrong' })).status).toBe(401)
    const rebinding = await apiRequest(ui, '/api/har', { token, host: `evil.example:${port}` })
    expect(rebinding.status).toBe(403)
    expect(rebinding.body).toContain('not this API')
    expect((await apiRequest(ui, '/api/har', { token, host: `localhost:${port}` })).status).toBe(200)
  })

  it('lets the page in with ?token= and then accepts the cookie it set', async () => {
    serve = await startServe()
    const { ui } = serve.addresses
    const page = await apiRequest(ui, ui)
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    const cookie = String(page.headers['set-cookie']).split(';')[0]!
    expect(cookie).toMatch(/^roundtrip_token=/)
    expect((await apiRequest(ui, '/api/info', { headers: { cookie } })).status).toBe(200)
  })

  it('streams a snapshot and then batches over the WebSocket, only with the token and our Origin', async () => {
    origin = await startOrigin()
    serve = await startServe()
    const { ui, token, proxy } = serve.addresses
    const wsUrl = `${ui.replace('http', 'ws').replace(/\/\?.*$/, '')}/api/stream?token=${token}`
    const refused = await new Promise<boolean>((resolve) => {
      const bad = new WebSocket(wsUrl, { origin: 'http://evil.example' })
      bad.on('open', () => resolve(false))
      bad.on('error', () => resolve(true))
    })
    expect(refused).toBe(true)
    const ws = new WebSocket(wsUrl, { origin: new URL(ui).origin })
    const messages: { type: string }[] = []
    ws.on('message', (m) => messages.push(JSON.parse(String(m)) as { type: string }))
    await new Promise((r) => ws.once('open', r))
    await execFileP('curl', ['-sS', '-x', proxy, `${origin.url}/live`])
    for (let i = 0; i < 50 && !messages.some((m) => m.type === 'batch'); i++)
      await new Promise((r) => setTimeout(r, 20))
    ws.close()
    expect(messages[0]!.type).toBe('snapshot')
    expect(JSON.stringify(messages)).toContain('/live')
  })

  it('moves the proxy to another port through the API', async () => {
    serve = await startServe()
    const { ui, token, proxy } = serve.addresses
    const post = (body: string) =>
      apiRequest(ui, '/api/proxy-port', {
        token,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body
      })
    const moved = JSON.parse((await post('{"port":0}')).body) as { status: string; proxy: string }
    expect(moved.status).toBe('moved')
    expect(moved.proxy).not.toBe(proxy)
    const info = JSON.parse((await apiRequest(ui, '/api/info', { token })).body) as { proxy: string }
    expect(info.proxy).toBe(moved.proxy)
    const { stdout } = await execFileP('curl', ['-sS', '-x', moved.proxy, 'http://roundtrip.test/'])
    expect(stdout).toContain('Roundtrip')
    expect((await post('{"port":"eighty"}')).status).toBe(400)
  })

  it('names the port in use and the flag to change it, exit 2', async () => {
    const blocker = net.createServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r))
    const port = (blocker.address() as net.AddressInfo).port
    try {
      const err = await execFileP(
        process.execPath,
        [BIN, 'serve', '--proxy-port', String(port), '--sample-port', '0', '--ui-port', '0'],
        {
          cwd: ROOT
        }
      ).catch((e: unknown) => e as { code: number; stderr: string })
      expect(err).toMatchObject({ code: 2 })
      expect((err as { stderr: string }).stderr).toContain(`port ${port} on 127.0.0.1 is already in use`)
      expect((err as { stderr: string }).stderr).toContain('--proxy-port')
    } finally {
      blocker.close()
    }
  })

  it('rejects a bad flag value with a sentence naming the flag', async () => {
    const err = await execFileP(process.execPath, [BIN, 'serve', '--proxy-port', 'eighty'], {
      cwd: ROOT
    }).catch((e: unknown) => e as { code: number; stderr: string })
    expect(err).toMatchObject({ code: 2 })
    expect((err as { stderr: string }).stderr).toContain('--proxy-port takes a whole number')
  })
})
