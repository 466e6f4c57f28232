// Loads the Electron entry (src/main/index.ts) with `electron` mocked and the real engine on
// free ports, then talks to it the way the page would: through the registered IPC handlers,
// with a request sent through the proxy by curl showing up as a pushed capture batch.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it, vi } from 'vitest'
import type { CaptureBatch } from '../../src/shared/model'

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>

const fake = vi.hoisted(() => {
  const appListeners = new Map<string, (...a: unknown[]) => void>()
  const sent: [string, unknown][] = []
  const windows: { options: Record<string, unknown>; loaded: string[] }[] = []
  const BrowserWindow = function (this: Record<string, unknown>, options: Record<string, unknown>) {
    const record = { options, loaded: [] as string[] }
    windows.push(record)
    this.webContents = {
      on: () => undefined,
      setWindowOpenHandler: () => undefined,
      send: (channel: string, payload: unknown) => sent.push([channel, payload])
    }
    this.once = () => this
    this.on = () => this
    this.isDestroyed = () => false
    this.loadFile = (f: string) => (record.loaded.push(f), Promise.resolve())
    this.loadURL = (u: string) => (record.loaded.push(u), Promise.resolve())
  }
  return {
    appListeners,
    sent,
    windows,
    BrowserWindow,
    handlers: new Map<string, Handler>(),
    quit: { calls: 0 },
    menu: { set: 0 },
    permissionHandlers: 0,
    schemes: [] as unknown[],
    protocols: [] as string[]
  }
})

vi.mock('electron', () => ({
  app: {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    on: (name: string, fn: (...a: unknown[]) => void) => fake.appListeners.set(name, fn),
    getVersion: () => '9.9.9',
    setAboutPanelOptions: () => undefined,
    showAboutPanel: () => undefined,
    quit: () => fake.quit.calls++,
    exit: () => undefined
  },
  BrowserWindow: fake.BrowserWindow,
  protocol: {
    registerSchemesAsPrivileged: (list: unknown[]) => fake.schemes.push(...list),
    handle: (scheme: string) => fake.protocols.push(scheme)
  },
  dialog: { showErrorBox: (t: string, m: string) => console.error(t, m) },
  ipcMain: { handle: (channel: string, fn: Handler) => fake.handlers.set(channel, fn) },
  nativeTheme: { themeSource: 'light' },
  session: {
    defaultSession: {
      setPermissionRequestHandler: () => fake.permissionHandlers++,
      setPermissionCheckHandler: () => fake.permissionHandlers++
    }
  },
  shell: { openExternal: () => Promise.resolve() },
  Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => fake.menu.set++ }
}))

// The real engine, on free ports, so this test never fights anyone for 8080 or 3000.
vi.mock('../../src/main/engine', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/main/engine')>()
  return {
    ...real,
    startEngine: (opts: Parameters<typeof real.startEngine>[0]) =>
      real.startEngine({ ...opts, proxyPort: 0, samplePort: 0, batchMs: 20 })
  }
})

const run = promisify(execFile)

