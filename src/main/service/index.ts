// The one place the operations live: the engine's capture, its files, replay, the proxy's port, the
// CA, passthrough and browsers, for both doors (Electron IPC in src/main/ipc, the local web API in
// src/main/web). Each door checks its input with the contract's schema (src/shared/api/schemas.ts),
// calls an operation here and words the ServiceError it may throw (errors.ts) for its own reader.
import type { Har } from 'har-format'
import { exportHar } from '../../shared/har/export'
import type {
  BrowserChoice,
  OpenProgress,
  ReplayOutcome,
  ReplayRequest,
  SnapshotMessage
} from '../../shared/api/contract'
import type {
  CaptureBatch,
  CaptureSnapshot,
  ExchangeBodies,
  ServerSession,
  SessionStoreStats
} from '../../shared/model'
import { buildPac, reachableProxyUrl } from '../browser/pac'
import type { Engine } from '../engine'
import { decodeBody } from '../recording/decode'
import { createReplayRunner } from '../replay/runner'
import { createBrowsers, type BrowsersDeps } from './browsers'
import { batchWithoutBodies, bodiesOf, snapshotWithoutBodies, withoutBodies } from './bodies'
import { portError, ServiceError } from './errors'
import { snapshotMessages } from './snapshot-parts'
import { openHarFile, saveHarText, type OpenedHar } from './har-files'

export { ServiceError, isServiceError, type ServiceErrorCode } from './errors'
export type { OpenedHar } from './har-files'

export interface ServiceInfo {
  proxy: string
  sample: string
  version: string
  ca: string
  /** Everything the user should know about the start (ports moved, the CA made, a browser that exited). */
  notices: string[]
  /** Internal errors the process survived. */
  incidents: string[]
  /** The notices as one sentence, as the start screen shows it. */
  notice?: string
}

export interface CaInfo {
  path: string
  pem: string
  spki: string
  notAfter: string
}

export interface ServiceOptions {
  engine: Engine
  version: string
  /** What the user should know, read on every info() (a host adds to it later). */
  notices?: () => readonly string[]
  incidents?: () => readonly { message: string }[]
  /** Browsers: discovery and launching can be replaced in tests. */
  browsers?: Omit<BrowsersDeps, 'proxyUrl' | 'trust'>
}

export type RoundtripService = ReturnType<typeof createService>

export function createService(opts: ServiceOptions) {
  const { engine } = opts
  /** The file opened last (the app opens files in main), so replay re-sends it without the page. */
  let opened: { har: Har; name: string } | undefined
  const liveHar = (): Har => exportHar(engine.store.snapshot(), { decodeBody, creator: 'Roundtrip' })
  const replays = createReplayRunner({
    proxyUrl: () => engine.proxyUrl,
    liveHar,
    openedHar: () => opened
  })
  const trust = async (): Promise<{ spki: string; certPath: string }> => {
    const ca = await engine.ca.load()
    return { spki: ca.spki, certPath: ca.certPath }
  }
  const browsers = createBrowsers({ ...opts.browsers, proxyUrl: () => engine.proxyUrl, trust })

  return {
    info(): ServiceInfo {
      const notices = [...(opts.notices?.() ?? [])]
      return {
        proxy: engine.proxyUrl,
        sample: engine.sampleUrl,
        version: opts.version,
        ca: engine.ca.certPath,
        notices,
        incidents: (opts.incidents?.() ?? []).map((i) => i.message),
        ...(notices.length ? { notice: notices.join(' ') } : {})
      }
    },

    /** The live capture; `bodies: false` leaves the bytes out (fetch them with body(id)). */
    snapshot(options: { bodies?: boolean } = {}): CaptureSnapshot {
      const snap = engine.store.snapshot()
      return options.bodies === false ? snapshotWithoutBodies(snap) : snap
    },

    /**
     * The live capture as the page's feed carries it (no bodies' bytes): one message when it is small,
     * else its newest exchanges and then older parts, made one at a time (snapshot-parts.ts).
     */
    snapshotParts(): Generator<SnapshotMessage> {
      return snapshotMessages(engine.store.snapshot(), { exchange: withoutBodies })
    },

    /** Every batch of the live capture; `bodies: false` as for snapshot(). Returns unsubscribe. */
    subscribe(listener: (batch: CaptureBatch) => void, options: { bodies?: boolean } = {}): () => void {
      return engine.store.subscribe(
        options.bodies === false ? (batch) => listener(batchWithoutBodies(batch)) : listener
      )
    },

    /** One exchange's request and response bodies. */
    body(id: string): ExchangeBodies {
      const exchange = engine.store.getExchange(id)
      if (!exchange) {
        throw new ServiceError(
          'not-found',
          `There is no exchange ${id} in the capture (it was cleared, or left at the capture limit).`,
          { id }
        )
      }
      return bodiesOf(exchange)
    },

    sessions: (): ServerSession[] => engine.sample.sessions(),
    sessionStore: (): SessionStoreStats => engine.sample.sessionStore(),
    clear: (): void => engine.store.clear(),

    /** Moves the proxy (0: any free port); resolves with its new address. */
    async setProxyPort(port: number): Promise<string> {
      try {
        return await engine.setProxyPort(port)
      } catch (err) {
        throw portError(err)
      }
    },

    /** The live capture as HAR 1.2, bodies decoded; `redact` hides cookie and credential values. */
    exportHar(options: { redact?: boolean } = {}): Har {
      return exportHar(engine.store.snapshot(), {
        redact: options.redact === true,
        decodeBody,
        creator: 'Roundtrip',
        version: opts.version
      })
    },

    /** Opens a HAR file by path (the door chose it) and keeps it for replay. */
    async openHar(path: string, progress?: (p: OpenProgress) => void): Promise<OpenedHar> {
      const file = await openHarFile(path, progress)
      opened = { har: file.har, name: file.fileName }
      return file
    },

    /** Saves the live capture (or the HAR text of what the page shows) to a path the door chose. */
    async saveHar(path: string, options: { redact?: boolean; har?: string } = {}): Promise<void> {
      const text = options.har ?? JSON.stringify(this.exportHar({ redact: options.redact }), null, 2)
      await saveHarText(path, text)
    },

    /** Re-sends the live capture, the file opened last, or a recording the page sent. */
    replay(request: ReplayRequest, har?: { har: Har; name: string }): Promise<ReplayOutcome> {
      return replays.run(request, har)
    },
    get replayBusy(): boolean {
      return replays.busy
    },

    async ca(): Promise<CaInfo> {
      try {
        const ca = await engine.ca.load()
        return { path: ca.certPath, pem: ca.certPem, spki: ca.spki, notAfter: ca.notAfter.toISOString() }
      } catch (err) {
        throw new ServiceError('failed', `The local CA could not be read or made: ${(err as Error).message}.`)
      }
    },

    passthrough: (): string[] => engine.proxy.passthrough.list(),
    addPassthrough(host: string): string[] {
      engine.proxy.passthrough.add(host)
      return engine.proxy.passthrough.list()
    },

    /** The proxy auto-config file, naming the proxy by the address its reader reached. */
    pac: (localAddress: string | undefined): string =>
      buildPac(reachableProxyUrl(engine.proxyUrl, localAddress)),

    browsers: (): BrowserChoice[] => browsers.list(),
    launchBrowser: (id: string): Promise<{ name: string }> => browsers.launch(id),
    closeBrowsers: (): Promise<void> => browsers.closeAll()
  }
}
