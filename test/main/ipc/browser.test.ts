import { describe, expect, it } from 'vitest'
import type { BrowserHandle, LaunchOptions } from '../../../src/main/browser/launch'
import { registerBrowserIpc } from '../../../src/main/ipc/browser'
import { CHANNELS } from '../../../src/main/ipc/channels'
import type { Handle } from '../../../src/main/ipc/handle'

function setup(files: string[], launchError?: string) {
  const handlers = new Map<string, (...args: unknown[]) => unknown>()
  const handle: Handle = (channel, validate, fn) => {
    handlers.set(channel, (...args) => fn(...validate(channel, args)))
  }
  const launched: LaunchOptions[] = []
  const closed: string[] = []
  const set = new Set(files)
  const shell = registerBrowserIpc(handle, {
    proxyUrl: () => 'http://127.0.0.1:8081',
    discovery: () => ({ platform: 'linux', env: { PATH: '/usr/bin' }, exists: (p) => set.has(p) }),
    launch: async (opts) => {
      if (launchError) throw new Error(launchError)
      launched.push(opts)
      let done!: (code: number | null) => void
      const exited = new Promise<number | null>((r) => (done = r))
      const h: BrowserHandle = {
        browser: opts.browser,
        pid: 1,
        profileDir: '/tmp/p',
        exited,
        exitReport: () => undefined,
        close: async () => {
          closed.push(opts.browser.id)
          done(0)
        }
      }
      return h
    }
  })
  return { handlers, launched, closed, shell }
}

describe('registerBrowserIpc', () => {
  it('lists the installed browsers and starts one by id through the current proxy', async () => {
    const t = setup(['/usr/bin/chromium', '/usr/bin/firefox'])
    expect(await t.handlers.get(CHANNELS.listBrowsers)!()).toEqual([
      { id: 'chromium', name: 'Chromium', family: 'chromium', path: '/usr/bin/chromium' },
      { id: 'firefox', name: 'Firefox', family: 'firefox', path: '/usr/bin/firefox' }
    ])
    expect(await t.handlers.get(CHANNELS.launchBrowser)!('firefox')).toEqual({
      status: 'launched',
      name: 'Firefox'
    })
    expect(t.launched[0]).toMatchObject({
      proxyUrl: 'http://127.0.0.1:8081',
      browser: { path: '/usr/bin/firefox' }
    })
    await t.shell.closeAll()
    expect(t.closed).toEqual(['firefox'])
  })

  it('refuses paths and unknown ids, and reports a failed start as a sentence', async () => {
    const t = setup(['/usr/bin/chromium'], 'Could not start Chromium at /usr/bin/chromium (EACCES).')
    expect(() => t.handlers.get(CHANNELS.launchBrowser)!('/bin/sh')).toThrow(
      /one of the ids from the browser list/
    )
    expect(await t.handlers.get(CHANNELS.launchBrowser)!('brave')).toEqual({
      status: 'error',
      error: 'No browser "brave" is installed here any more. Refresh the list.'
    })
    expect(await t.handlers.get(CHANNELS.launchBrowser)!('chromium')).toEqual({
      status: 'error',
      error: 'Could not start Chromium at /usr/bin/chromium (EACCES).'
    })
  })
})
