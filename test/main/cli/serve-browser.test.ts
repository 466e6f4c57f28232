import { existsSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import type { CaptureSnapshot } from '../../../src/shared/model'
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
