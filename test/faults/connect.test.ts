// CONNECT tunnels that go wrong: no port, nothing listening, an unreachable address, a reset
// after the 200, stray blank lines. Each is answered or cut cleanly, the tunnel record says why,
// and the proxy keeps serving.
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { CapturedTunnel } from '../../src/shared/model'
import { rawExchange, startRawOrigin, startRig, type FaultRig } from '../helpers/faults'
import { eventually, freePort, startEcho } from '../helpers/net'

let rig: FaultRig
const cleanups: (() => Promise<void> | void)[] = []

afterEach(async () => {
  await rig.healthy()
  for (const c of cleanups.splice(0).reverse()) await c()
  await rig.close()
})

async function closedTunnel(): Promise<CapturedTunnel> {
  return eventually(() => {
    const t = rig.proxy.store.snapshot().tunnels[0]
    expect(t?.closedAt).toBeDefined()
    return t!
  })
}

const connect = (authority: string, extra = ''): string =>
  `CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n${extra}`

describe('CONNECT faults', () => {
  for (const authority of [
    'example.test',
    ':443',
    'example.test:0',
    'example.test:99999',
    '[::1:443',
    'a b:443'
  ]) {
    it(`refuses CONNECT ${authority} with a reason`, async () => {
      rig = await startRig()
      const reply = await rawExchange(rig.proxy.port, connect(authority), { until: () => false })
      expect(reply.status).toBe(400)
      expect(reply.closed).toBe(true)
      const tunnels = rig.proxy.store.snapshot().tunnels
      const exchanges = rig.proxy.store.snapshot().exchanges
      // The parser may refuse the request line itself (an error exchange) or the proxy the authority (a tunnel).
      const reason = tunnels[0]?.error?.message ?? exchanges[0]?.error?.message ?? ''
      expect(reason.length).toBeGreaterThan(20)
    })
  }

  it('answers 502 when nothing listens on the CONNECT port', async () => {
    rig = await startRig()
    const port = await freePort()
    const reply = await rawExchange(rig.proxy.port, connect(`127.0.0.1:${port}`), { until: () => false })
    expect(reply.status).toBe(502)
    expect(reply.text).toMatch(/refused the connection/)
    const t = await closedTunnel()
    expect(t.error?.kind).toBe('upstream-refused')
    expect(t.establishedAt).toBeUndefined()
  })

  it('answers 502 when the CONNECT address cannot be reached', async () => {
    rig = await startRig()
    const reply = await rawExchange(rig.proxy.port, connect('127.255.255.255:443'), { until: () => false })
    expect(reply.status).toBe(502)
    const t = await closedTunnel()
    expect(t.error?.kind).toBe('upstream-unreachable')
  })

  it('refuses CONNECT to the proxy itself with 508', async () => {
    rig = await startRig()
    const reply = await rawExchange(rig.proxy.port, connect(`127.0.0.1:${rig.proxy.port}`), {
      until: () => false
    })
    expect(reply.status).toBe(508)
    const t = await closedTunnel()
    expect(t.error?.kind).toBe('loop-detected')
  })

  it('closes the client side when the server resets right after the 200, and records it', async () => {
    rig = await startRig()
    const resetting = await startRawOrigin((s) => s.resetAndDestroy())
    cleanups.push(() => resetting.close())
    const reply = await rawExchange(rig.proxy.port, connect(`127.0.0.1:${resetting.port}`, 'hello'), {
      until: () => false,
      waitMs: 3000
    })
    expect(reply.status).toBe(200)
    expect(reply.closed).toBe(true)
    const t = await closedTunnel()
    expect(t.establishedAt).toBeDefined()
    expect(['error', 'server']).toContain(t.closedBy)
    expect(t.bytesUp).toBe(5)
  })

  it('closes the server side when the client resets after the 200', async () => {
    rig = await startRig()
    const seen: string[] = []
    const server = await startRawOrigin((s) => s.on('close', () => seen.push('closed')))
    cleanups.push(() => server.close())
    const socket = net.connect(rig.proxy.port, '127.0.0.1')
    socket.on('error', () => undefined)
    socket.write(connect(`127.0.0.1:${server.port}`, 'ping'))
    await eventually(() => expect(server.sockets).toHaveLength(1))
    await eventually(() => expect(seen).toEqual([]))
    socket.resetAndDestroy()
    await eventually(() => expect(seen).toEqual(['closed']))
    const t = await closedTunnel()
    expect(t.closedBy).toBe('client')
  })

  it('tolerates blank lines before CONNECT and passes blank lines after it into the tunnel', async () => {
    rig = await startRig()
    const echo = await startEcho()
    cleanups.push(() => echo.close())
    const reply = await rawExchange(
      rig.proxy.port,
      `\r\n\r\n${connect(`127.0.0.1:${echo.port}`, '\r\n\r\nping')}`,
      {
        until: (text) => text.endsWith('ping')
      }
    )
    expect(reply.status).toBe(200)
    expect(reply.text.endsWith('\r\n\r\n\r\n\r\nping')).toBe(true)
    const t = rig.proxy.store.snapshot().tunnels[0]!
    expect(t.bytesUp).toBe(8)
  })
})
