// The application menu: what people expect in File, Edit, View and Help, with the usual
// shortcuts. Items that need the page (open a file into the view, find) are forwarded to it;
// the rest run in the main process.
import { Menu, type MenuItemConstructorOptions } from 'electron'

export interface MenuActions {
  openHar(): void
  saveHar(): void
  exportRedacted(): void
  clear(): void
  find(): void
  setTheme(source: 'system' | 'light' | 'dark'): void
  about(): void
  openBrowser(): void
  openSampleDirect(): void
}

export interface MenuOptions {
  isDev: boolean
  platform: NodeJS.Platform
}

export function menuTemplate(actions: MenuActions, opts: MenuOptions): MenuItemConstructorOptions[] {
  const mac = opts.platform === 'darwin'
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open HAR…', accelerator: 'CmdOrCtrl+O', click: () => actions.openHar() },
      { label: 'Save HAR…', accelerator: 'CmdOrCtrl+S', click: () => actions.saveHar() },
      {
        label: 'Export Without Cookie Values…',
        accelerator: 'CmdOrCtrl+Shift+E',
        click: () => actions.exportRedacted()
      },
      { type: 'separator' },
      { label: 'Clear Capture', accelerator: 'CmdOrCtrl+K', click: () => actions.clear() },
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const])
    ]
  }
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      { label: 'Find…', accelerator: 'CmdOrCtrl+F', click: () => actions.find() }
    ]
  }
  const theme = (label: string, source: 'system' | 'light' | 'dark'): MenuItemConstructorOptions => ({
    label,
    type: 'radio',
    checked: source === 'system',
    click: () => actions.setTheme(source)
  })
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      {
        label: 'Appearance',
        submenu: [theme('Follow the System', 'system'), theme('Light', 'light'), theme('Dark', 'dark')]
      },
      { role: 'togglefullscreen' },
      ...(opts.isDev
        ? [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const]
        : [])
    ]
  }
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      { label: 'Open the Sample Site in a Browser Through the Proxy', click: () => actions.openBrowser() },
      { label: 'Open the Sample Site Directly (Not Recorded)', click: () => actions.openSampleDirect() },
      { type: 'separator' },
      { label: 'About Roundtrip', click: () => actions.about() }
    ]
  }
  return [...(mac ? [{ role: 'appMenu' } as const] : []), file, edit, view, { role: 'windowMenu' }, help]
}

export function installMenu(actions: MenuActions, opts: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(actions, opts)))
}
