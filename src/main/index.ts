// Electron entry: lifecycle and wiring only. The engine (proxy, sample site, capture) runs here
// in the main process; the window talks to it through the preload's small API.
import { app, BrowserWindow, dialog, ipcMain, nativeTheme, session } from 'electron'
import { openBrowser } from './browser'
import { noBrowserFound } from './browser/manual'
import { noticeText, startEngine, type Engine } from './engine'
import { guardProcess } from './engine/guard'
import { EVENTS, type MenuCommandName } from './ipc/channels'
import { createHandle, trustedRenderer } from './ipc/handle'
import { type Dialogs } from './ipc/dialogs'
import { registerIpc } from './ipc/routes'
import { createService } from './service'
import { installMenu } from './menu'
import { rendererUrlFrom } from './shell-policy/renderer-url'
import {
  allowSampleSite,
  appPaths,
  createMainWindow,
  denyAllPermissions,
  guardWebContents,
  openOutside,
  registerAppScheme,
  serveAppProtocol
} from './window'

// An error some handler missed is logged; the proxy, the sample site and the window keep going.
guardProcess((line) => console.error(`roundtrip: ${line}`))

// The page is the built renderer on app://, or a loopback dev server in an unpackaged run only.
const renderer = rendererUrlFrom({ isPackaged: app.isPackaged, envUrl: process.env.ELECTRON_RENDERER_URL })
if ('ignored' in renderer) console.error(`roundtrip: ${renderer.ignored}`)
const devUrl = renderer.use === 'dev' ? renderer.url : undefined
const isDev = devUrl !== undefined
const paths = appPaths()
registerAppScheme()
let win: BrowserWindow | undefined
let engine: Engine | undefined
let stopShell: (() => Promise<void>) | undefined

function currentWindow(): BrowserWindow | undefined {
  return win && !win.isDestroyed() ? win : undefined
}

function send(channel: string, payload: unknown): void {
  currentWindow()?.webContents.send(channel, payload)
}

function openWindow(): void {
  win = createMainWindow({ ...paths, devUrl })
  win.on('closed', () => (win = undefined))
}

async function main(): Promise<void> {
  nativeTheme.themeSource = 'system'
  denyAllPermissions(session.defaultSession)
  serveAppProtocol(paths.rendererDir)
  app.on('web-contents-created', (_e, contents) => guardWebContents(contents))

  const eng = (engine = await startEngine({ portFallback: { proxy: true, sample: true } }))
  allowSampleSite(eng.sampleUrl)
  const notice = eng.notices.map(noticeText).join(' ')
  const version = app.getVersion()
  const handle = createHandle(ipcMain, trustedRenderer({ devUrl }))

  const service = createService({ engine: eng, version, notices: () => (notice ? [notice] : []) })
  const dialogs: Dialogs = {
    showOpenDialog: (o) => {
      const w = currentWindow()
      return w ? dialog.showOpenDialog(w, o) : dialog.showOpenDialog(o)
    },
    showSaveDialog: (o) => {
      const w = currentWindow()
      return w ? dialog.showSaveDialog(w, o) : dialog.showSaveDialog(o)
    }
  }
  const stopPush = registerIpc(handle, service, { dialog: dialogs, send })
  const trust = async (): Promise<{ spki: string; certPath: string }> => {
    const ca = await eng.ca.load()
    return { spki: ca.spki, certPath: ca.certPath }
  }
  stopShell = async () => {
    stopPush()
    await service.closeBrowsers()
  }

  const command = (name: MenuCommandName): void => send(EVENTS.menuCommand, name)
  installMenu(
    {
      openHar: () => command('open-har'),
      saveHar: () => command('save-har'),
      // Like Save HAR, the page decides what is on screen (live, an opened file, a replay).
      exportRedacted: () => command('export-redacted'),
      clear: () => command('clear'),
      find: () => command('find'),
      setTheme: (source) => (nativeTheme.themeSource = source),
      about: () => app.showAboutPanel(),
      openBrowser: () => void launchFirstBrowser(eng.proxyUrl, trust),
      // Choosing the menu item is the gesture; the allowlist still decides.
      openSampleDirect: () => void openOutside(eng.sampleUrl, true)
    },
    { isDev, platform: process.platform }
  )
  app.setAboutPanelOptions({
    applicationName: 'Roundtrip',
    applicationVersion: version,
    copyright: 'MIT License',
    credits: 'See how cookies, sessions and keep-alive connections really work over HTTP.'
  })
  openWindow()
}

async function launchFirstBrowser(
  proxyUrl: string,
  trust: () => Promise<{ spki: string; certPath: string }>
): Promise<void> {
  const r = await openBrowser({ proxyUrl, trust })
  if (!r.ok) {
    const text = r.error.startsWith('No browser was found') ? noBrowserFound(proxyUrl) : r.error
    void dialog.showMessageBox({
      type: 'info',
      title: 'Roundtrip',
      message: 'No browser started',
      detail: text
    })
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    const w = currentWindow()
    if (w?.isMinimized()) w.restore()
    w?.focus()
  })
  app.whenReady().then(main).catch(fail)
  app.on('activate', () => {
    if (engine && !currentWindow()) openWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  let quitting = false
  app.on('before-quit', (event) => {
    if (quitting) return
    quitting = true
    event.preventDefault()
    // Close the browsers started from here (their profiles go with them) and the engine; never hang the quit.
    const cleanup = Promise.allSettled([stopShell?.(), engine?.close()])
    void Promise.race([cleanup, new Promise((r) => setTimeout(r, 5000))]).finally(() => app.quit())
  })
}

function fail(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err)
  dialog.showErrorBox(
    'Roundtrip could not start',
    `${message}\n\nClose any program using the port and start again.`
  )
  app.exit(1)
}
