// Hostile TLS on real sockets: garbage instead of a ClientHello, a ClientHello in many pieces, a
// client that vanishes mid-handshake, one that never finishes, hundreds of server names, and
// origins with a broken certificate or none. Each becomes a recorded error with a sentence and
// the proxy keeps serving.
import https from 'node:https'
import net from 'node:net'
import tls from 'node:tls'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createCertificateAuthority, type CertificateAuthority } from '../../src/main/ca'
import { LeafCache } from '../../src/main/ca/leaves'
import type { CapturedTunnel } from '../../src/shared/model'
import { errorExchange, rawExchange, sleep, startRawOrigin, startRig, type FaultRig } from '../helpers/faults'
import { curl, tempHome } from '../helpers/https'
import { eventually } from '../helpers/net'

let rig: FaultRig | undefined
let ca: CertificateAuthority
const cleanups: (() => Promise<void> | void)[] = []

afterEach(async () => {
  await rig?.healthy()
  await rig?.close()
  rig = undefined
  for (const c of cleanups.splice(0)) await c()
})

async function interceptingRig(
  opts: { maxLeaves?: number; handshakeTimeoutMs?: number } = {}
): Promise<FaultRig> {
  ca = createCertificateAuthority({ home: tempHome(), maxLeaves: opts.maxLeaves })
  await ca.load()
  return startRig({ tls: { ca, handshakeTimeoutMs: opts.handshakeTimeoutMs, sniffTimeoutMs: 500 } })
}

const connectLine = (target: string): string => `CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`

/** A real ClientHello for `servername`, caught by a TCP server that answers nothing. */
async function clientHello(servername: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const server = net.createServer((s) => {
      s.once('data', (d: Buffer) => {
        resolve(d)
        s.destroy()
        server.close()
      })
    })
    server.listen(0, '127.0.0.1', () => {
      const c = tls.connect({ port: (server.address() as AddressInfo).port, host: '127.0.0.1', servername })
      c.on('error', () => undefined)
    })
  })
}

async function tunnelError(port: number): Promise<CapturedTunnel> {
  return eventually(() => {
    const t = rig!.proxy.store.snapshot().tunnels.find((x) => x.port === port && x.error)
    expect(t, `an error on the tunnel to port ${port}`).toBeDefined()
    return t!
  }, 15_000)
}

/** A TCP origin that accepts and never says anything: the far end of tunnels Roundtrip intercepts. */
async function sink(): Promise<number> {
  const origin = await startRawOrigin(() => undefined)
  cleanups.push(() => origin.close())
  return origin.port
}

describe('hostile TLS clients', () => {
  it('garbage in a TLS record instead of a ClientHello is a recorded handshake error', async () => {
    rig = await interceptingRig()
    const port = await sink()
    const garbage = Buffer.concat([Buffer.from([0x16, 0x03, 0x01, 0x00, 0x40]), Buffer.alloc(64, 0xab)])
    const reply = await rawExchange(rig.proxy.port, [connectLine(`127.0.0.1:${port}`), garbage], {
      gapMs: 20,
      until: () => false,
      waitMs: 1500
    })
    expect(reply.status).toBe(200)
    const t = await tunnelError(port)
    expect(t.mode).toBe('intercepted')
    expect(t.error?.kind).toBe('client-tls')
    expect(t.error?.message).toMatch(/TLS handshake with Roundtrip failed/)
  })

  it('bytes that are neither TLS nor HTTP go through as an opaque tunnel', async () => {
    rig = await interceptingRig()
    const origin = await startRawOrigin((s, d) => s.write(d))
    cleanups.push(() => origin.close())
    const reply = await rawExchange(
      rig.proxy.port,
      [connectLine(`127.0.0.1:${origin.port}`), '\x00\x01binary'],
      {
        gapMs: 20,
        until: (text) => text.endsWith('binary')
      }
    )
    expect(reply.text.endsWith('\x00\x01binary')).toBe(true)
    const t = rig.proxy.store.snapshot().tunnels[0]!
    expect(t.mode).toBe('tunnel')
  })

  it('a ClientHello split into many small packets still gets an answer', async () => {
    rig = await interceptingRig()
    const port = await sink()
    const hello = await clientHello('split.test')
    const pieces: Buffer[] = []
    for (let i = 0; i < hello.length; i += 7) pieces.push(hello.subarray(i, i + 7))
    const reply = await rawExchange(rig.proxy.port, [connectLine(`127.0.0.1:${port}`), ...pieces], {
      gapMs: 2,
      waitMs: 5000,
      until: (text) => {
        const body = text.split('\r\n\r\n')[1] ?? ''
        return body.length > 5
      }
    })
    const body = Buffer.from(reply.text.split('\r\n\r\n').slice(1).join('\r\n\r\n'), 'latin1')
    expect([body[0], body[1]]).toEqual([0x16, 0x03]) // the ServerHello
    expect(pieces.length).toBeGreaterThan(20)
  })

  it('a client that vanishes mid-ClientHello is recorded as such', async () => {
    rig = await interceptingRig()
    const port = await sink()
    const hello = await clientHello('vanish.test')
    const raw = net.connect(rig.proxy.port, '127.0.0.1', () => raw.write(connectLine(`127.0.0.1:${port}`)))
    raw.on('error', () => undefined)
    await new Promise((resolve) => raw.once('data', resolve))
    raw.write(hello.subarray(0, 40))
    // Gone once Roundtrip has started on the handshake.
    await eventually(() => {
      expect(rig!.proxy.store.snapshot().tunnels.find((t) => t.port === port)?.mode).toBe('intercepted')
    }, 5000)
    raw.destroy()
    const t = await tunnelError(port)
    expect(t.error?.kind).toBe('client-tls')
    expect(t.error?.message).toMatch(/left in the middle of its TLS handshake/)
  })

  it('a handshake that never finishes times out with a sentence', async () => {
    rig = await interceptingRig({ handshakeTimeoutMs: 300 })
    const port = await sink()
    const hello = await clientHello('stall.test')
    const reply = await rawExchange(
      rig.proxy.port,
      [connectLine(`127.0.0.1:${port}`), hello.subarray(0, 40)],
      {
        gapMs: 20,
        waitMs: 3000,
        until: () => false
      }
    )
    expect(reply.closed).toBe(true)
    const t = await tunnelError(port)
    expect(t.error?.message).toMatch(/never finished it/)
  })

  it('four times as many server names as the leaf cache holds keep it bounded', async () => {
    rig = await interceptingRig({ maxLeaves: 50 })
    const port = await sink()
    // One real ClientHello, its server name rewritten in place (same length) for each connection.
    const template = await clientHello('h0000.names.test')
    const at = template.indexOf('h0000.names.test')
    expect(at).toBeGreaterThan(0)
    const one = (i: number): Promise<boolean> =>
      new Promise((resolve) => {
        const hello = Buffer.from(template)
        hello.write(`h${String(i).padStart(4, '0')}.names.test`, at, 'latin1')
        const raw = net.connect(rig!.proxy.port, '127.0.0.1', () =>
          raw.write(connectLine(`127.0.0.1:${port}`))
        )
        let answered = false
        raw.once('close', () => resolve(answered))
        raw.on('error', () => undefined)
        raw.once('data', () => {
          raw.write(hello)
          // The ServerHello (with the leaf made for this name) ends the test's interest.
          raw.once('data', (d: Buffer) => {
            answered = d[0] === 0x16
            raw.destroy()
          })
        })
      })
    let answered = 0
    // 200 names against a cache of 50: four times over, and 200 leaves made and signed on the way.
    for (let i = 0; i < 200; i += 50) {
      const batch = await Promise.all(Array.from({ length: 50 }, (_, k) => one(i + k)))
      answered += batch.filter(Boolean).length
    }
    expect(answered).toBe(200)
    expect(ca.leafCount()).toBeLessThanOrEqual(50)
    expect(ca.leafCount()).toBeGreaterThan(0)
  }, 120_000)
})

