// The one interface the UI talks through. Two transports implement it: IPC through the preload
// inside Electron (ipc.ts) and the local web API with its live stream (web.ts) for `roundtrip serve`.
import type { CaptureBatch, CaptureSnapshot, ServerSession } from '../../../shared/model'
import type {
  BrowserChoice,
  LaunchBrowserResult,
  MenuCommand,
  OpenHarResult,
  OpenProgress,
  ReplayOutcome,
  ReplayRequest,
  ReplayRow,
  CookieChange,
  RoundtripInfo,
  SaveHarOptions,
  SaveHarResult,
  SetProxyPortResult
} from './preload-api'

export type {
  OpenProgress,
  ReplayOutcome,
  ReplayRequest,
  ReplayRow,
  CookieChange,
  SetProxyPortResult,
  BrowserChoice,
  LaunchBrowserResult,
  MenuCommand,
  OpenHarResult,
  RoundtripInfo,
  SaveHarOptions,
  SaveHarResult
}

export type ConnectionState = 'connecting' | 'live' | 'reconnecting'

export interface SubscribeHandlers {
  onBatch: (batch: CaptureBatch) => void
  /** A full picture: at start, after a reconnect and whenever a batch was missed. */
  onSnapshot: (snapshot: CaptureSnapshot) => void
  onState?: (state: ConnectionState) => void
}

export interface RoundtripClient {
  readonly kind: 'ipc' | 'web'
  info(): Promise<RoundtripInfo>
  snapshot(): Promise<CaptureSnapshot>
  /** Delivers a snapshot first, then batches in order; returns unsubscribe. */
  subscribe(handlers: SubscribeHandlers): () => void
  sessions(): Promise<ServerSession[]>
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
  /**
   * Re-sends the live capture or the file opened last through the engine's proxy and returns the
   * replay's own capture with a row per entry. Desktop: main holds the opened file; web: the page
   * sends the HAR it opened.
   */
  replay?(request: ReplayRequest): Promise<ReplayOutcome>
  /** How far opening a file has got; returns unsubscribe. */
  onOpenProgress?(callback: (progress: OpenProgress) => void): () => void
}

/**
 * Keeps batches in order against a snapshot: drops batches the snapshot already contains and asks
 * for a new snapshot when a batch is missing. Used by both transports.
 */
export class BatchSequencer {
  private seq: number | undefined
  constructor(
    private readonly deliver: (batch: CaptureBatch) => void,
    private readonly resync: () => void
  ) {}

  /** The snapshot was applied; its seq is where batches continue. */
  reset(seq: number): void {
    this.seq = seq
  }

  /** Forget the position (a resync is under way); batches wait for the next reset. */
  invalidate(): void {
    this.seq = undefined
  }

  push(batch: CaptureBatch): void {
    if (this.seq === undefined) return
    if (batch.seq <= this.seq) return
    if (batch.seq !== this.seq + 1) {
      this.seq = undefined
      this.resync()
      return
    }
    this.seq = batch.seq
    this.deliver(batch)
  }
}

/** Picks the transport: the preload's object inside Electron, the web API otherwise. */
export async function createClient(): Promise<RoundtripClient> {
  if (window.roundtrip) {
    const { createIpcClient } = await import('./ipc')
    return createIpcClient(window.roundtrip)
  }
  const { createWebClient } = await import('./web')
  return createWebClient()
}
