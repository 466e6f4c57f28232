// Loads the main-process window and menu modules with `electron` mocked (Electron never runs in
// tests) and checks the security settings the Electron checklist asks for, and that the glue hands
// app:// requests, navigations and new windows to the policies in src/main/shell-policy.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'

type Listener = (...args: unknown[]) => void

const electron = vi.hoisted(() => {
  class FakeWebContents {
    listeners = new Map<string, Listener>()
    openHandler: ((d: { url: string }) => { action: string }) | undefined
    on(name: string, fn: Listener) {
      this.listeners.set(name, fn)
      return this
    }
    setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
      this.openHandler = fn
    }
  }
  const windows: { options: Record<string, unknown>; webContents: FakeWebContents; loaded: string[] }[] = []
  const BrowserWindow = vi.fn(function (this: Record<string, unknown>, options: Record<string, unknown>) {
    const record = { options, webContents: new FakeWebContents(), loaded: [] as string[] }
    windows.push(record)
    this.webContents = record.webContents
    this.once = () => this
    this.loadURL = (u: string) => (record.loaded.push(`url:${u}`), Promise.resolve())
    this.loadFile = (f: string) => (record.loaded.push(`file:${f}`), Promise.resolve())
  })
  const schemes: unknown[] = []
  const protocolHandlers = new Map<string, (req: { url: string; method: string }) => Promise<Response>>()
  return {
    windows,
    BrowserWindow,
    schemes,
    protocolHandlers,
    protocol: {
      registerSchemesAsPrivileged: (list: unknown[]) => schemes.push(...list),
      handle: (scheme: string, fn: (req: { url: string; method: string }) => Promise<Response>) =>
        protocolHandlers.set(scheme, fn)
    },
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
    Menu: { buildFromTemplate: vi.fn((t: unknown) => t), setApplicationMenu: vi.fn() }
  }
})

vi.mock('electron', () => ({
  BrowserWindow: electron.BrowserWindow,
  protocol: electron.protocol,
  shell: electron.shell,
  Menu: electron.Menu
}))

const {
  allowSampleSite,
  appPaths,
  createMainWindow,
  denyAllPermissions,
  guardWebContents,
  openOutside,
  registerAppScheme,
  serveAppProtocol
} = await import('../../src/main/window')
const { installMenu, menuTemplate } = await import('../../src/main/menu')

beforeEach(() => {
  electron.windows.length = 0
  electron.shell.openExternal.mockClear()
})

function latest() {
  const w = electron.windows.at(-1)
  if (!w) throw new Error('no window was created')
  return w
}

describe('createMainWindow', () => {
  it('isolates the page: context isolation and sandbox on, no Node, web security on, a .cjs preload', () => {
    createMainWindow(appPaths())
    const prefs = latest().options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false
    })
    expect(prefs.preload).toMatch(/[\\/]preload[\\/]index\.cjs$/)
  })

  it('loads the page from app://roundtrip, or the dev server when one is given', () => {
    const paths = appPaths('file:///app/out/main/index.js')
    expect(paths).toEqual({
      preload: '/app/out/preload/index.cjs',
      indexHtml: '/app/out/renderer/index.html',
      rendererDir: '/app/out/renderer'
    })
    createMainWindow(paths)
    expect(latest().loaded).toEqual(['url:app://roundtrip/index.html'])
    createMainWindow({ ...paths, devUrl: 'http://localhost:5173' })
    expect(latest().loaded).toEqual(['url:http://localhost:5173'])
  })

  it('registers app:// as a standard secure scheme and serves the renderer folder with the CSP header', async () => {
    registerAppScheme()
    expect(electron.schemes).toEqual([
      {
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true })
      }
    ])
    const dir = mkdtempSync(join(tmpdir(), 'roundtrip-app-'))
    try {
      writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>')
      serveAppProtocol(dir)
      const handler = electron.protocolHandlers.get('app')!
      const page = await handler({ url: 'app://roundtrip/index.html', method: 'GET' })
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('<title>app</title>')
      expect(page.headers.get('content-security-policy')).toMatch(/connect-src 'self';/)
      const other = await handler({ url: 'app://elsewhere/index.html', method: 'GET' })
      expect(other.status).toBe(404)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('blocks every navigation, opening only the sample site outside, and only right after a click', () => {
    createMainWindow(appPaths())
    const contents = latest().webContents
    const navigate = contents.listeners.get('will-navigate')!
    const input = contents.listeners.get('input-event')!
    const go = (url: string) => {
      const event = { preventDefault: vi.fn() }
      navigate(event, url)
      expect(event.preventDefault).toHaveBeenCalledOnce()
    }
    // No click yet: a script navigating to the sample site opens nothing.
    go('http://roundtrip.test/')
    input({}, { type: 'mouseMove' })
    go('http://roundtrip.test/')
    expect(electron.shell.openExternal).not.toHaveBeenCalled()
    input({}, { type: 'mouseUp' })
    for (const url of [
      'https://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'roundtrip://x'
    ]) {
      go(url)
    }
    go('http://roundtrip.test/login')
    expect(electron.shell.openExternal.mock.calls).toEqual([['http://roundtrip.test/login']])
    const redirect = { preventDefault: vi.fn() }
    contents.listeners.get('will-redirect')!(redirect)
    expect(redirect.preventDefault).toHaveBeenCalled()
    const webview = { preventDefault: vi.fn() }
    contents.listeners.get('will-attach-webview')!(webview)
    expect(webview.preventDefault).toHaveBeenCalled()
  })

  it('denies every new window; a clicked sample-site link opens outside, nothing else does', () => {
    createMainWindow(appPaths())
    const contents = latest().webContents
    const open = contents.openHandler!
    expect(open({ url: 'http://roundtrip.test/' })).toEqual({ action: 'deny' })
    expect(electron.shell.openExternal).not.toHaveBeenCalled()
    contents.listeners.get('input-event')!({}, { type: 'keyDown' })
    for (const url of [
      'http://roundtrip.test/',
      'https://evil.example/',
      'file:///home/u/.ssh/id_rsa',
      'smb://host/share',
      'not a url',
      'http://user:pw@roundtrip.test/'
    ]) {
      expect(open({ url })).toEqual({ action: 'deny' })
    }
    expect(electron.shell.openExternal.mock.calls).toEqual([['http://roundtrip.test/']])
  })

  it("opens the engine's direct sample address once allowed, from the menu (its own gesture)", () => {
    expect(openOutside('http://127.0.0.1:3999/', true)).toBe(false)
    allowSampleSite('http://127.0.0.1:3999')
    expect(openOutside('http://127.0.0.1:3999/', true)).toBe(true)
    expect(openOutside('http://127.0.0.1:3999/', false)).toBe(false)
    expect(openOutside('http://127.0.0.1:4000/', true)).toBe(false)
    expect(electron.shell.openExternal.mock.calls).toEqual([['http://127.0.0.1:3999/']])
  })

  it('guards web contents created elsewhere the same way, once each', () => {
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() }
    guardWebContents(contents as never)
    guardWebContents(contents as never) // the window's own contents also pass through web-contents-created
    expect(contents.on.mock.calls.map((c) => c[0])).toEqual([
      'input-event',
      'will-navigate',
      'will-redirect',
      'will-attach-webview'
    ])
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce()
  })
})

