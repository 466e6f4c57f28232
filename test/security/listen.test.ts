// Listeners bind 127.0.0.1 by default, and the proxy refuses clients from other addresses unless
// told otherwise. Checked on the engine in-process and on the real `roundtrip serve` command; a
// second loopback address (127.0.0.2) proves nothing listens on the wildcard address.
import http from 'node:http'
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { isAllowedClient } from '../../src/main/proxy'
import { startEngine, type Engine } from '../../src/main/engine'
import { startServe, type RunningServe } from '../helpers/serve'
import { proxiedGet, startOrigin, startProxy } from '../helpers/net'

let engine: Engine | undefined
let serve: RunningServe | undefined

afterEach(async () => {
  await engine?.close()
  engine = undefined
  await serve?.stop()
  serve = undefined
})

/** Resolves to the error code of a connection attempt to host:port, or 'connected'. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port })
    s.once('connect', () => (s.destroy(), resolve('connected')))
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'))
  })
}

describe('listening addresses', () => {
  it('the engine binds its proxy and sample site to 127.0.0.1 only by default', async () => {
    engine = await startEngine({ proxyPort: 0, samplePort: 0 })
    const address = engine.proxy.server.address() as net.AddressInfo
    expect(address.address).toBe('127.0.0.1')
    const samplePort = Number(new URL(engine.sampleUrl).port)
    expect(new URL(engine.sampleUrl).hostname).toBe('127.0.0.1')
    expect(await tryConnect('127.0.0.1', address.port)).toBe('connected')
    expect(await tryConnect('127.0.0.2', address.port)).toBe('ECONNREFUSED')
    expect(await tryConnect('127.0.0.2', samplePort)).toBe('ECONNREFUSED')
  })

  it('roundtrip serve binds the proxy, the sample site and the API to 127.0.0.1 only', async () => {
    serve = await startServe()
    for (const url of [serve.addresses.proxy, serve.addresses.sample, serve.addresses.ui]) {
      const { hostname, port } = new URL(url)
      expect(hostname).toBe('127.0.0.1')
      expect(await tryConnect('127.0.0.1', Number(port))).toBe('connected')
      expect(await tryConnect('127.0.0.2', Number(port))).toBe('ECONNREFUSED')
    }
    expect(serve.stderr()).not.toMatch(/warning/)
  })
})

describe('which clients the proxy accepts', () => {
  it('accepts loopback clients, IPv4 and IPv6, by default', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect(isAllowedClient(a)).toBe(true)
  })

  it('refuses every other address unless remote clients are allowed', () => {
    const others = [
      '192.168.1.20',
      '10.0.0.1',
      '::ffff:10.0.0.1',
      'fe80::1',
      '2001:db8::1',
      '0.0.0.0',
      '',
      undefined
    ]
    for (const a of others) expect(isAllowedClient(a)).toBe(false)
    for (const a of others.slice(0, 5)) expect(isAllowedClient(a, true)).toBe(true)
  })

  it('closes a connection from another address without answering, unless remote clients are allowed', async () => {
    const origin = await startOrigin()
    try {
      for (const allowRemoteClients of [false, true]) {
        const p = await startProxy({ allowRemoteClients })
        // This machine has no second address for a test to come from, so the accepted socket is
        // relabelled before the proxy's own connection handler looks at it.
        p.proxy.server.prependListener('connection', (s: net.Socket) =>
          Object.defineProperty(s, 'remoteAddress', { value: '192.0.2.7' })
        )
        const result = await proxiedGet(p.port, `${origin.url}/from-afar`, { agent: new http.Agent() }).then(
          (r) => r.status,
          (e: NodeJS.ErrnoException) => e.code
        )
        expect(result).toBe(allowRemoteClients ? 200 : 'ECONNRESET')
        expect(p.store.snapshot().exchanges).toHaveLength(allowRemoteClients ? 1 : 0)
        await p.close()
      }
    } finally {
      await origin.close()
    }
  })

  it('is not fooled by addresses that only look like loopback', () => {
    for (const a of ['127.0.0.1.evil', '::ffff:127.0.0.1:80', '1127.0.0.1', '::2'])
      expect(isAllowedClient(a)).toBe(false)
  })
})

describe('proxy error pages', () => {
  it('are plain text the browser must not sniff as HTML, even when they quote hostile input', async () => {
    engine = await startEngine({ proxyPort: 0, samplePort: 0 })
    const port = (engine.proxy.server.address() as net.AddressInfo).port
    const replies = await Promise.all(
      [
        'GET http://exa%zz<script>alert(1)</script>/ HTTP/1.1\r\nHost: x\r\n\r\n',
        'GET /<script>alert(1)</script> HTTP/1.1\r\nHost: x\r\n\r\n',
        'GET http://127.0.0.1:1/<script> HTTP/1.1\r\nHost: x\r\n\r\n',
        'CONNECT <script>:443 HTTP/1.1\r\n\r\n',
        'BAD <script> LINE\r\n\r\n'
      ].map(
        (raw) =>
          new Promise<string>((resolve) => {
            const s = net.connect(port, '127.0.0.1', () => s.write(raw))
            let text = ''
            s.on('data', (c) => {
              text += c
              if (!text.includes('\r\n\r\n')) return
              s.destroy()
              resolve(text)
            })
            s.on('close', () => resolve(text))
            s.on('error', () => resolve(text))
          })
      )
    )
    for (const reply of replies) {
      const head = reply.split('\r\n\r\n')[0]!.toLowerCase()
      expect(head).toMatch(/^http\/1\.1 [45]\d\d/)
      expect(head).toContain('content-type: text/plain')
      expect(head).toContain('x-content-type-options: nosniff')
    }
  })
})
