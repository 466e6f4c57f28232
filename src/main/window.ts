// The app's one window, locked down along Electron's security checklist: context isolation,
// sandbox, no Node in the page, the page served from app:// with a CSP header, no navigation away
// from the app, no new windows (only the sample site opens in the system browser, and only after
// a click), and every permission request denied. The decisions live in src/main/shell-policy
// (no electron there, so tests load them); this file only wires them to Electron.
import { fileURLToPath } from 'node:url'
import { BrowserWindow, protocol, shell, type Session, type WebContents } from 'electron'
import { APP_INDEX_URL, APP_SCHEME, appProtocolResponse } from './shell-policy/app-protocol'
import { createGestureClock, decideExternal, externalAllowlist } from './shell-policy/external-links'

export interface AppPaths {
  /** The sandboxed preload, built as CommonJS (a sandboxed preload cannot be an ES module). */
  preload: string
  /** The built renderer's page; app:// serves its folder. */
  indexHtml: string
  rendererDir: string
}

/** Where the build puts the preload and the renderer, relative to out/main/index.js. */
export function appPaths(mainUrl: string = import.meta.url): AppPaths {
  return {
    preload: fileURLToPath(new URL('../preload/index.cjs', mainUrl)),
    indexHtml: fileURLToPath(new URL('../renderer/index.html', mainUrl)),
    rendererDir: fileURLToPath(new URL('../renderer', mainUrl))
  }
}

export interface MainWindowOptions extends AppPaths {
  /** The electron-vite dev server (development only, loopback; see shell-policy/renderer-url.ts); app:// otherwise. */
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
  else void win.loadURL(APP_INDEX_URL)
  return win
}

/** app:// is a standard, secure origin of its own (before the app is ready, as Electron requires). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true }
    }
  ])
}

/** Serves the built renderer on app://roundtrip with the page's CSP header (after ready). */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(rendererDir, request.url, request.method))
}

let allowlist = externalAllowlist(undefined)

/** Adds the engine's direct sample-site address to what may open outside (once it listens). */
export function allowSampleSite(sampleUrl: string): void {
  allowlist = externalAllowlist(sampleUrl)
}

/**
 * Opens `url` in the system browser when the allowlist (the sample site) admits it and a person
 * asked for it (`gesture`); says nothing otherwise. Returns whether it opened.
 */
export function openOutside(url: string, gesture: boolean): boolean {
  const decision = decideExternal(url, allowlist, gesture)
  if (!decision.open) return false
  void shell.openExternal(decision.url).catch(() => {})
  return true
}

const guarded = new WeakSet<WebContents>()

/** Applied to every web contents the app creates (once each): the page can never leave the app. */
export function guardWebContents(contents: WebContents): void {
  if (guarded.has(contents)) return
  guarded.add(contents)
  // Clicks and key presses come from the system, never from page script: they make a link a person's.
  const gestures = createGestureClock()
  contents.on('input-event', (_event, input) => gestures.note(input.type, Date.now()))
  contents.on('will-navigate', (event, url) => {
    event.preventDefault()
    openOutside(url, gestures.recent(Date.now()))
  })
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url, gestures.recent(Date.now()))
    return { action: 'deny' }
  })
}

/** Camera, microphone, notifications, clipboard, geolocation...: the app needs none of them. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}