describe('hostile origins behind an intercepted tunnel', () => {
  async function via(target: string): Promise<{ stdout: string }> {
    return curl([
      '--http1.1', // these tests read the HTTP/1.1 door (HTTP/2 is offered by default)
      '--cacert',
      ca.certPath,
      '-x',
      rig!.proxy.url,
      '-i',
      '--suppress-connect-headers',
      `https://${target}/`
    ])
  }

  it('an origin that answers TLS with garbage is a 502 with a sentence', async () => {
    rig = await interceptingRig()
    const origin = await startRawOrigin((s) => s.end('this is not TLS at all\r\n'))
    cleanups.push(() => origin.close())
    const r = await via(`127.0.0.1:${origin.port}`)
    expect(r.stdout).toMatch(/^HTTP\/1\.1 502/)
    const ex = await errorExchange(rig.proxy, (e) => e.url.includes(String(origin.port)))
    expect(ex.error?.kind).toBe('upstream-tls')
  })

  it('an origin that closes without a certificate is a 502 with a sentence', async () => {
    rig = await interceptingRig()
    const origin = await startRawOrigin((s) => s.destroy())
    cleanups.push(() => origin.close())
    const r = await via(`127.0.0.1:${origin.port}`)
    expect(r.stdout).toMatch(/^HTTP\/1\.1 502/)
    await errorExchange(rig.proxy, (e) => e.url.includes(String(origin.port)))
  })

  for (const [what, leafFor, shift, reason] of [
    ['an expired certificate', 'localhost', -100 * 86_400_000, /has expired/],
    ['a certificate for another host', 'elsewhere.test', 0, /another host name \(wrong host\)/]
  ] as const) {
    it(`an origin with ${what} is refused with the reason`, async () => {
      rig = await interceptingRig()
      // The origin's CA is trusted (--upstream-ca), so only the named fault remains.
      const originCa = await createCertificateAuthority({ home: tempHome() }).load()
      const leaf = await new LeafCache(originCa, { now: () => Date.now() + shift }).leaf(leafFor)
      const server = https.createServer({ SNICallback: (_n, cb) => cb(null, leaf.context) }, (_req, res) =>
        res.end('ok')
      )
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
      cleanups.push(() => new Promise<void>((r) => server.close(() => r())))
      await rig.close()
      rig = await startRig({ tls: { ca, trust: { extraCa: originCa.certPem } } })
      const port = (server.address() as AddressInfo).port
      const r = await via(`localhost:${port}`)
      expect(r.stdout).toMatch(/^HTTP\/1\.1 502/)
      expect(r.stdout).toMatch(reason)
      const ex = await errorExchange(rig.proxy, (e) => e.url.includes(String(port)))
      expect(ex.error?.kind).toBe('upstream-tls')
      await sleep(10)
    })
  }
})
