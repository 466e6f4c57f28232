// The capture's data model: plain, serialisable records shared by the engine, the renderer,
// the CLI and tests. Raw wire records are named `Captured*`; anything derived for display
// lives elsewhere (src/shared/analysis, src/renderer) under its own name.
//
// Times: every record carries wall-clock epoch milliseconds computed as one anchor
// (Date.now() at engine start) plus a monotonic offset (performance.now()), so ordering and
// durations never jump with the system clock.
import type { ClientTlsFacts, ExchangeTls, TunnelMode } from './tls'

/** One header line, in wire order. Duplicate names (two Set-Cookie lines) stay separate pairs. */
export type HeaderPair = [name: string, value: string]

/** Who ended a connection. */
export type CloseReason = 'client' | 'server' | 'proxy' | 'idle-timeout' | 'error'

/** A TCP connection seen by the proxy. Ids are stable for the life of a capture. */
export interface CapturedConnection {
  /** `c<n>` for connections from clients to the proxy, `u<n>` for the proxy's upstream connections. */
  id: string
  kind: 'client' | 'upstream'
  /** For an upstream connection: the client connection it was opened for (upstream mirrors client). */
  clientConnectionId?: string
  /** The peer: for a client connection the browser's address, for upstream the origin's. */
  remoteAddress: string
  remotePort: number
  localAddress: string
  localPort: number
  /** For upstream connections: the host:port it was opened to (the origin as named in the URL). */
  target?: string
  openedAt: number
  closedAt?: number
  closedBy?: CloseReason
  error?: string
  /**
   * The protocol agreed by ALPN when it was not HTTP/1.x: `h2` for an HTTP/2 connection, whose
   * exchanges are concurrent streams rather than one request after another.
   */
  protocol?: 'h2'
  /** HTTP/2: what a GOAWAY frame on this connection said, in a sentence (who sent it, code, last stream). */
  goaway?: string
  /** Exchanges carried, in order. Whether an exchange reused the connection is derived from its position. */
  exchangeIds: string[]
}

/** A CONNECT tunnel; `mode` says whether Roundtrip read what went through it. */
export interface CapturedTunnel {
  /** `t<n>` */
  id: string
  clientConnectionId: string
  host: string
  port: number
  openedAt: number
  /** When the tunnel was established (200 sent to the client), if it was. */
  establishedAt?: number
  closedAt?: number
  closedBy?: CloseReason
  /** Bytes sent from the client towards the target, and from the target back to the client. */
  bytesUp: number
  bytesDown: number
  error?: { kind: ExchangeErrorKind; message: string }
  /** The browser's own background traffic (updates, telemetry, Safe Browsing), not the page's. */
  browserInternal?: true
  /** What became of it (absent in recordings from before interception: an opaque tunnel). */
  mode?: TunnelMode
  /** For an intercepted tunnel: what the client negotiated with Roundtrip. */
  tls?: ClientTlsFacts
}

export type ExchangeErrorKind =
  | 'upstream-refused'
  | 'upstream-unreachable'
  | 'upstream-timeout'
  | 'upstream-reset'
  | 'upstream-invalid-response'
  | 'client-aborted'
  | 'bad-request'
  | 'loop-detected'
  | 'proxy-error'
  // The exchange was cut short by Roundtrip itself: stopped before the answer came (after its
  // shutdown grace period), or ended at one of the proxy's bounds (a client that stopped reading).
  | 'cut-short'
  /** Roundtrip's TLS connection to the origin failed (certificate not trusted, expired, wrong name). */
  | 'upstream-tls'
  /** The client's TLS handshake with Roundtrip failed (it does not trust the CA, or sent no TLS). */
  | 'client-tls'
  /** The client refused Roundtrip's certificate: it does not trust the local CA (offer passthrough). */
  | 'client-distrust'

export interface CapturedBody {
  /** Bytes that crossed the wire (after any transfer decoding, before content decoding). */
  size: number
  /** True when `size` exceeded the capture limit and only the first bytes were kept. */
  truncated: boolean
  /** The kept bytes, base64. */
  base64: string
}

/** Monotonic offsets in milliseconds from `CapturedExchange.startedAt`. */
export interface ExchangeTimings {
  /** The upstream socket finished connecting (only when it was new). */
  upstreamConnected?: number
  /** The request (headers and body) was handed to the upstream socket. */
  requestSent?: number
  /** Response headers arrived from upstream. */
  responseHeaders?: number
  /** The last byte of the response was sent to the client. */
  responseEnd?: number
}

