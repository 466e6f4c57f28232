// The contract between the main process and the page, shared by both doors: what the preload
// (src/preload/index.ts) exposes as `window.roundtrip` with contextBridge.exposeInMainWorld, and what the
// local web API answers. One function per IPC channel, nothing generic; every argument and result is plain,
// structured-clonable data. It lives in src/shared so main, the preload and the renderer import it from one
// place and nothing imports the renderer.
import type {
  CaptureBatch,
  CaptureSnapshot,
  CapturedConnection,
  CapturedExchange,
  ExchangeBodies,
  ServerSession,
  SessionStoreStats
} from '../model'

/** Where the engine listens, and the app's version. */
export interface RoundtripInfo {
  /** The proxy, e.g. `http://127.0.0.1:8080`. */
  proxy: string
  /** The sample site's own address (it is also reachable as http://roundtrip.test/ through the proxy). */
  sample: string
  version: string
  /** Set when the proxy could not have the port it wanted: a sentence saying which port it took instead. */
  notice?: string
}

export type OpenHarResult =
  | { status: 'opened'; fileName: string; snapshot: CaptureSnapshot; warnings: string[] }
  | { status: 'canceled' }
  | { status: 'error'; error: string }

export interface SaveHarOptions {
  /** Replace Cookie, Set-Cookie and Authorization values with stable placeholders. */
  redact?: boolean
  /** What is on screen: the live capture (default), an opened file, or a replay. */
  view?: 'live' | 'file' | 'replay'
  /** The opened file's (or the replayed recording's) name, for the dialog title and the file name. */
  name?: string
  /** For a file or a replay: the HAR text of what is on screen, built by the page (main saves it as is). */
  har?: string
}

export type SaveHarResult =
  { status: 'saved'; path: string } | { status: 'canceled' } | { status: 'error'; error: string }

/** A browser installed on this machine that the shell can start through the proxy. */
export interface BrowserChoice {
  id: string
  name: string
  family: 'chromium' | 'firefox'
  path: string
}

export type SetProxyPortResult = { status: 'moved'; proxy: string } | { status: 'error'; error: string }

export type LaunchBrowserResult = { status: 'launched'; name: string } | { status: 'error'; error: string }

/** Which recording a replay re-sends: the live capture, or the HAR file opened last. */
export type ReplaySource = 'live' | 'opened'

export interface ReplayRequest {
  /** `fresh`: an empty cookie jar fed by the new Set-Cookie headers; `recorded`: the recorded Cookie headers. */
  jar: 'fresh' | 'recorded'
  source: ReplaySource
}

/** One cookie name's Set-Cookie in the recording against the replay. */
export interface CookieChange {
  name: string
  change: 'same' | 'changed' | 'gone' | 'new'
  recorded?: string
  now?: string
}

/** One re-sent entry: the recorded status against the new one, and the Set-Cookie differences. */
export interface ReplayRow {
  index: number
  method: string
  url: string
  recordedStatus: number | null
  status: number | null
  sentCookie: string | null
  cookieChanges: CookieChange[]
  skipped?: string
  /** Why it was skipped, as an analysis code (`say(lang, …)` words it). */
  skippedExplain?: { code: string; [param: string]: unknown }
  error?: string
}

export type ReplayOutcome =
  | {
      status: 'replayed'
      jar: 'fresh' | 'recorded'
      /** What was replayed, e.g. the file name or "the live capture". */
      sourceName: string
      rows: ReplayRow[]
      /** The replay's own capture: a new recording beside the old one. */
      snapshot: CaptureSnapshot
      /** What reading the HAR sent to POST /api/replay noted (a field dropped, a value cut), if anything. */
      readWarnings?: string[]
    }
  | { status: 'error'; error: string }

/** Opening a big file: bytes read, then parsing, then converting to a capture. */
export interface OpenProgress {
  fileName: string
  phase: 'reading' | 'parsing' | 'converting' | 'done'
  /** Bytes read (reading) or entries converted (converting). */
  loaded: number
  total: number
}

/**
 * A big capture goes to the page in parts, through either door: first its newest exchanges
 * (SnapshotStart, `more` when parts follow), then older ones part by part, each with the connections
 * first named by its exchanges; `loaded` of `total` exchanges are there with a part.
 */
