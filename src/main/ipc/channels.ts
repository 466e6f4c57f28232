// Every IPC channel name, in one place, shared by the main process and the preload.
// The renderer never sees these: it only calls the functions the preload exposes.
export const CHANNELS = {
  getInfo: 'roundtrip:get-info',
  getSnapshot: 'roundtrip:get-snapshot',
  getSnapshotStart: 'roundtrip:get-snapshot-start',
  getSnapshotPart: 'roundtrip:get-snapshot-part',
  getBody: 'roundtrip:get-body',
  getSessions: 'roundtrip:get-sessions',
  getSessionStore: 'roundtrip:get-session-store',
  clearCapture: 'roundtrip:clear-capture',
  openHar: 'roundtrip:open-har',
  saveHar: 'roundtrip:save-har',
  listBrowsers: 'roundtrip:list-browsers',
  launchBrowser: 'roundtrip:launch-browser',
  setProxyPort: 'roundtrip:set-proxy-port',
  replay: 'roundtrip:replay',
  addPassthrough: 'roundtrip:add-passthrough'
} as const

/** Channels the main process sends on (main -> page). */
export const EVENTS = {
  captureBatch: 'roundtrip:capture-batch',
  menuCommand: 'roundtrip:menu-command',
  openProgress: 'roundtrip:open-progress'
} as const

export const MENU_COMMANDS = ['open-har', 'save-har', 'export-redacted', 'clear', 'find'] as const
export type MenuCommandName = (typeof MENU_COMMANDS)[number]
