// The desktop transport: everything goes through the small API the preload exposes.
import type { RoundtripPreloadApi } from '../../../shared/api/contract'
import { BatchSequencer } from './sequencer'
import type { RoundtripClient, SubscribeHandlers } from './types'

export function createIpcClient(api: RoundtripPreloadApi): RoundtripClient {
  return {
    kind: 'ipc',
    info: () => api.getInfo(),
    snapshot: () => api.getSnapshot(),
    body: api.getBody ? (id) => api.getBody!(id) : undefined,
    sessions: () => api.getSessions(),
    sessionStore: api.getSessionStore ? () => api.getSessionStore!() : undefined,
    clear: () => api.clearCapture(),
    openHar: () => api.openHar(),
    saveHar: (options) => api.saveHar(options),
    onMenuCommand: api.onMenuCommand ? (cb) => api.onMenuCommand?.(cb) ?? (() => {}) : undefined,
    browsers: api.listBrowsers ? () => api.listBrowsers?.() ?? Promise.resolve([]) : undefined,
    launchBrowser: api.launchBrowser
      ? (id) => api.launchBrowser?.(id) ?? Promise.resolve({ status: 'error', error: 'Not available.' })
      : undefined,
    setProxyPort: api.setProxyPort
      ? (port) => api.setProxyPort?.(port) ?? Promise.resolve({ status: 'error', error: 'Not available.' })
      : undefined,
    replay: api.replay
      ? (request) => api.replay?.(request) ?? Promise.resolve({ status: 'error', error: 'Not available.' })
      : undefined,
    addPassthrough: api.addPassthrough ? (host) => api.addPassthrough!(host) : undefined,
    onOpenProgress: api.onOpenProgress ? (cb) => api.onOpenProgress?.(cb) ?? (() => {}) : undefined,
    subscribe(handlers: SubscribeHandlers) {
      let closed = false
      const resync = (): void => {
        handlers.onState?.('reconnecting')
        api.getSnapshot().then(
          (snapshot) => {
            if (closed) return
            handlers.onSnapshot(snapshot)
            sequencer.reset(snapshot.seq)
            handlers.onState?.('live')
          },
          () => {
            if (!closed) setTimeout(resync, 1000)
          }
        )
      }
      const sequencer = new BatchSequencer(handlers.onBatch, resync)
      // Listen first so no batch falls between the snapshot and the subscription.
      const off = api.onCaptureBatch((batch) => sequencer.push(batch))
      handlers.onState?.('connecting')
      resync()
      return () => {
        closed = true
        off()
      }
    }
  }
}