export interface SnapshotStart {
  snapshot: CaptureSnapshot
  more?: { loaded: number; total: number }
}

export interface SnapshotPart {
  exchanges: CapturedExchange[]
  connections: CapturedConnection[]
  loaded: number
  total: number
}

/** A capture as it travels: whole (or its newest exchanges, with `more`), or one later part. */
export type SnapshotMessage =
  ({ type: 'snapshot' } & SnapshotStart) | ({ type: 'snapshot-part' } & SnapshotPart)

/** What the web door's live stream (`WS /api/stream`) sends: the capture as above, then every batch. */
export type StreamMessage = SnapshotMessage | { type: 'batch'; batch: CaptureBatch }

/** Menu items the main process forwards to the page (File and Edit menus). */
export type MenuCommand = 'open-har' | 'save-har' | 'export-redacted' | 'clear' | 'find'

export interface RoundtripPreloadApi {
  /** channel `roundtrip:get-info` */
  getInfo(): Promise<RoundtripInfo>
  /** channel `roundtrip:get-snapshot`: the live capture now. */
  getSnapshot(): Promise<CaptureSnapshot>
  /**
   * channel `roundtrip:get-snapshot-start`: the live capture now, a big one as its newest exchanges
   * (`more`: getSnapshotPart brings the rest). Optional: older shells lack it.
   */
  getSnapshotStart?(): Promise<SnapshotStart>
  /** channel `roundtrip:get-snapshot-part`: the next part of the capture getSnapshotStart began; null when none is left. */
  getSnapshotPart?(): Promise<SnapshotPart | null>
  /** channel `roundtrip:get-body`: one exchange's request and response bodies (snapshots may leave them out). */
  getBody?(id: string): Promise<ExchangeBodies>
  /** channel `roundtrip:capture-batch` (main -> page): every CaptureBatch of the live capture. Returns unsubscribe. */
  onCaptureBatch(callback: (batch: CaptureBatch) => void): () => void
  /** channel `roundtrip:get-sessions`: the sample site's server-side session store now. */
  getSessions(): Promise<ServerSession[]>
  /** channel `roundtrip:get-session-store`: the store's size, bound and evictions. */
  getSessionStore?(): Promise<SessionStoreStats>
  /** channel `roundtrip:clear-capture` */
  clearCapture(): Promise<void>
  /** channel `roundtrip:open-har`: shows the open dialog in main, reads and converts the HAR there. */
  openHar(): Promise<OpenHarResult>
  /** channel `roundtrip:save-har`: shows the save dialog in main and writes the live capture as HAR 1.2. */
  saveHar(options: SaveHarOptions): Promise<SaveHarResult>
  /** channel `roundtrip:menu-command` (main -> page). Returns unsubscribe. Optional: older shells lack it. */
  onMenuCommand?(callback: (command: MenuCommand) => void): () => void
  /** channel `roundtrip:list-browsers` (shell): browsers the start screen can offer. Optional. */
  listBrowsers?(): Promise<BrowserChoice[]>
  /** channel `roundtrip:launch-browser` (shell): starts one by id in a throwaway profile through the proxy. */
  launchBrowser?(id: string): Promise<LaunchBrowserResult>
  /** channel `roundtrip:set-proxy-port` (shell): move the proxy to another port (0: any free one). Optional. */
  setProxyPort?(port: number): Promise<SetProxyPortResult>
  /** channel `roundtrip:replay`: re-sends the live capture or the opened file through the proxy. Optional. */
  replay?(request: ReplayRequest): Promise<ReplayOutcome>
  /**
   * channel `roundtrip:add-passthrough`: HTTPS tunnels to this host (or glob) pass through untouched from
   * now on; true when the proxy now lists it. Offered when a client refused Roundtrip's certificate.
   */
  addPassthrough?(host: string): Promise<boolean>
  /** channel `roundtrip:open-progress` (main -> page): how far opening a file has got. Returns unsubscribe. */
  onOpenProgress?(callback: (progress: OpenProgress) => void): () => void
}
