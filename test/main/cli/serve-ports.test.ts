// `serve` on its usual ports: a taken default port moves to a free one with a notice (the default is
// injected with the test-only ROUNDTRIP_TEST_*_PORT variables, on a port this test holds, so nothing
// depends on 8080 being free or taken on this machine).
import net from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { eventually, execFileP } from '../../helpers/net'
import { apiRequest, startServe, type RunningServe } from '../../helpers/serve'

let blocker: net.Server
let taken: number
let serve: RunningServe | undefined

beforeAll(async () => {
  blocker = net.createServer()
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r))
  taken = (blocker.address() as net.AddressInfo).port
})
afterAll(() => new Promise<void>((r) => blocker.close(() => r())))
afterEach(async () => {
  await serve?.stop()
  serve = undefined
})

describe('roundtrip serve on taken default ports', () => {
  it('moves the proxy, the sample site and the UI to free ports and says so', async () => {
    const port = String(taken)
    serve = await startServe([], 20_000, {
      freePorts: false,
      env: { ROUNDTRIP_TEST_PROXY_PORT: port, ROUNDTRIP_TEST_SAMPLE_PORT: port, ROUNDTRIP_TEST_UI_PORT: port }
    })
    const { proxy, sample, ui, token } = serve.addresses
    for (const url of [proxy, sample, ui]) expect(new URL(url).port).not.toBe(port)
    // Printed before the JSON line, but on another pipe: wait until it has been read.
    const stderr = await eventually(() => {
      expect(serve!.stderr()).toContain('the web UI listens on')
      return serve!.stderr()
    })
    expect(stderr).toContain(
      `roundtrip serve: Port ${port} was in use, so the proxy listens on port ${new URL(proxy).port} instead: point browsers and curl at ${proxy}.`
    )
    expect(stderr).toContain(
      `roundtrip serve: Port ${port} was in use, so the sample site runs on port ${new URL(sample).port}; through the proxy it is still http://roundtrip.test/.`
    )
    expect(stderr).toContain(
      `roundtrip serve: Port ${port} was in use, so the web UI listens on ${new URL(ui).origin} instead.`
    )
    // It works where it moved to, and the start screen shows the same notice.
    const { stdout } = await execFileP('curl', ['-sS', '-x', proxy, 'http://roundtrip.test/'])
    expect(stdout).toContain('Roundtrip')
    const info = JSON.parse((await apiRequest(ui, '/api/info', { token })).body) as { notice?: string }
    expect(info.notice).toContain(`Port ${port} was in use, so the proxy listens on port`)
  })

  it('still refuses a taken port that was asked for, naming its flag', async () => {
    const err = await startServe(['--sample-port', String(taken)], 20_000, {
      freePorts: false,
      env: { ROUNDTRIP_TEST_PROXY_PORT: '0', ROUNDTRIP_TEST_UI_PORT: '0' }
    }).catch((e: unknown) => e as Error)
    expect((err as Error).message).toContain('serve exited with 2')
    expect((err as Error).message).toContain(
      `roundtrip serve: port ${taken} on 127.0.0.1 is already in use, so the sample site cannot listen there; stop the program using it, or choose another port with --sample-port N`
    )
  })
})
