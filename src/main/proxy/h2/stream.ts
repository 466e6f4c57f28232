// One HTTP/2 stream from a client, forwarded and recorded as one exchange: its stream id, its own
// timings, the upstream protocol the origin chose (HTTP/2 on a shared session, else HTTP/1.1 with
// the request translated), and a sentence for every way it can end early.
import https from 'node:https'
import http2 from 'node:http2'
import type http from 'node:http'
import type { Readable } from 'node:stream'
import { performance } from 'node:perf_hooks'
import type tls from 'node:tls'
import type { CapturedExchange, HeaderPair } from '../../../shared/model'
import { joinCookieFields } from '../../../shared/http'
import { now } from '../../capture/clock'
import { BodyCollector } from '../body'
import type { ClientState } from '../connections'
import { classifyUpstreamError, errorBody, type ClassifiedError } from '../errors'
import type { ForwardContext } from '../forward'
import { pairs } from '../http-text'
import { upstreamFacts } from '../tls/upstream'
import type { OriginLink, OriginLinks } from './links'
import {
  headerListSize,
  requestHead,
  responseForH2,
  toHttp1Headers,
  toHttp2Headers,
  type RequestHead
} from './translate'
import { clientReset, originReset, originSessionError, tooLargeHeaders } from './words'

/** The model's form of the protocol version (as `HTTP/1.1` for the HTTP/1 door). */
export const H2_VERSION = 'HTTP/2'
/** Request header bytes one stream may send (the HTTP/1.1 door's limit too). */
export const HEADER_LIMIT = 16 * 1024