export interface CapturedExchange {
  /** `e<n>`, in order of arrival. */
  id: string
  clientConnectionId: string
  /** 1-based position on the client connection: 1 is the first request, >1 means keep-alive reuse. */
  sequence: number
  upstreamConnectionId?: string
  /** Whether the upstream socket already carried an earlier exchange. */
  upstreamReused?: boolean
  /** The first upstream socket was a stale kept-alive one that failed; the request went out once more on a new one. */
  retried?: boolean
  /** For the in-process sample site: the server's own id for the connection (server-side view). */
  serverConnectionId?: string
  method: string
  url: string
  httpVersion: string
  /** In wire order. Several `cookie` fields (HTTP/2 may split it) are joined into one Cookie header. */
  requestHeaders: HeaderPair[]
  /** The request sent its Cookie header as several fields, joined here into one. */
  cookieSplit?: boolean
  requestBody?: CapturedBody
  status?: number
  statusText?: string
  /** In wire order, one Set-Cookie pair per cookie (folded values from other tools are split at import). */
  responseHeaders?: HeaderPair[]
  responseBody?: CapturedBody
  /** Wall-clock epoch ms when the request headers had arrived from the client. */
  startedAt: number
  /**
   * How the capture knows which connection carried this exchange: `recorded` (the proxy saw it, or the file
   * names connection ids; the default), `inferred` (from another tool's timings), or `none` (the file does
   * not say: `clientConnectionId` is then a placeholder of this exchange alone, and claims no reuse).
   */
  connectionSource?: 'recorded' | 'inferred' | 'none'
  /** The page (HAR `pageref`) and resource type (Chrome's `_resourceType`) another tool recorded. */
  pageRef?: string
  resourceType?: string
  /**
   * Cookies another tool listed (`request.cookies`, `response.cookies` as Set-Cookie lines) for an exchange
   * whose headers carry none; the analysis reads them only then. Headers, when present, win.
   */
  cookieLists?: { sent?: { name: string; value: string }[]; set?: string[] }
  timings: ExchangeTimings
  state: 'pending' | 'complete' | 'error'
  error?: { kind: ExchangeErrorKind; message: string }
  /** The browser's own background traffic (updates, telemetry, Safe Browsing), not the page's. */
  browserInternal?: true
  /** For a request read from an intercepted HTTPS tunnel: its TLS facts, both sides. */
  tls?: ExchangeTls
  /** HTTP/2: the stream's id on its client connection (`_streamId` in HAR). Absent for HTTP/1.x. */
  streamId?: number
  /** The protocol Roundtrip spoke to the origin for this exchange (`HTTP/1.1`, `HTTP/2`), when known. */
  upstreamHttpVersion?: string
  /** HTTP/2: the stream's id on the upstream connection, when the origin spoke HTTP/2 too. */
  upstreamStreamId?: number
  /**
   * Set instead of `requestBody`/`responseBody` where a snapshot or the live feed left the bytes out
   * (bodies by id: `/api/exchanges/:id/body`, IPC `roundtrip:get-body`): there was a body, this big.
   */
  requestBodyInfo?: BodyInfo
  responseBodyInfo?: BodyInfo
}

/** A body whose bytes were left out: its size on the wire, whether it was cut, and a digest to compare by. */
export interface BodyInfo {
  size: number
  truncated: boolean
  /** Base64 characters the capture keeps of it. */
  kept: number
  /** A short digest of the kept bytes: two bodies with the same digest are the same bytes. */
  digest: string
}

/** One exchange's bodies, fetched by its id. */
export interface ExchangeBodies {
  id: string
  request?: CapturedBody
  response?: CapturedBody
}

/** One live session in the sample site's server-side store, as the server sees it. */
export interface ServerSession {
  id: string
  user?: string
  data: Record<string, unknown>
  createdAt: number
  lastSeenAt: number
  /** When the idle timeout ends it, unless it is used again first. */
  idleExpiresAt: number
  /** When the absolute timeout ends it whatever happens. */
  absoluteExpiresAt: number
  /** The earlier of the two. */
  expiresAt: number
}

export type ServerSessionEventKind = 'created' | 'rotated' | 'destroyed' | 'expired'

/** Something the sample site's session store did, reported to the capture. */
export interface ServerSessionEvent {
  at: number
  kind: ServerSessionEventKind
  sessionId: string
  /** For `rotated`: the id it replaced. */
  previousId?: string
  user?: string
  /** For `expired`: which timeout ended it. */
  reason?: 'idle' | 'absolute'
  /** The capture's exchange during which it happened, when known. */
  exchangeId?: string
}

/** A change to the capture, delivered to subscribers in batches. Records are upserts by id. */
export type CaptureChange =
  | { type: 'connection'; connection: CapturedConnection }
  | { type: 'exchange'; exchange: CapturedExchange }
  | { type: 'tunnel'; tunnel: CapturedTunnel }
  | { type: 'session-event'; event: ServerSessionEvent }
  /** Records that left memory at the capture limit (closed connections and tunnels with nothing left too). */
  | { type: 'evicted'; exchangeIds: string[]; connectionIds?: string[]; tunnelIds?: string[] }
  | { type: 'clear' }

export interface CaptureBatch {
  /** Increases by one per batch; a gap tells a subscriber it missed something and should re-read. */
  seq: number
  changes: CaptureChange[]
}

export interface CaptureSnapshot {
  /** The batch sequence number this snapshot is consistent with. */
  seq: number
  /** For a file: how it says which connection carried what, and why (an analysis code). Live: recorded. */
  connectionInfo?: {
    source: 'recorded' | 'inferred' | 'none'
    note: { code: string; [param: string]: unknown }
  }
  connections: CapturedConnection[]
  exchanges: CapturedExchange[]
  tunnels: CapturedTunnel[]
  sessionEvents: ServerSessionEvent[]
  /** Exchanges that left memory because of the capture limit since the last clear (a recording keeps them). */
  evicted?: number
}

/** The sample site's session store at a glance: how full it is and how many sessions it evicted. */
export interface SessionStoreStats {
  size: number
  /** The most sessions it keeps; past it the oldest pre-login sessions are evicted first. */
  max: number
  evicted: number
}

/** Where the engine's parts listen. */
export interface EngineAddresses {
  proxy: string
  sample: string
  ui?: string
}
