import { describe, expect, it } from 'vitest'
import { createHandle, trustedRenderer, type SenderCheck } from '../../../src/main/ipc/handle'
import { browserIdArgs, noArgs, saveHarArgs } from '../../../src/main/ipc/validate'

type Invoke = (event: unknown, ...args: unknown[]) => Promise<unknown>

/** An ipcMain stand-in that records handlers so the test can invoke them like Electron does. */
function fakeIpcMain() {
  const handlers = new Map<string, Invoke>()
  return {
    handlers,
    handle: (channel: string, fn: Invoke) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
      handlers.set(channel, fn)
    }
  }
}

const appUrl = 'app://roundtrip/index.html'
const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } })

describe('createHandle', () => {
  const ipc = fakeIpcMain()
  const handle = createHandle(ipc as never, trustedRenderer())
  handle('t:save', saveHarArgs, (opts) => ({ got: opts }))
  handle('t:none', noArgs, () => 'ok')
  const invoke = (channel: string, event: unknown, ...args: unknown[]) =>
    ipc.handlers.get(channel)!(event, ...args)

  it('runs the handler for the app page with valid arguments', async () => {
    await expect(invoke('t:none', frame(appUrl))).resolves.toBe('ok')
    await expect(invoke('t:save', frame(`${appUrl}#/sessions`), { redact: true })).resolves.toEqual({
      got: { redact: true }
    })
  })

  it('refuses a sender that is not the app page, naming where it came from', async () => {
    await expect(invoke('t:none', frame('https://evil.example/'))).rejects.toThrow(
      /t:none: refused a call from https:\/\/evil\.example\/, which is not Roundtrip's own page/
    )
    await expect(invoke('t:none', frame('file:///tmp/other.html'))).rejects.toThrow(/refused/)
    // The built page on disk is no longer trusted: the window loads app://roundtrip.
    await expect(
      invoke('t:none', frame('file:///opt/Roundtrip/resources/app/out/renderer/index.html'))
    ).rejects.toThrow(/refused/)
    await expect(invoke('t:none', frame('app://evil/index.html'))).rejects.toThrow(/refused/)
    await expect(invoke('t:none', frame('app://roundtrip:8080/index.html'))).rejects.toThrow(/refused/)
    await expect(invoke('t:none', frame(appUrl, { url: appUrl }))).rejects.toThrow(/refused/)
    await expect(invoke('t:none', { senderFrame: null })).rejects.toThrow(/an unknown page/)
  })

  it('refuses unexpected arguments with a sentence before the handler runs', async () => {
    await expect(invoke('t:none', frame(appUrl), 'extra')).rejects.toThrow(
      't:none: takes no arguments, got 1.'
    )
    await expect(invoke('t:save', frame(appUrl), { redact: 'yes' })).rejects.toThrow(
      /"redact" must be true or false/
    )
    await expect(invoke('t:save', frame(appUrl), { path: '/etc/passwd' })).rejects.toThrow(
      /unknown option "path"/
    )
    await expect(invoke('t:save', frame(appUrl), [1])).rejects.toThrow(/must be an object/)
    await expect(invoke('t:save', frame(appUrl), {}, {})).rejects.toThrow(/got 2 arguments/)
  })
})

describe('trustedRenderer', () => {
  it('trusts the page the window loads: app://roundtrip, or the loopback dev server in development', () => {
    const dev: SenderCheck = trustedRenderer({ devUrl: 'http://localhost:5173' })
    const prod: SenderCheck = trustedRenderer()
    const f = (url: string) => ({ url, parent: null })
    expect(prod(f(appUrl))).toBe(true)
    expect(prod(f('app://roundtrip/sessions#x'))).toBe(true)
    expect(prod(f('http://localhost:5173/'))).toBe(false)
    expect(prod(f('app://user@roundtrip/index.html'))).toBe(false)
    expect(prod(f('not a url'))).toBe(false)
    expect(dev(f('http://localhost:5173/'))).toBe(true)
    expect(dev(f('http://localhost:5174/'))).toBe(false)
    expect(dev(f(appUrl))).toBe(false)
    // A dev URL that is not loopback is never trusted, even if it reached this far.
    const remote = trustedRenderer({ devUrl: 'http://evil.example:5173' })
    expect(remote(f('http://evil.example:5173/'))).toBe(false)
  })
})

describe('validators', () => {
  it('accepts only short lowercase browser ids, never paths', () => {
    expect(browserIdArgs('c', ['chromium'])).toEqual(['chromium'])
    expect(() => browserIdArgs('c', ['/usr/bin/chromium'])).toThrow(/one of the ids from the browser list/)
    expect(() => browserIdArgs('c', [42])).toThrow(/one of the ids/)
    expect(() => browserIdArgs('c', [])).toThrow(/got 0 arguments/)
  })

  it('fills in missing save options and drops nothing silently', () => {
    expect(saveHarArgs('s', [])).toEqual([{}])
    expect(saveHarArgs('s', [{ redact: false }])).toEqual([{ redact: false }])
    expect(() => saveHarArgs('s', [Object.create({ redact: true })])).toThrow(/must be an object/)
  })
})