interface StreamState {
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

const since = (s: StreamState): number => performance.now() - s.t0
const save = (ctx: ForwardContext, s: StreamState): void => {
  if (ctx.record) ctx.store.putExchange(s.exchange)
}

export function forwardStream(
  ctx: ForwardContext,
  client: ClientState,
  links: OriginLinks,
  stream: http2.ServerHttp2Stream,
  rawHeaders: string[]
): void {
  const raw = pairs(rawHeaders)
  const head = requestHead(raw)
  const joined = joinCookieFields(raw)
  const exchange: CapturedExchange = {
    id: ctx.nextExchangeId(),
    clientConnectionId: client.record.id,
    sequence: ++client.sequence,
    method: typeof head === 'string' ? (raw.find(([n]) => n === ':method')?.[1] ?? '') : head.method,
    url: typeof head === 'string' ? '' : `${head.scheme}://${head.authority}${head.path}`,
    httpVersion: H2_VERSION,
    requestHeaders: joined.headers,
    ...(joined.split ? { cookieSplit: true } : {}),
    startedAt: now(),
    timings: {},
    state: 'pending',
    streamId: stream.id,
    ...(client.tls ? { tls: { client: client.tls } } : {})
  }
  client.record.exchangeIds.push(exchange.id)
  if (ctx.record) ctx.tracker.save(client.record)
  const state: StreamState = {
    exchange,
    t0: performance.now(),
    client,
    stream,
    target: '',
    finished: false,
    timedOut: false,
    collectors: []
  }
  save(ctx, state)

  stream.on('error', () => undefined)
  stream.once('close', () => {
    if (state.finished) return
    // Node may close a stream whose response it has fully written before its 'finish' is seen.
    if (stream.rstCode === http2.constants.NGHTTP2_NO_ERROR && stream.writableEnded && state.complete) {
      return state.complete()
    }
    const code = stream.rstCode ?? http2.constants.NGHTTP2_CANCEL
    fail(ctx, state, {
      kind: 'client-aborted',
      status: 499,
      message:
        code === http2.constants.NGHTTP2_NO_ERROR
          ? `The client's connection ended before the response on stream ${stream.id} was complete.`
          : clientReset(stream.id ?? 0, code)
    })
  })

  if (typeof head === 'string') return fail(ctx, state, { kind: 'bad-request', status: 400, message: head })
  const size = headerListSize(raw)
  if (size > HEADER_LIMIT) {
    return fail(ctx, state, {
      kind: 'bad-request',
      status: 431,
      message: tooLargeHeaders(size, HEADER_LIMIT)
    })
  }
  let url: URL
  try {
    url = new URL(exchange.url)
  } catch {
    return fail(ctx, state, {
      kind: 'bad-request',
      status: 400,
      message: `"${head.authority.slice(0, 200)}" is not a host name Roundtrip can forward to.`
    })
  }
  const port = Number(url.port || 443)
  const hostname = url.hostname.replace(/^\[|\]$/g, '')
  state.target = url.host
  if (ctx.isSelf(hostname, port)) {
    return fail(ctx, state, {
      kind: 'loop-detected',
      status: 508,
      message: `This request is addressed to the proxy itself (${url.host}); forwarding it would loop.`
    })
  }
  stream.pause()
  links.get(hostname, port).then(
    (link) => {
      if (state.finished) return
      try {
        if (link.kind === 'h2') viaH2(ctx, state, link, raw, head)
        else viaH1(ctx, state, link, raw, head)
      } catch (err) {
        fail(ctx, state, {
          kind: 'proxy-error',
          status: 502,
          message: `The proxy could not forward this stream to ${state.target}: ${(err as Error).message}.`
        })
      }
    },
    (err: NodeJS.ErrnoException) => fail(ctx, state, classifyUpstreamError(err, state.target, false))
  )
}

/** Which upstream connection carries the exchange: recorded once per socket, reuse derived from it. */
function noteUpstream(ctx: ForwardContext, state: StreamState, socket: tls.TLSSocket, h2: boolean): void {
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
function collector(ctx: ForwardContext, state: StreamState): BodyCollector | undefined {
  if (!ctx.record) return undefined
  const c = new BodyCollector(ctx.bodyLimit, ctx.budget)
  state.collectors.push(c)
  return c
}

/** Streams the client's request body into `out`, keeping the first bytes for the capture. */
function sendBody(ctx: ForwardContext, state: StreamState, out: NodeJS.WritableStream): void {
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

function watchTimeout(
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

function viaH1(
  ctx: ForwardContext,
  state: StreamState,
  link: Extract<OriginLink, { kind: 'h1' }>,
  raw: HeaderPair[],
  head: RequestHead
): void {
  state.exchange.upstreamHttpVersion = 'HTTP/1.1'
  const req = https.request({
    ...link.connect,
    method: head.method,
    path: head.path,
    headers: toHttp1Headers(raw, head.authority),
    agent: link.agent,
    setHost: false
  })
  state.cancelUpstream = () => req.destroy()
  req.once('socket', (socket) => noteUpstream(ctx, state, socket as tls.TLSSocket, false))
  watchTimeout(
    ctx,
    state,
    (ms, cb) => req.setTimeout(ms, cb),
    () => req.destroy()
  )
  req.on('error', (err: NodeJS.ErrnoException) =>
    fail(ctx, state, classifyUpstreamError(err, state.target, state.timedOut))
  )
  req.once('finish', () => {
    state.exchange.timings.requestSent = since(state)
    save(ctx, state)
  })
  req.once('response', (res: http.IncomingMessage) => {
    const localPort = res.socket?.localPort
    respond(ctx, state, res.statusCode ?? 502, res.statusMessage, pairs(res.rawHeaders), res)
    if (localPort) ctx.onUpstreamResponse?.(state.exchange, localPort)
    res.once('aborted', () => upstreamCut(ctx, state))
  })
  sendBody(ctx, state, req)
}

function viaH2(
  ctx: ForwardContext,
  state: StreamState,
  link: Extract<OriginLink, { kind: 'h2' }>,
  raw: HeaderPair[],
  head: RequestHead
): void {
  state.exchange.upstreamHttpVersion = H2_VERSION
  noteUpstream(ctx, state, link.socket, true)
  const up = link.session.request(toHttp2Headers(raw, head))
  state.cancelUpstream = () => {
    if (!up.closed) up.close(http2.constants.NGHTTP2_CANCEL)
  }
  up.on('error', (err: NodeJS.ErrnoException) => {
    if (state.finished) return
    if (!state.timedOut && err.code?.startsWith('ERR_HTTP2_')) {
      return fail(ctx, state, {
        kind: 'upstream-reset',
        status: 502,
        message: originSessionError(state.target, err)
      })
    }
    fail(ctx, state, classifyUpstreamError(err, state.target, state.timedOut))
  })
  const noteId = (): void => {
    if (up.id !== undefined) state.exchange.upstreamStreamId = up.id
  }
  up.once('ready', noteId)
  watchTimeout(
    ctx,
    state,
    (ms, cb) => up.setTimeout(ms, cb),
    () => up.close(http2.constants.NGHTTP2_CANCEL)
  )
  up.once('finish', () => {
    state.exchange.timings.requestSent = since(state)
    save(ctx, state)
  })
  up.once('response', (_headers, _flags, rawResponse: string[]) => {
    noteId()
    const all = pairs(rawResponse)
    const status = Number(all.find(([n]) => n === ':status')?.[1] ?? 502)
    respond(
      ctx,
      state,
      status,
      undefined,
      all.filter(([n]) => !n.startsWith(':')),
      up
    )
  })
  up.once('close', () => {
    if (state.finished) return
    if (up.rstCode && up.rstCode !== http2.constants.NGHTTP2_NO_ERROR) {
      fail(ctx, state, {
        kind: 'upstream-reset',
        status: 502,
        message: originReset(state.target, up.rstCode)
      })
    } else upstreamCut(ctx, state)
  })
  sendBody(ctx, state, up)
}

/** The origin's response headers reached the proxy: record them and stream the body to the client. */
function respond(
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

function upstreamCut(ctx: ForwardContext, state: StreamState): void {
  fail(ctx, state, {
    kind: 'upstream-reset',
    status: 502,
    message: `${state.target} closed the connection in the middle of its response; the client's stream was reset.`
  })
}

/** Ends the exchange with an error: recorded, and answered on the stream while the client can hear. */
function fail(ctx: ForwardContext, state: StreamState, error: ClassifiedError): void {
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
