// One exchange's record and state while the proxy forwards it: the context every door shares,
// how an exchange starts, is saved, settles, and fails with a sentence the client can read.
import http, { STATUS_CODES } from 'node:http'
import { performance } from 'node:perf_hooks'
import type { CapturedExchange, HeaderPair } from '../../shared/model'
import type { CaptureStore } from '../capture/store'
import { now } from '../capture/clock'
import type { ByteBudget } from './body'
import type { ClientState, ConnectionTracker, UpstreamState } from './connections'
import { errorBody, type ClassifiedError } from './errors'

export interface Target {
  hostname: string
  port: number
  /** https upstream (a request read from an intercepted tunnel). */
  secure?: boolean
}

export interface ForwardContext {
  store: CaptureStore
  tracker: ConnectionTracker
  /** The upstream request has its socket (index.ts records which connection carries it). */
  onUpstreamSocket: (proxyReq: http.ClientRequest, state: ExchangeState) => void
  /** The origin's response head arrived (index.ts records it and streams it to the client). */
  onProxyResponse: (proxyRes: http.IncomingMessage, state: ExchangeState) => void
  record: boolean
  bodyLimit: number
  upstreamTimeoutMs: number
  /** Maps a host name to where it really lives (the sample site), or undefined for the real origin. */
  resolveVirtualHost: (hostname: string, port: number) => Target | undefined
  /** True when host:port is the proxy itself: forwarding would loop. */
  isSelf: (hostname: string, port: number) => boolean
  /** Called with each upstream response, e.g. to ask the sample server for its own connection id. */
  onUpstreamResponse?: (exchange: CapturedExchange, upstreamLocalPort: number) => void
  nextExchangeId: () => string
  /** Header pairs from Node's rawHeaders: interned by the store when recording. */
  pairs: (raw: string[]) => HeaderPair[]
  /** The largest request body held in memory so an idempotent request can be sent again. */
  retryHoldLimit: number
  /** Every byte held for in-flight exchanges (capture bodies, held request bodies) comes from here. */
  budget: ByteBudget
  /** A client that takes nothing of its response for this long has the exchange cut short. */
  clientStallMs: number
}

/** Per-request state, handed to the upstream request's events. */
export interface ExchangeState {
  exchange: CapturedExchange
  t0: number
  client: ClientState
  target: string
  timedOut: boolean
  finished: boolean
  /** Sending it again cannot make it happen twice: idempotent, its whole body (if any) held here. */
  retryable: boolean
  /** The request body as held for a second sending (its bytes are taken from the budget). */
  held?: { chunks: Buffer[]; bytes: number }
  /** The request has a body to send on (its framing says so). */
  hasBody?: boolean
  /** Called once when the exchange ends, however it ends (gives held bytes back). */
  cleanup: (() => void)[]
  proxyReq?: http.ClientRequest
  upstream?: UpstreamState
  res?: http.ServerResponse
}

const VERSIONS = new Map<string, string>()
/** `HTTP/1.1` for '1.1', one string per version rather than one per request. */
function httpVersion(version: string): string {
  let text = VERSIONS.get(version)
  if (text === undefined) {
    text = `HTTP/${version}`
    if (VERSIONS.size < 8) VERSIONS.set(version, text)
  }
  return text
}

export function newExchange(
  ctx: ForwardContext,
  req: http.IncomingMessage,
  client: ClientState
): ExchangeState {
  const exchange: CapturedExchange = {
    id: ctx.nextExchangeId(),
    clientConnectionId: client.record.id,
    sequence: ++client.sequence,
    method: req.method ?? '',
    url: req.url ?? '',
    httpVersion: httpVersion(req.httpVersion),
    requestHeaders: ctx.pairs(req.rawHeaders),
    startedAt: now(),
    timings: {},
    state: 'pending',
    ...(client.tls ? { tls: { client: client.tls } } : {})
  }
  // With capture off nothing reads these lists: they must not grow on a long-lived connection.
  if (ctx.record) {
    client.record.exchangeIds.push(exchange.id)
    ctx.tracker.save(client.record)
  }
  return {
    exchange,
    t0: performance.now(),
    client,
    target: '',
    timedOut: false,
    finished: false,
    retryable: false,
    cleanup: []
  }
}

export function since(state: ExchangeState): number {
  return performance.now() - state.t0
}

export function save(ctx: ForwardContext, state: ExchangeState): void {
  if (ctx.record) ctx.store.putExchange(state.exchange)
}

/** Marks the exchange finished and gives back what it held. */
export function settle(state: ExchangeState): void {
  state.finished = true
  if (state.upstream?.current === state) state.upstream.current = undefined
  for (const step of state.cleanup.splice(0)) step()
}

/** Ends an exchange with an error: records it and, if the client can still hear, answers in plain text. */
export function fail(
  ctx: ForwardContext,
  state: ExchangeState,
  res: http.ServerResponse,
  error: ClassifiedError
): void {
  if (state.finished) return
  settle(state)
  state.exchange.state = 'error'
  state.exchange.error = { kind: error.kind, message: error.message }
  // The proxy itself gives up on the upstream socket when the client left or the origin was too slow.
  if (
    state.upstream &&
    (error.kind === 'client-aborted' || error.kind === 'upstream-timeout' || error.kind === 'cut-short')
  ) {
    state.upstream.closeReason ??= 'proxy'
  }
  state.proxyReq?.destroy()
  if (!res.headersSent && !res.destroyed) {
    state.exchange.status = error.status
    const body = errorBody(error.status, error.message)
    // The reason phrase is given: a failed writeHead of the origin's status line leaves its invalid
    // text in res.statusMessage, which writeHead would otherwise reuse (and throw on again).
    res.writeHead(error.status, STATUS_CODES[error.status] ?? 'Error', {
      'content-type': 'text/plain; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'content-length': Buffer.byteLength(body),
      'x-roundtrip-error': error.kind
    })
    res.end(body)
  } else {
    res.destroy()
  }
  state.exchange.timings.responseEnd = since(state)
  save(ctx, state)
}
