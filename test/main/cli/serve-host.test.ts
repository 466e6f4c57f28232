// --host moves the proxy only: the UI stays on loopback, the PAC file names an address its reader
// can reach (never 0.0.0.0), and the warning says exactly that.
import { afterEach, describe, expect, it } from 'vitest'
import { reachableProxyUrl } from '../../../src/main/browser/pac'
import { eventually } from '../../helpers/net'
import { apiRequest, startServe, type RunningServe } from '../../helpers/serve'

let serve: RunningServe | undefined
afterEach(async () => {
  await serve?.stop()
  serve = undefined
})

describe('roundtrip serve --host', () => {
  it('names a wildcard proxy by the address its reader reached', () => {
    expect(reachableProxyUrl('http://0.0.0.0:8080', '192.168.1.20')).toBe('http://192.168.1.20:8080')
    expect(reachableProxyUrl('http://0.0.0.0:8080', '::ffff:127.0.0.1')).toBe('http://127.0.0.1:8080')
    expect(reachableProxyUrl('http://[::]:8080', 'fe80::1')).toBe('http://[fe80::1]:8080')
    expect(reachableProxyUrl('http://127.0.0.1:8080', '10.0.0.1')).toBe('http://127.0.0.1:8080')
  })

  it('puts the proxy on every interface, keeps the UI on loopback and says so', async () => {
    serve = await startServe(['--host', '0.0.0.0'])
    const { proxy, ui, token } = serve.addresses
    expect(new URL(proxy).hostname).toBe('0.0.0.0')
    expect(new URL(ui).hostname).toBe('127.0.0.1')
    const warning = await eventually(() => {
      expect(serve!.stderr()).toContain('warning')
      return serve!.stderr()
    })
    expect(warning).toContain(
      'roundtrip serve: warning: the proxy listens on 0.0.0.0, so other machines on your network can send traffic through it, and it is recorded; the UI and its API stay on 127.0.0.1.'
    )
    const pac = await apiRequest(ui, `/proxy.pac?token=${token}`)
    expect(pac.status).toBe(200)
    expect(pac.body).toContain(`PROXY 127.0.0.1:${new URL(proxy).port}`)
    expect(pac.body).not.toContain('0.0.0.0')
  })
})
