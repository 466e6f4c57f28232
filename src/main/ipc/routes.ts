// The Electron door: one route per IPC channel over the service (src/main/service). Each route
// checks its arguments with the contract's schema (validate.ts, through handle.ts), calls one
// operation and words a ServiceError for the window (results.ts). Nothing else happens here.
import type {
  BrowserChoice,
  LaunchBrowserResult,
  OpenProgress,
  RoundtripInfo,
  SetProxyPortResult,
  SnapshotMessage,
  SnapshotPart,
  SnapshotStart
} from '../../shared/api/contract'
import type { RoundtripService } from '../service'
import { CHANNELS, EVENTS } from './channels'
import { openHarWithDialog, saveHarWithDialog, type Dialogs } from './dialogs'
import type { Handle } from './handle'
import { errorResult } from './results'
import {
  bodyIdArgs,
  browserIdArgs,
  noArgs,
  passthroughArgs,
  portArgs,
  replayArgs,
  saveHarArgs
} from './validate'

/** The page's feed carries exchanges without their bodies' bytes; it asks for them by id. */
const FEED = { bodies: false }

export interface ShellDeps {
  dialog: Dialogs
  /** Sends to the app's window if there is one (main -> page). */
  send: (channel: string, payload: unknown) => void
  now?: () => Date
}

/** Registers every channel; returns the function that stops pushing capture batches to the page. */
export function registerIpc(handle: Handle, service: RoundtripService, shell: ShellDeps): () => void {
  const progress = (p: OpenProgress): void => shell.send(EVENTS.openProgress, p)
  const files = { dialog: shell.dialog, service, now: shell.now, progress }

  handle(CHANNELS.getInfo, noArgs, (): RoundtripInfo => service.info())
  handle(CHANNELS.setProxyPort, portArgs, async (port): Promise<SetProxyPortResult> => {
    try {
      return { status: 'moved', proxy: await service.setProxyPort(port) }
    } catch (err) {
      return errorResult(err)
    }
  })

  handle(CHANNELS.getSnapshot, noArgs, () => service.snapshot(FEED))
  // A big capture in parts, as the web door sends it: the newest exchanges first, then the page asks
  // for the rest part by part (one window, so one capture is being sent at a time; a new start
  // replaces the one before).
  let parts: Iterator<SnapshotMessage> | undefined
  handle(CHANNELS.getSnapshotStart, noArgs, (): SnapshotStart => {
    parts = service.snapshotParts()
    const first = parts.next()
    if (first.done || first.value.type !== 'snapshot') throw new Error('The capture gave no snapshot.')
    if (!first.value.more) parts = undefined
    return { snapshot: first.value.snapshot, ...(first.value.more && { more: first.value.more }) }
  })
  handle(CHANNELS.getSnapshotPart, noArgs, (): SnapshotPart | null => {
    const next = parts?.next()
    if (!next || next.done || next.value.type !== 'snapshot-part') {
      parts = undefined
      return null
    }
    const { exchanges, connections, loaded, total } = next.value
    return { exchanges, connections, loaded, total }
  })
  handle(CHANNELS.getBody, bodyIdArgs, (id) => service.body(id))
  handle(CHANNELS.getSessions, noArgs, () => service.sessions())
  handle(CHANNELS.getSessionStore, noArgs, () => service.sessionStore())
  handle(CHANNELS.clearCapture, noArgs, () => service.clear())

  handle(CHANNELS.openHar, noArgs, () => openHarWithDialog(files))
  handle(CHANNELS.saveHar, saveHarArgs, (opts) => saveHarWithDialog(files, opts))
  handle(CHANNELS.replay, replayArgs, (request) => service.replay(request))
  // A client that refused Roundtrip's certificate: the user chose to let that host's tunnels through.
  handle(CHANNELS.addPassthrough, passthroughArgs, (host): boolean =>
    service.addPassthrough(host).includes(host.toLowerCase())
  )

  handle(CHANNELS.listBrowsers, noArgs, (): BrowserChoice[] => service.browsers())
  handle(CHANNELS.launchBrowser, browserIdArgs, async (id): Promise<LaunchBrowserResult> => {
    try {
      return { status: 'launched', ...(await service.launchBrowser(id)) }
    } catch (err) {
      return errorResult(err)
    }
  })

  return service.subscribe((batch) => shell.send(EVENTS.captureBatch, batch), FEED)
}
