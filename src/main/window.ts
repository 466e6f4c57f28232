// The app's one window, locked down along Electron's security checklist: context isolation,
// sandbox, no Node in the page, no navigation away from the app, no new windows (outside links
// open in the system browser, http and https only), and every permission request denied.
import { fileURLToPath } from 'node:url'
import { BrowserWindow, shell, type Session, type WebContents } from 'electron'

export interface AppPaths {
  /** The sandboxed preload, built as CommonJS (a sandboxed preload cannot be an ES module). */
  preload: string
  /** The built renderer. */
  indexHtml: string
}

/** Where the build puts the preload and the renderer, relative to out/main/index.js. */
export function appPaths(mainUrl: string = import.meta.url): AppPaths {
  return {
    preload: fileURLToPath(new URL('../preload/index.cjs', mainUrl)),
    indexHtml: fileURLToPath(new URL('../renderer/index.html', mainUrl))
  }
}

export interface MainWindowOptions extends AppPaths {
  /** The electron-vite dev server (development only); the built index.html otherwise. */
  devUrl?: string
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 760,
    minHeight: 480,
    show: false,
    title: 'Roundtrip',
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click could otherwise open links in new windows.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false
    }
  })
  guardWebContents(win.webContents)
  win.once('ready-to-show', () => win.show())
  if (opts.devUrl) void win.loadURL(opts.devUrl)
  else void win.loadFile(opts.indexHtml)
  return win
}

/** Only web addresses go to the system browser; file:, javascript:, custom schemes never do. */
export function isExternalHttpUrl(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol === 'http:' || u.protocol === 'https:'
  } catch {
    return false
  }
}

function openOutside(url: string): void {
  if (isExternalHttpUrl(url)) void shell.openExternal(url).catch(() => {})
}

const guarded = new WeakSet<WebContents>()

/** Applied to every web contents the app creates (once each): the page can never leave the app. */
export function guardWebContents(contents: WebContents): void {
  if (guarded.has(contents)) return
  guarded.add(contents)
  contents.on('will-navigate', (event, url) => {
    event.preventDefault()
    openOutside(url)
  })
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url)
    return { action: 'deny' }
  })
}

/** Camera, microphone, notifications, clipboard, geolocation...: the app needs none of them. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}
