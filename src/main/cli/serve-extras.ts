// The optional parts of `roundtrip serve`: recording to a file, loading a capture, and opening a
// browser through the proxy. A file that cannot be read stops the start with a sentence; a browser
// that cannot be found is a notice and the engine keeps serving.
import type { CaptureSnapshot } from '../../shared/model'
import { importCapture } from '../../shared/har/to-capture'
import type { CaptureStore } from '../capture/store'
import type { Engine } from '../engine'
import { openBrowser, type BrowserHandle } from '../browser'
import { Recorder } from '../har/journal'
import { readRecording } from '../har/recording'

export interface ExtrasOptions {
  record?: string
  load?: string
  browser?: string
  browserArgs: string[]
  version: string
}

export interface Extras {
  notices: string[]
  /** Fields added to the --json line. */
  describe(): Record<string, unknown>
  close(): Promise<void>
}

export async function startExtras(engine: Engine, opts: ExtrasOptions): Promise<Extras> {
  const notices: string[] = []
  let browser: BrowserHandle | undefined
  let recorder: Recorder | undefined

  if (opts.load) {
    const recording = await readRecording(opts.load)
    if (recording.cutShort) notices.push(`${opts.load} was cut short; loaded what it holds.`)
    loadInto(engine.store, importCapture(recording.har))
  }
  if (opts.record) {
    recorder = await Recorder.start({
      path: opts.record,
      store: engine.store,
      creator: 'Roundtrip',
      version: opts.version,
      includeExisting: true
    })
    notices.push(...recorder.notices)
  }
  if (opts.browser !== undefined) {
    const result = await openBrowser({
      choice: opts.browser || undefined,
      proxyUrl: engine.proxyUrl,
      extraArgs: opts.browserArgs
    })
    if (result.ok) browser = result.handle
    else notices.push(result.error)
  }

  return {
    notices,
    describe: () => ({
      ...(browser
        ? { browser: { name: browser.browser.name, pid: browser.pid, profileDir: browser.profileDir } }
        : {}),
      ...(recorder ? { recording: recorder.path } : {})
    }),
    async close() {
      await browser?.close()
      await recorder?.stop()
    }
  }
}

/**
 * Puts a loaded capture into the live store. Its ids get an `L` prefix (`Lc1`, `Le3`) so they can
 * never collide with the ids the proxy gives new traffic.
 */
export function loadInto(store: CaptureStore, snap: CaptureSnapshot): void {
  const id = (x: string): string => `L${x}`
  const opt = (x: string | undefined): string | undefined => (x === undefined ? undefined : id(x))
  for (const c of snap.connections) {
    store.putConnection({
      ...c,
      id: id(c.id),
      clientConnectionId: opt(c.clientConnectionId),
      exchangeIds: c.exchangeIds.map(id)
    })
  }
  for (const t of snap.tunnels)
    store.putTunnel({ ...t, id: id(t.id), clientConnectionId: id(t.clientConnectionId) })
  for (const e of snap.exchanges) {
    store.putExchange({
      ...e,
      id: id(e.id),
      clientConnectionId: id(e.clientConnectionId),
      upstreamConnectionId: opt(e.upstreamConnectionId)
    })
  }
  for (const ev of snap.sessionEvents) store.addSessionEvent({ ...ev, exchangeId: opt(ev.exchangeId) })
}
