import { existsSync } from 'node:fs'
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CaptureSnapshot } from '../../../src/shared/model'
import { eventually } from '../../helpers/net'
import { apiRequest, startServe, type RunningServe } from '../../helpers/serve'

const HEADLESS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
].map((a) => `--browser-arg=${a}`)

let serve: RunningServe | undefined

afterEach(async () => {
  await serve?.stop()
  serve = undefined
})

describe('roundtrip serve --browser', () => {
  it('opens Chromium through the proxy on the sample site, and removes its profile when it stops', async () => {
    serve = await startServe(['--browser', '/usr/bin/chromium', ...HEADLESS], 30_000)
    const { browser, ui, token } = serve.addresses
    expect(browser?.profileDir).toBeTruthy()
    expect(existsSync(browser!.profileDir)).toBe(true)

    let urls: string[] = []
    for (let i = 0; i < 100 && !urls.includes('http://roundtrip.test/'); i++) {
      const snap = JSON.parse((await apiRequest(ui, '/api/snapshot', { token })).body) as CaptureSnapshot
      urls = snap.exchanges.filter((e) => e.status === 200).map((e) => e.url)
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(urls).toContain('http://roundtrip.test/')

    expect(await serve.stop()).toBe(0)
    expect(existsSync(browser!.profileDir)).toBe(false)
  })

  it('says which browsers it looked for when the named one is not there, and keeps serving', async () => {
    serve = await startServe(['--browser', '/nonexistent/browser'])
    expect(serve.addresses.browser).toBeUndefined()
    for (let i = 0; i < 50 && !serve.stderr(); i++) await new Promise((r) => setTimeout(r, 20))
    expect(serve.stderr()).toMatch(/nonexistent\/browser/)
    const info = await apiRequest(serve.addresses.ui, '/api/info', { token: serve.addresses.token })
    expect(info.status).toBe(200)
    // The start screen in the browser UI shows the same sentence.
    expect((JSON.parse(info.body) as { notice?: string }).notice).toMatch(/nonexistent\/browser/)
  })
})

describe('roundtrip serve --browser that exits', () => {
  it('says a browser that exits at once, with its exit code, before it says it is ready', async () => {
    serve = await startServe(['--browser', '/bin/false'])
    // No browser in the JSON line: it is gone, and the notice is already out.
    expect(serve.addresses.browser).toBeUndefined()
    const said = 'roundtrip serve: false exited with exit code 1 right after it started.'
    await eventually(() => expect(serve!.stderr()).toContain(said))
    const info = await apiRequest(serve.addresses.ui, '/api/info', { token: serve.addresses.token })
    expect((JSON.parse(info.body) as { notice?: string }).notice).toContain('false exited with exit code 1')
  })

  it('says a browser that dies later, with its last stderr lines and the fix, in the terminal and on the start screen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roundtrip-dying-browser-'))
    const path = join(dir, 'chromium')
    await writeFile(
      path,
      "#!/bin/sh\necho '[ERROR:ozone_platform_x11.cc] Missing X server or $DISPLAY' >&2\nsleep 3\nexit 3\n"
    )
    await chmod(path, 0o755)
    try {
      serve = await startServe(['--browser', path])
      const notice = await eventually(() => {
        expect(serve!.stderr()).toContain('chromium exited with exit code 3')
        return serve!.stderr()
      }, 10_000)
      expect(notice).toContain('Missing X server or $DISPLAY')
      expect(notice).toContain('start it with --browser-arg=--headless=new, or run Roundtrip under xvfb-run.')
      const info = await apiRequest(serve.addresses.ui, '/api/info', { token: serve.addresses.token })
      expect((JSON.parse(info.body) as { notice?: string }).notice).toContain(
        'chromium exited with exit code 3'
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
