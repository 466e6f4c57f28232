// The optional parts of `roundtrip serve`: recording to a file, loading a capture, and opening a
// browser through the proxy. A file that cannot be read stops the start with a sentence (checked
// before any port is bound); a browser that cannot be found or that exits is a notice, and the
// engine keeps serving.
import type { CaptureSnapshot } from '../../shared/model'
import { importCapture } from '../../shared/har/to-capture'
import type { CaptureStore } from '../capture/store'
import type { Engine } from '../engine'
import { browserExitText, openBrowser, type BrowserExitParams, type BrowserHandle } from '../browser'
import { Recorder } from '../recording/journal'
import { readRecording } from '../recording/recording'
import { isWildcardHost } from '../net/listen'
import { CliError } from './errors'

export interface Preloaded {
  capture: CaptureSnapshot
  notice?: string
}

/** Reads `--load FILE` before anything listens, so a bad file is said before a port is taken. */
export async function preloadCapture(path: string): Promise<Preloaded> {
  try {
    const recording = await readRecording(path)
    return {
      capture: importCapture(recording.har),
      ...(recording.cutShort ? { notice: `${path} was cut short; loaded what it holds.` } : {})
    }
  } catch (err) {
    throw new CliError((err as Error).message)
  }
}

export interface ExtrasOptions {
  preloaded?: Preloaded
  record?: string
  browser?: string
  browserArgs: string[]
  version: string
  /** Prints a notice that comes later (a browser that exited). */
  say: (notice: string) => void
}

export interface Extras {
  notices: string[]
  /** Called with every later notice. */
  onNotice(listener: (notice: string) => void): void
  /** Fields added to the --json line. */
  describe(): Record<string, unknown>
  closeBrowser(): Promise<void>
  close(): Promise<void>
}

/** A browser's exit in words for a terminal: the fix names serve's --browser-arg flag. */
export function browserExitNotice(p: BrowserExitParams): string {
  return browserExitText(p, (a) => `--browser-arg=${a}`)
}

export async function startExtras(engine: Engine, opts: ExtrasOptions): Promise<Extras> {
  const notices: string[] = []
  const listeners: ((notice: string) => void)[] = []
  let browser: BrowserHandle | undefined
  let recorder: Recorder | undefined

  if (opts.preloaded) {
    if (opts.preloaded.notice) notices.push(opts.preloaded.notice)
    loadInto(engine.store, opts.preloaded.capture)
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
    // A proxy on every interface is reached at loopback by a browser on this machine.
    const url = new URL(engine.proxyUrl)
    if (isWildcardHost(url.hostname)) url.hostname = '127.0.0.1'
    const result = await openBrowser({
      choice: opts.browser || undefined,
      proxyUrl: url.origin,
      extraArgs: opts.browserArgs,
      trust: async () => {
        const ca = await engine.ca.load()
        return { spki: ca.spki, certPath: ca.certPath }
      }
    })
    if (result.ok) {
      const handle = (browser = result.handle)
      notices.push(...(handle.notices ?? []))
      void handle.exited.then(() => {
        const report = handle.exitReport()
        if (!report) return
        browser = undefined
        const notice = browserExitNotice(report)
        opts.say(notice)
        for (const l of listeners) l(notice)
      })
    } else notices.push(result.exit ? browserExitNotice(result.exit) : result.error)
  }

  return {
    notices,
    onNotice: (listener) => void listeners.push(listener),
    describe: () => ({
      ...(browser
        ? { browser: { name: browser.browser.name, pid: browser.pid, profileDir: browser.profileDir } }
        : {}),
      ...(recorder ? { recording: recorder.path } : {})
    }),
    async closeBrowser() {
      await browser?.close()
    },
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