async function until<T>(what: string, get: () => T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = get()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

await import('../../src/main/index')
const page = { senderFrame: { url: 'app://roundtrip/index.html', parent: null } }
const call = (channel: string, ...args: unknown[]) => fake.handlers.get(channel)!(page, ...args)

afterAll(async () => {
  const quit = fake.appListeners.get('before-quit')
  quit?.({ preventDefault: () => undefined })
  await until('the app to quit after closing the engine', () => (fake.quit.calls > 0 ? true : undefined))
})

describe('the Electron entry, wired', () => {
  it('opens one locked-down window on the built renderer, served on app://, and installs the menu', async () => {
    const win = await until('the window', () => fake.windows[0])
    expect(win.loaded).toEqual(['app://roundtrip/index.html'])
    expect(fake.schemes).toEqual([expect.objectContaining({ scheme: 'app' })])
    expect(fake.protocols).toEqual(['app'])
    expect(win.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false
    })
    expect(fake.menu.set).toBe(1)
    expect(fake.permissionHandlers).toBe(2)
    expect([...fake.appListeners.keys()]).toEqual(
      expect.arrayContaining(['web-contents-created', 'window-all-closed', 'before-quit', 'second-instance'])
    )
  })

  it('registers every channel behind the sender check', async () => {
    expect([...fake.handlers.keys()].sort()).toEqual([
      'roundtrip:add-passthrough',
      'roundtrip:clear-capture',
      'roundtrip:get-body',
      'roundtrip:get-info',
      'roundtrip:get-session-store',
      'roundtrip:get-sessions',
      'roundtrip:get-snapshot',
      'roundtrip:get-snapshot-part',
      'roundtrip:get-snapshot-start',
      'roundtrip:launch-browser',
      'roundtrip:list-browsers',
      'roundtrip:open-har',
      'roundtrip:replay',
      'roundtrip:save-har',
      'roundtrip:set-proxy-port'
    ])
    await expect(
      fake.handlers.get('roundtrip:get-info')!({
        senderFrame: { url: 'https://evil.example/', parent: null }
      })
    ).rejects.toThrow(/not Roundtrip's own page/)
  })

  it('answers getInfo and pushes traffic sent through the proxy to the page as batches', async () => {
    const info = (await call('roundtrip:get-info')) as { proxy: string; sample: string; version: string }
    expect(info.version).toBe('9.9.9')
    expect(info.proxy).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const { stdout } = await run('curl', ['-s', '-x', info.proxy, 'http://roundtrip.test/'])
    expect(stdout.length).toBeGreaterThan(0)
    const batch = await until('a batch with the request', () =>
      fake.sent
        .filter(([c]) => c === 'roundtrip:capture-batch')
        .map(([, b]) => b as CaptureBatch)
        .find((b) =>
          b.changes.some(
            (c) => c.type === 'exchange' && c.exchange.url === 'http://roundtrip.test/' && c.exchange.status
          )
        )
    )
    expect(batch.seq).toBeGreaterThan(0)
    const snapshot = (await call('roundtrip:get-snapshot')) as { exchanges: { url: string }[] }
    expect(snapshot.exchanges.map((e) => e.url)).toContain('http://roundtrip.test/')
    expect(Array.isArray(await call('roundtrip:get-sessions'))).toBe(true)
  })

  it('moves the proxy to another port on request, and getInfo follows', async () => {
    const before = ((await call('roundtrip:get-info')) as { proxy: string }).proxy
    const moved = (await call('roundtrip:set-proxy-port', 0)) as { status: string; proxy: string }
    expect(moved.status).toBe('moved')
    expect(moved.proxy).not.toBe(before)
    expect(((await call('roundtrip:get-info')) as { proxy: string }).proxy).toBe(moved.proxy)
    const { stdout } = await run('curl', ['-s', '-x', moved.proxy, 'http://roundtrip.test/'])
    expect(stdout).toContain('Roundtrip')
    await expect(call('roundtrip:set-proxy-port', -1)).rejects.toThrow(/whole number from 0/)
  })

  it('replays the live capture through its own proxy, and refuses bad options', async () => {
    const outcome = (await call('roundtrip:replay', { jar: 'fresh', source: 'live' })) as {
      status: string
      rows: { url: string; recordedStatus: number; status: number }[]
    }
    expect(outcome.status).toBe('replayed')
    const row = outcome.rows.find((r) => r.url === 'http://roundtrip.test/')!
    expect(row.status).toBe(row.recordedStatus)
    await expect(call('roundtrip:replay', { jar: 'fresh', source: 'opened' })).resolves.toMatchObject({
      status: 'error',
      error: expect.stringMatching(/Open a HAR file first/)
    })
    await expect(call('roundtrip:replay', { jar: 'x', source: 'live' })).rejects.toThrow(/"jar" must be/)
  })
})
