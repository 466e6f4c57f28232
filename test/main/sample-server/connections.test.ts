// Keep-alive from the server's side, the demo routes for it, and the headers every page carries.
import http from 'node:http'
import net from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSampleServer } from '../../../src/main/sample-server'
import { request, startSample, type RunningSample } from '../../helpers/sample-client'
import { eventually } from '../../helpers/net'

let site: RunningSample
let agent: http.Agent

beforeEach(async () => {
  site = await startSample()
  agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
})

afterEach(async () => {
  agent.destroy()
  await site.close()
})

describe('connection tracking', () => {
  it('names each accepted socket s1, s2, ... by its remote port, and forgets it on close', async () => {
    const first = await request(`${site.url}/`, { agent })
    const second = await request(`${site.url}/gallery`, { agent })
    expect(second.localPort).toBe(first.localPort)
    expect(site.server.connectionIdForPeerPort(first.localPort)).toBe('s1')
    expect([first.headers['x-server-connection'], second.headers['x-server-connection']]).toEqual([
      's1',
      's1'
    ])
    expect([first.headers['x-server-request-number'], second.headers['x-server-request-number']]).toEqual([
      '1',
      '2'
    ])
    const other = await request(`${site.url}/`) // no agent: a connection of its own
    expect(other.localPort).not.toBe(first.localPort)
    expect(other.headers['x-server-connection']).toBe('s2')
    agent.destroy()
    await eventually(() => expect(site.server.connectionIdForPeerPort(first.localPort)).toBeUndefined())
    expect(site.server.connectionIdForPeerPort(12345)).toBeUndefined()
  })

  it('/close answers with Connection: close, so the next request opens a new connection', async () => {
    const before = await request(`${site.url}/`, { agent })
    const closing = await request(`${site.url}/close`, { agent })
    expect(closing.headers.connection).toBe('close')
    expect(closing.localPort).toBe(before.localPort)
    expect(closing.body).toContain('Connection: close')
    await eventually(() => expect(site.server.connectionIdForPeerPort(before.localPort)).toBeUndefined())
    const after = await request(`${site.url}/`, { agent })
    expect(after.localPort).not.toBe(before.localPort)
    expect(site.server.connectionIdForPeerPort(after.localPort)).toBe('s2')
    expect(after.headers['x-server-request-number']).toBe('1')
  })
})

describe('demo routes', () => {
  it('/gallery links 24 images the site serves itself', async () => {
    const page = await request(`${site.url}/gallery`)
    const srcs = [...page.body.matchAll(/<img src="(\/img\/\d+\.svg)"/g)].map((m) => m[1])
    expect(srcs).toHaveLength(24)
    for (const src of [srcs[0], srcs[23]]) {
      const img = await request(`${site.url}${src}`)
      expect(img.status).toBe(200)
      expect(img.headers['content-type']).toBe('image/svg+xml')
      expect(img.body).toMatch(/^<svg /)
    }
    expect((await request(`${site.url}/img/25.svg`)).status).toBe(404)
    expect((await request(`${site.url}/img/0.svg`)).status).toBe(404)
  })

  it('/slow waits the asked time, bounded at 10 s, and rejects nonsense', async () => {
    const started = performance.now()
    const slow = await request(`${site.url}/slow?ms=300`)
    expect(slow.status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(290)
    expect(slow.body).toContain('waited 300 ms')
    expect((await request(`${site.url}/slow?ms=-5`)).status).toBe(400)
    expect((await request(`${site.url}/slow?ms=abc`)).status).toBe(400)
  })

  it('/slow does not hold the server open when it closes', async () => {
    const pending = request(`${site.url}/slow?ms=999999`).then(
      () => 'answered',
      () => 'aborted'
    )
    await new Promise((r) => setTimeout(r, 100))
    const started = performance.now()
    await site.close()
    expect(performance.now() - started).toBeLessThan(2000)
    expect(await pending).toBe('aborted')
    site = await startSample()
  })
})

describe('headers and errors', () => {
  it('every page carries a CSP, nosniff and no-store', async () => {
    for (const path of ['/', '/login', '/account', '/naive/login', '/gallery', '/nowhere']) {
      const reply = await request(`${site.url}${path}`)
      if (reply.status === 303) continue
      expect(reply.headers['content-security-policy']).toMatch(/default-src 'none'/)
      expect(reply.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/)
      expect(reply.headers['x-content-type-options']).toBe('nosniff')
      expect(reply.headers['cache-control']).toBe('no-store')
      expect(reply.headers['content-type']).toBe('text/html; charset=utf-8')
    }
  })

  it('answers an unknown path with 404 and a wrong method with 405 and Allow', async () => {
    const missing = await request(`${site.url}/nowhere?<b>`)
    expect(missing.status).toBe(404)
    expect(missing.body).toContain('There is no page at /nowhere.')
    const wrong = await request(`${site.url}/account`, { method: 'POST' })
    expect(wrong.status).toBe(405)
    expect(wrong.headers.allow).toBe('GET, HEAD')
    expect((await request(`${site.url}/login`, { method: 'DELETE' })).headers.allow).toBe('GET, POST, HEAD')
  })

  it('answers a Host header that makes no URL with 400', async () => {
    const bad = await request(`${site.url}/`, { host: 'not a host' })
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('The Host header or path is not valid.')
  })

  it('refuses an oversized form with 413 and stays up', async () => {
    const big = await request(`${site.url}/naive/login`, {
      method: 'POST',
      form: { username: 'x'.repeat(20_000) }
    })
    expect(big.status).toBe(413)
    expect(big.body).toContain('Send a smaller form.')
    expect((await request(`${site.url}/`)).status).toBe(200)
  })

  it('keeps running after a malformed request', async () => {
    const socket = net.connect(Number(new URL(site.url).port), '127.0.0.1')
    let answer = ''
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()))
    socket.end('NONSENSE\r\n\r\n')
    await new Promise((r) => socket.on('close', r))
    expect(answer).toMatch(/^HTTP\/1\.1 400 /)
    expect((await request(`${site.url}/`)).status).toBe(200)
  })

  it('explains a port already in use', async () => {
    const other = createSampleServer()
    const port = Number(new URL(site.url).port)
    await expect(other.listen(port)).rejects.toThrow(/already in use/)
    await other.close()
  })
})
