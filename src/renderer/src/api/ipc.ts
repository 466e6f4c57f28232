// The desktop transport: everything goes through the small API the preload exposes.
import type { RoundtripPreloadApi, SnapshotStart } from '../../../shared/api/contract'
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
      /** Each resync starts a generation; parts of an older one are dropped. */
      let generation = 0
      const current = (mine: number): boolean => !closed && mine === generation
      const retry = (mine: number): void => {
        if (current(mine)) setTimeout(resync, 1000)
      }
      // A big capture comes as the web door sends it: the newest exchanges, then older parts, asked
      // for one at a time (each answer is a task of its own, so the page keeps answering meanwhile).
      const pullParts = async (mine: number): Promise<void> => {
        for (;;) {
          const part = await api.getSnapshotPart!()
          if (!current(mine)) return
          // Main let go of this capture's parts (another start replaced it): begin again.
          if (!part) return retry(mine)
          handlers.onSnapshotPart?.(part)
          if (part.loaded >= part.total) return
        }
      }
      const start = (): Promise<SnapshotStart> =>
        api.getSnapshotStart && api.getSnapshotPart
          ? api.getSnapshotStart()
          : api.getSnapshot().then((snapshot) => ({ snapshot }))
      const resync = (): void => {
        const mine = ++generation
        handlers.onState?.('reconnecting')
        start().then(
          ({ snapshot, more }) => {
            if (!current(mine)) return
            handlers.onSnapshot(snapshot, more)
            sequencer.reset(snapshot.seq)
            handlers.onState?.('live')
            if (more && more.loaded < more.total) pullParts(mine).catch(() => retry(mine))
          },
          () => retry(mine)
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
