// The one interface the UI talks through (RoundtripClient); ipc.ts and web.ts implement it and
// client.ts picks one. Kept apart from client.ts so the transports do not import their chooser.
import type {
  CaptureBatch,
  CaptureSnapshot,
  ExchangeBodies,
  ServerSession,
  SessionStoreStats
} from '../../../shared/model'
import type {
  BrowserChoice,
  RoundtripInfo,
  RoundtripPreloadApi,
  SnapshotPart
} from '../../../shared/api/contract'

export type { SnapshotPart }

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

/**
 * The operations both doors share, with the contract's own signatures (src/shared/api/contract.ts). Any
 * may be missing: openHar, launchBrowser and setProxyPort exist only in the desktop app; saveHar is a save
 * dialog there and a download of /api/har on the web; replay re-sends the live capture or the file opened
 * last (the desktop's main process holds that file; the web page sends the HAR it opened).
 */
type SharedOperations = Partial<
  Pick<
    RoundtripPreloadApi,
    | 'openHar'
    | 'saveHar'
    | 'onMenuCommand'
    | 'launchBrowser'
    | 'setProxyPort'
    | 'addPassthrough'
    | 'replay'
    | 'onOpenProgress'
  >
>

export interface RoundtripClient extends SharedOperations {
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
  /** Desktop only: installed browsers (the preload's listBrowsers). */
  browsers?(): Promise<BrowserChoice[]>
}
