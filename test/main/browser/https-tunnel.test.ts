// HTTPS the proxy leaves alone (a --passthrough host, or --no-intercept): a CONNECT tunnel to a
// local TLS server (a self-signed certificate made here with openssl) completes its handshake end
// to end and lands in the capture as a tunnel with bytes counted each way. The proxy never sees inside.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { connect as netConnect, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect as tlsConnect, createServer, type Server } from 'node:tls'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEngine, type Engine } from '../../../src/main/engine'

const run = promisify(execFile)
let dir: string
let tls: Server
let engine: Engine
let cert: Buffer

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtrip-tls-'))
  await run('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')
  ]) // prettier-ignore
  cert = await readFile(join(dir, 'cert.pem'))
  const key = await readFile(join(dir, 'key.pem'))
  tls = createServer({ key, cert }, (socket) => {
    socket.once('data', (d) => socket.end(`secret reply to ${d.toString()}`))
  })
  await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r))
  engine = await startEngine({ proxyPort: 0, samplePort: 0, batchMs: 10, passthrough: ['127.0.0.*'] })
})

afterAll(async () => {
  await engine?.close()
  await new Promise((r) => tls?.close(r))
  await rm(dir, { recursive: true, force: true })
})

/** Opens a CONNECT tunnel through the proxy and resolves with the raw socket once it is established. */
function tunnel(proxyUrl: string, target: string): Promise<import('node:net').Socket> {
  const { hostname, port } = new URL(proxyUrl)
  return new Promise((resolve, reject) => {
    const s = netConnect(Number(port), hostname)
    let head = ''
    s.once('error', reject)
    s.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`)
    const onData = (d: Buffer): void => {
      head += d.toString('latin1')
      if (!head.includes('\r\n\r\n')) return
      s.off('data', onData)
      if (/^HTTP\/1\.[01] 200/.test(head)) resolve(s)
      else reject(new Error(`CONNECT refused: ${head.split('\r\n')[0]}`))
    }
    s.on('data', onData)
  })
}

describe('HTTPS through the proxy, not intercepted', () => {
  it('passes a --passthrough host through untouched and records the tunnel with byte counts', async () => {
    await handshakeThrough(engine, 'passthrough')
  })

  it('keeps every tunnel opaque with interception off', async () => {
    const off = await startEngine({ proxyPort: 0, samplePort: 0, batchMs: 10, intercept: false })
    try {
      await handshakeThrough(off, 'tunnel')
    } finally {
      await off.close()
    }
  })
})

async function handshakeThrough(engine: Engine, mode: 'passthrough' | 'tunnel'): Promise<void> {
  {
    const port = (tls.address() as AddressInfo).port
    const raw = await tunnel(engine.proxyUrl, `127.0.0.1:${port}`)
    const secure = tlsConnect({ socket: raw, ca: cert, host: '127.0.0.1' })
    const reply = await new Promise<string>((resolve, reject) => {
      let text = ''
      secure.once('secureConnect', () => secure.write('hello'))
      secure.on('data', (d) => (text += d.toString()))
      secure.once('end', () => resolve(text))
      secure.once('error', reject)
    })
    expect(secure.authorized).toBe(true)
    expect(reply).toBe('secret reply to hello')
    secure.destroy()

    const deadline = Date.now() + 5000
    let found
    while (Date.now() < deadline) {
      engine.store.flush()
      found = engine.store.snapshot().tunnels.find((t) => t.port === port && t.closedAt !== undefined)
      if (found) break
      await new Promise((r) => setTimeout(r, 25))
    }
    expect(found).toMatchObject({ host: '127.0.0.1', port, mode })
    expect(found!.establishedAt).toBeGreaterThan(0)
    // A TLS handshake alone is hundreds of bytes each way (the server's certificate goes down).
    expect(found!.bytesUp).toBeGreaterThan(100)
    expect(found!.bytesDown).toBeGreaterThan(found!.bytesUp)
    expect(engine.store.snapshot().exchanges.some((e) => e.url.includes(String(port)))).toBe(false)
    expect(engine.store.snapshot().connections.some((c) => c.id === found!.clientConnectionId)).toBe(true)
  }
}