describe('denyAllPermissions', () => {
  it('answers no to every permission request and check', () => {
    let request: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined
    let check: ((...a: unknown[]) => boolean) | undefined
    denyAllPermissions({
      setPermissionRequestHandler: (fn: typeof request) => (request = fn),
      setPermissionCheckHandler: (fn: typeof check) => (check = fn)
    } as never)
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const cb = vi.fn()
      request!({}, permission, cb)
      expect(cb).toHaveBeenCalledWith(false)
    }
    expect(check!({}, 'media', 'file:///')).toBe(false)
  })
})

describe('menu', () => {
  const actions = {
    openHar: vi.fn(),
    saveHar: vi.fn(),
    exportRedacted: vi.fn(),
    clear: vi.fn(),
    find: vi.fn(),
    setTheme: vi.fn(),
    about: vi.fn(),
    openBrowser: vi.fn(),
    openSampleDirect: vi.fn()
  }
  type Item = { label?: string; role?: string; accelerator?: string; click?: () => void; submenu?: Item[] }
  const find = (items: Item[], label: string): Item => {
    for (const item of items) {
      if (item.label === label) return item
      const inner = item.submenu && find(item.submenu, label)
      if (inner && inner.label === label) return inner
    }
    return {}
  }

  it('has File, Edit, View and Help with the expected items and shortcuts wired to actions', () => {
    const t = menuTemplate(actions, { isDev: false, platform: 'linux' }) as Item[]
    expect(t.map((m) => m.label ?? m.role)).toEqual(['&File', '&Edit', '&View', 'windowMenu', '&Help'])
    find(t, 'Open HAR…').click!()
    find(t, 'Save HAR…').click!()
    find(t, 'Export Without Cookie Values…').click!()
    find(t, 'Clear Capture').click!()
    find(t, 'Find…').click!()
    find(t, 'Dark').click!()
    find(t, 'About Roundtrip').click!()
    find(t, 'Open the Sample Site in a Browser Through the Proxy').click!()
    for (const fn of [
      'openHar',
      'saveHar',
      'exportRedacted',
      'clear',
      'find',
      'about',
      'openBrowser'
    ] as const) {
      expect(actions[fn]).toHaveBeenCalledOnce()
    }
    expect(actions.setTheme).toHaveBeenCalledWith('dark')
    expect(find(t, 'Find…').accelerator).toBe('CmdOrCtrl+F')
    const viewRoles = t[2]!.submenu!.map((i) => i.role).filter(Boolean)
    expect(viewRoles).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen'])
  })

  it('offers reload and developer tools only in development, and the app menu only on macOS', () => {
    const dev = menuTemplate(actions, { isDev: true, platform: 'darwin' }) as Item[]
    expect(dev[0]!.role).toBe('appMenu')
    expect(dev[3]!.submenu!.map((i) => i.role)).toContain('toggleDevTools')
    installMenu(actions, { isDev: false, platform: 'linux' })
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledOnce()
  })
})
