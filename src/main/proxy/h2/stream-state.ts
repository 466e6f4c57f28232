// The state of one HTTP/2 stream being forwarded, and what both upstream roads (HTTP/2 and HTTP/1.1,
// ./origin.ts) do with it: note the upstream connection, keep bodies for the capture, hand the
// response to the client's stream, and end it with a sentence when something fails.
import http2 from 'node:http2'
import type { Readable } from 'node:stream'
import { performance } from 'node:perf_hooks'
import type tls from 'node:tls'
import type { CapturedExchange, HeaderPair } from '../../../shared/model'
import { BodyCollector } from '../body'
import type { ClientState } from '../connections'
import { classifyUpstreamError, errorBody, type ClassifiedError } from '../errors'
import type { ForwardContext } from '../forward'
import { upstreamFacts } from '../tls/upstream'
import { responseForH2 } from './translate'

/** The model's form of the protocol version (as `HTTP/1.1` for the HTTP/1 door). */
export const H2_VERSION = 'HTTP/2'
/** Request header bytes one stream may send (the HTTP/1.1 door's limit too). */
export const HEADER_LIMIT = 16 * 1024

export interface StreamState {
  exchange: CapturedExchange
  t0: number
  client: ClientState
  stream: http2.ServerHttp2Stream
  target: string
  finished: boolean
  timedOut: boolean
  cancelUpstream?: () => void
  /** Marks the exchange complete once the response has been handed to the stream in full. */
  complete?: () => void
  /** Bodies being kept for the capture; their bytes go back to the budget if the exchange fails. */
  collectors: BodyCollector[]
}

export const since = (s: StreamState): number => performance.now() - s.t0
export const save = (ctx: ForwardContext, s: StreamState): void => {
  if (ctx.record) ctx.store.putExchange(s.exchange)
}

/** Which upstream connection carries the exchange: recorded once per socket, reuse derived from it. */
export function noteUpstream(
  ctx: ForwardContext,
  state: StreamState,
  socket: tls.TLSSocket,
  h2: boolean
): void {
  const { state: upstream, isNew } = ctx.tracker.upstream(socket, state.client, state.target)
  if (h2) upstream.record.protocol = 'h2'
  upstream.record.exchangeIds.push(state.exchange.id)
  upstream.currentExchangeId = state.exchange.id
  ctx.tracker.save(upstream.record)
  state.exchange.upstreamConnectionId = upstream.record.id
  state.exchange.upstreamReused = !isNew
  const facts = (): void => {
    if (state.exchange.tls) state.exchange.tls = { ...state.exchange.tls, upstream: upstreamFacts(socket) }
    save(ctx, state)
  }
  if (socket.connecting || !socket.getProtocol()) {
    socket.once('secureConnect', () => {
      state.exchange.timings.upstreamConnected = since(state)
      facts()
    })
  } else facts()
}

/** A body kept for the capture (none with capture off), its bytes taken from the proxy's shared budget. */
export function collector(ctx: ForwardContext, state: StreamState): BodyCollector | undefined {
  if (!ctx.record) return undefined
  const c = new BodyCollector(ctx.bodyLimit, ctx.budget)
  state.collectors.push(c)
  return c
}

/** Streams the client's request body into `out`, keeping the first bytes for the capture. */
export function sendBody(ctx: ForwardContext, state: StreamState, out: NodeJS.WritableStream): void {
  const body = collector(ctx, state)
  if (body) {
    state.stream.on('data', (chunk: Buffer) => body.add(chunk))
    state.stream.once('end', () => {
      if (body.size > 0) state.exchange.requestBody = body.result()
      else body.release()
    })
  }
  state.stream.pipe(out)
  state.stream.resume()
}

export function watchTimeout(
  ctx: ForwardContext,
  state: StreamState,
  setTimeout: (ms: number, cb: () => void) => void,
  destroy: () => void
): void {
  setTimeout(ctx.upstreamTimeoutMs, () => {
    state.timedOut = true
    destroy()
    fail(ctx, state, classifyUpstreamError({} as NodeJS.ErrnoException, state.target, true))
  })
}

/** The origin's response headers reached the proxy: record them and stream the body to the client. */
export function respond(
  ctx: ForwardContext,
  state: StreamState,
  status: number,
  statusText: string | undefined,
  headers: HeaderPair[],
  body: Readable
): void {
  const ex = state.exchange
  ex.timings.responseHeaders = since(state)
  ex.status = status
  if (statusText !== undefined) ex.statusText = statusText
  ex.responseHeaders = headers
  const stream = state.stream
  if (stream.closed || stream.destroyed) return void body.resume()
  const noBody = ex.method === 'HEAD' || status === 204 || status === 304
  try {
    stream.respond(responseForH2(status, headers), { endStream: noBody })
  } catch (err) {
    body.resume()
    return fail(ctx, state, {
      kind: 'upstream-invalid-response',
      status: 502,
      message: `${state.target} sent a header the proxy cannot pass on over HTTP/2 (${(err as Error).message}).`
    })
  }
  save(ctx, state)
  const collected = collector(ctx, state)
  if (collected) body.on('data', (chunk: Buffer) => collected.add(chunk))
  const done = (): void => {
    if (state.finished) return
    state.finished = true
    ex.timings.responseEnd = since(state)
    if (collected && collected.size > 0) ex.responseBody = collected.result()
    else collected?.release()
    ex.state = 'complete'
    save(ctx, state)
  }
  state.complete = done
  if (noBody) {
    body.once('end', done)
    body.resume()
    return
  }
  stream.once('finish', done)
  body.pipe(stream)
}

export function upstreamCut(ctx: ForwardContext, state: StreamState): void {
  fail(ctx, state, {
    kind: 'upstream-reset',
    status: 502,
    message: `${state.target} closed the connection in the middle of its response; the client's stream was reset.`
  })
}

/** Ends the exchange with an error: recorded, and answered on the stream while the client can hear. */
export function fail(ctx: ForwardContext, state: StreamState, error: ClassifiedError): void {
  if (state.finished) return
  state.finished = true
  const { exchange, stream } = state
  exchange.state = 'error'
  exchange.error = { kind: error.kind, message: error.message }
  state.cancelUpstream?.()
  for (const c of state.collectors) c.release()
  if (!stream.closed && !stream.destroyed) {
    if (!stream.headersSent) {
      exchange.status = error.status
      try {
        stream.respond({
          ':status': error.status,
          'content-type': 'text/plain; charset=utf-8',
          'x-content-type-options': 'nosniff',
          'x-roundtrip-error': error.kind
        })
        stream.end(errorBody(error.status, error.message))
      } catch {
        stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR)
      }
    } else stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR)
  }
  exchange.timings.responseEnd = since(state)
  save(ctx, state)
}
