// The live capture over IPC: a snapshot on request, every batch pushed to the page as it
// leaves the store, the sample site's session store, and clearing.
import type { CaptureBatch, CaptureSnapshot, ServerSession, SessionStoreStats } from '../../shared/model'
import { CHANNELS, EVENTS } from './channels'
import type { Handle } from './handle'
import { noArgs } from './validate'

export interface CaptureIpcDeps {
  handle: Handle
  store: {
    snapshot(): CaptureSnapshot
    subscribe(listener: (batch: CaptureBatch) => void): () => void
    clear(): void
  }
  sessions: () => ServerSession[]
  /** The store's size, bound and evictions. */
  sessionStore?: () => SessionStoreStats
  /** Sends to the app's window if there is one (main -> page). */
  send: (channel: string, payload: unknown) => void
}

/** Registers the handlers and starts pushing batches; returns the function that stops the push. */
export function registerCaptureIpc(deps: CaptureIpcDeps): () => void {
  const { handle, store } = deps
  handle(CHANNELS.getSnapshot, noArgs, () => store.snapshot())
  handle(CHANNELS.getSessions, noArgs, () => deps.sessions())
  const stats = deps.sessionStore
  if (stats) handle(CHANNELS.getSessionStore, noArgs, () => stats())
  handle(CHANNELS.clearCapture, noArgs, () => {
    store.clear()
  })
  return store.subscribe((batch) => deps.send(EVENTS.captureBatch, batch))
}
