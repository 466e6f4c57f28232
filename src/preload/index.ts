// One exposed function per IPC channel, nothing generic: the page gets `window.roundtrip` and
// never ipcRenderer, an event object or a way to name a channel. Arguments are checked here
// and again in the main process (src/main/ipc/handle.ts).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { CaptureBatch, ExchangeBodies } from '../shared/model'
import type {
  MenuCommand,
  OpenProgress,
  ReplayOutcome,
  ReplayRequest,
  RoundtripPreloadApi,
  SaveHarOptions,
  SetProxyPortResult,
  BrowserChoice,
  LaunchBrowserResult
} from '../shared/api/contract'
import { CHANNELS, EVENTS, MENU_COMMANDS } from '../main/ipc/channels'
import {
  bodyIdArgs,
  browserIdArgs,
  passthroughArgs,
  portArgs,
  replayArgs,
  saveHarArgs
} from '../main/ipc/validate'

/** What the shell adds to the renderer's contract: the start screen's browser button. */
export interface ShellPreloadApi extends RoundtripPreloadApi {
  onMenuCommand(callback: (command: MenuCommand) => void): () => void
  listBrowsers(): Promise<BrowserChoice[]>
  launchBrowser(id: string): Promise<LaunchBrowserResult>
  setProxyPort(port: number): Promise<SetProxyPortResult>
  getBody(id: string): Promise<ExchangeBodies>
  replay(request: ReplayRequest): Promise<ReplayOutcome>
  addPassthrough(host: string): Promise<boolean>
  onOpenProgress(callback: (progress: OpenProgress) => void): () => void
}

/** Wraps ipcRenderer.on: the callback sees only the payload, and the return value unsubscribes. */
function listen<T>(
  channel: string,
  accept: (v: unknown) => v is T,
  callback: (value: T) => void
): () => void {
  if (typeof callback !== 'function') throw new TypeError(`${channel}: expected a function to call.`)
  const listener = (_event: IpcRendererEvent, payload: unknown): void => {
    if (accept(payload)) callback(payload)
  }
  ipcRenderer.on(channel, listener)
  return () => {
    ipcRenderer.removeListener(channel, listener)
  }
}

const isBatch = (v: unknown): v is CaptureBatch =>
  typeof v === 'object' && v !== null && Array.isArray((v as CaptureBatch).changes)
const PHASES: readonly unknown[] = ['reading', 'parsing', 'converting', 'done']
const isOpenProgress = (v: unknown): v is OpenProgress =>
  typeof v === 'object' &&
  v !== null &&
  PHASES.includes((v as OpenProgress).phase) &&
  typeof (v as OpenProgress).fileName === 'string' &&
  typeof (v as OpenProgress).loaded === 'number' &&
  typeof (v as OpenProgress).total === 'number'
const isMenuCommand = (v: unknown): v is MenuCommand => (MENU_COMMANDS as readonly unknown[]).includes(v)

export const api: ShellPreloadApi = {
  getInfo: () => ipcRenderer.invoke(CHANNELS.getInfo),
  getSnapshot: () => ipcRenderer.invoke(CHANNELS.getSnapshot),
  getSnapshotStart: () => ipcRenderer.invoke(CHANNELS.getSnapshotStart),
  getSnapshotPart: () => ipcRenderer.invoke(CHANNELS.getSnapshotPart),
  getBody: async (id: string) => ipcRenderer.invoke(CHANNELS.getBody, ...bodyIdArgs('getBody', [id])),
  onCaptureBatch: (callback) => listen(EVENTS.captureBatch, isBatch, callback),
  getSessions: () => ipcRenderer.invoke(CHANNELS.getSessions),
  getSessionStore: () => ipcRenderer.invoke(CHANNELS.getSessionStore),
  clearCapture: () => ipcRenderer.invoke(CHANNELS.clearCapture),
  openHar: () => ipcRenderer.invoke(CHANNELS.openHar),
  saveHar: async (options: SaveHarOptions) =>
    ipcRenderer.invoke(CHANNELS.saveHar, ...saveHarArgs('saveHar', [options])),
  onMenuCommand: (callback) => listen(EVENTS.menuCommand, isMenuCommand, callback),
  listBrowsers: () => ipcRenderer.invoke(CHANNELS.listBrowsers),
  launchBrowser: async (id: string) =>
    ipcRenderer.invoke(CHANNELS.launchBrowser, ...browserIdArgs('launchBrowser', [id])),
  setProxyPort: async (port: number) =>
    ipcRenderer.invoke(CHANNELS.setProxyPort, ...portArgs('setProxyPort', [port])),
  replay: async (request: ReplayRequest) =>
    ipcRenderer.invoke(CHANNELS.replay, ...replayArgs('replay', [request])),
  addPassthrough: async (host: string) =>
    ipcRenderer.invoke(CHANNELS.addPassthrough, ...passthroughArgs('addPassthrough', [host])),
  onOpenProgress: (callback) => listen(EVENTS.openProgress, isOpenProgress, callback)
}

contextBridge.exposeInMainWorld('roundtrip', api)
