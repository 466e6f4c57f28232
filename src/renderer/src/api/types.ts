// The one interface the UI talks through (RoundtripClient); ipc.ts and web.ts implement it and
// client.ts picks one. Kept apart from client.ts so the transports do not import their chooser.
import type {
  CaptureBatch,
  CaptureSnapshot,
  CapturedConnection,
  CapturedExchange,
  ExchangeBodies,
  ServerSession,
  SessionStoreStats
} from '../../../shared/model'
import type {
  BrowserChoice,
  LaunchBrowserResult,
  MenuCommand,
  OpenHarResult,
  OpenProgress,
  ReplayOutcome,
  ReplayRequest,
  RoundtripInfo,
  SaveHarOptions,
  SaveHarResult,
  SetProxyPortResult
} from '../../../shared/api/contract'

export interface SnapshotPart {
  exchanges: CapturedExchange[]
  connections: CapturedConnection[]
  loaded: number
  total: number
}

export type ConnectionState = 'connecting' | 'live' | 'reconnecting'

export interface SubscribeHandlers {
  onBatch: (batch: CaptureBatch) => void
  /** A full picture: at start, after a reconnect and whenever a batch was missed. */
  /** `more`: the snapshot is the first part of a big capture; parts follow (onSnapshotPart). */
  onSnapshot: (snapshot: CaptureSnapshot, more?: { loaded: number; total: number }) => void
  /**
   * More of the snapshot just delivered (a big capture arrives in parts, the newest first, so the
   * timeline draws before the rest is there); `loaded` of `total` exchanges are there with this part.
   */
  onSnapshotPart?: (part: SnapshotPart) => void
  onState?: (state: ConnectionState) => void
}

export interface RoundtripClient {
  readonly kind: 'ipc' | 'web'
  info(): Promise<RoundtripInfo>
  snapshot(): Promise<CaptureSnapshot>
  /** One exchange's bodies: the live feed leaves their bytes out (each described by a BodyInfo). */
  body?(id: string): Promise<ExchangeBodies>
  /** Delivers a snapshot first, then batches in order; returns unsubscribe. */
  subscribe(handlers: SubscribeHandlers): () => void
  sessions(): Promise<ServerSession[]>
  /** The sample site's store: size, bound and evictions. */
  sessionStore?(): Promise<SessionStoreStats>
  clear(): Promise<void>
  /** Only in the desktop app. */
  openHar?(): Promise<OpenHarResult>
  /** Desktop: a save dialog. Web: a download of /api/har. */
  saveHar?(options: SaveHarOptions): Promise<SaveHarResult>
  onMenuCommand?(callback: (command: MenuCommand) => void): () => void
  /** Desktop only: installed browsers, and starting one through the proxy. */
  browsers?(): Promise<BrowserChoice[]>
  launchBrowser?(id: string): Promise<LaunchBrowserResult>
  /** Moves the proxy to another port (0: any free one). */
  setProxyPort?(port: number): Promise<SetProxyPortResult>
  /** Web only for now: tunnels to this host are copied untouched from now on; true when done. */
  addPassthrough?(host: string): Promise<boolean>
  /**
   * Re-sends the live capture or the file opened last through the engine's proxy and returns the
   * replay's own capture with a row per entry. Desktop: main holds the opened file; web: the page
   * sends the HAR it opened.
   */
  replay?(request: ReplayRequest): Promise<ReplayOutcome>
  /** How far opening a file has got; returns unsubscribe. */
  onOpenProgress?(callback: (progress: OpenProgress) => void): () => void
}
