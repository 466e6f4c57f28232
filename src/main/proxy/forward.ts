// One proxied HTTP exchange: check the absolute-form URL, forward it with http-proxy on the
// client connection's own agent, write the response ourselves (so a bad upstream header cannot
// throw inside http-proxy), and record every step on a CapturedExchange.
import { STATUS_CODES } from 'node:http'
import type http from 'node:http'
import type net from 'node:net'
import { performance } from 'node:perf_hooks'
import type httpProxy from 'http-proxy'
import type { CapturedExchange } from '../../shared/model'
import { HOP_BY_HOP, asksToClose, pairHeader, pairs, parseAbsoluteUrl } from './http-text'
import type { CaptureStore } from '../capture/store'
import { now } from '../capture/clock'
import { BodyCollector } from './body'
import type { ClientState, ConnectionTracker, UpstreamState } from './connections'
import { classifyUpstreamError, errorBody, type ClassifiedError } from './errors'

export interface Target {
  hostname: string
  port: number
  /** https upstream (a request read from an intercepted tunnel). */
  secure?: boolean
}

export interface ForwardContext {
  store: CaptureStore
  tracker: ConnectionTracker
  proxy: httpProxy
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
}

/** Per-request state, reachable from http-proxy's events through the incoming request. */
export interface ExchangeState {
  exchange: CapturedExchange
  t0: number
  client: ClientState
  target: string
  timedOut: boolean
  finished: boolean
  /** Already sent once more after a stale keep-alive socket failed. */
  retried?: boolean
  proxyReq?: http.ClientRequest
  upstream?: UpstreamState
  res?: http.ServerResponse
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
    httpVersion: `HTTP/${req.httpVersion}`,
    requestHeaders: pairs(req.rawHeaders),
    startedAt: now(),
    timings: {},
    state: 'pending',
    ...(client.tls ? { tls: { client: client.tls } } : {})
  }
  client.record.exchangeIds.push(exchange.id)
  if (ctx.record) ctx.tracker.save(client.record)
  return { exchange, t0: performance.now(), client, target: '', timedOut: false, finished: false }
}

export function since(state: ExchangeState): number {
  return performance.now() - state.t0
}

export function save(ctx: ForwardContext, state: ExchangeState): void {
  if (ctx.record) ctx.store.putExchange(state.exchange)
}

/** Ends an exchange with an error: records it and, if the client can still hear, answers in plain text. */
export function fail(
  ctx: ForwardContext,
  state: ExchangeState,
  res: http.ServerResponse,
  error: ClassifiedError
): void {
  if (state.finished) return
  state.finished = true
  state.exchange.state = 'error'
  state.exchange.error = { kind: error.kind, message: error.message }
  // The proxy itself gives up on the upstream socket when the client left or the origin was too slow.
  if (state.upstream && (error.kind === 'client-aborted' || error.kind === 'upstream-timeout')) {
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

export function forward(
  ctx: ForwardContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  client: ClientState,
  states: WeakMap<http.IncomingMessage, ExchangeState>
): void {
  const state = newExchange(ctx, req, client)
  state.res = res
  states.set(req, state)
  save(ctx, state)

  if (ctx.tracker.isOwnUpstream(req.socket)) {
    return fail(ctx, state, res, {
      kind: 'loop-detected',
      status: 508,
      message: `This request came back to the proxy over one of its own upstream connections (${req.url?.slice(0, 200)}): the address names the proxy itself, so forwarding it would loop.`
    })
  }
  const url = parseAbsoluteUrl(req.url ?? '', client.tls !== undefined)
  if (typeof url === 'string')
    return fail(ctx, state, res, { kind: 'bad-request', status: 400, message: url })
  const secure = url.protocol === 'https:'
  const port = Number(url.port || (secure ? 443 : 80))
  const hostname = url.hostname.replace(/^\[|\]$/g, '')
  if (ctx.isSelf(hostname, port)) {
    return fail(ctx, state, res, {
      kind: 'loop-detected',
      status: 508,
      message: `This request is addressed to the proxy itself (${url.host}); forwarding it would loop. Ask for the site you want, not the proxy's own address.`
    })
  }
  const target = { ...(ctx.resolveVirtualHost(hostname, port) ?? { hostname, port }), secure }
  state.target = url.host

  for (const name of HOP_BY_HOP) delete req.headers[name]
  // The client's wish to close is mirrored upstream, so the origin sees the browser's pattern.
  if (asksToClose(pairHeader(state.exchange.requestHeaders, 'connection'))) {
    req.headers.connection = 'close'
    client.closeReason ??= 'client'
  }

  const requestBody = new BodyCollector(ctx.bodyLimit)
  res.once('close', () => {
    if (!state.finished) {
      fail(ctx, state, res, {
        kind: 'client-aborted',
        status: 499,
        message: 'The client closed the connection before the response was complete.'
      })
    }
  })

  // Node has already answered `Expect: 100-continue` to the client; passing it on would also stop
  // http-proxy from announcing the upstream request (it skips 'proxyReq' when Expect is set).
  delete req.headers.expect
  send(ctx, req, res, state, target, url.host)
  req.on('data', (chunk: Buffer) => requestBody.add(chunk))
  req.once('end', () => {
    if (requestBody.size > 0) state.exchange.requestBody = requestBody.result()
  })
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE'])

/**
 * Hands the request to http-proxy. A reused keep-alive socket that the origin closed just as we
 * wrote to it fails with a reset and no response at all; like a browser, we then try once more
 * on a fresh socket when the request is idempotent and had no body.
 */
function send(
  ctx: ForwardContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  state: ExchangeState,
  target: Target,
  host: string
): void {
  const options = {
    target: {
      protocol: target.secure ? 'https:' : 'http:',
      host: target.hostname,
      hostname: target.hostname,
      port: target.port
    },
    agent: state.client.agent,
    selfHandleResponse: true,
    xfwd: false,
    changeOrigin: false
  } as httpProxy.ServerOptions
  const onError = (err: Error): void => {
    const code = (err as NodeJS.ErrnoException).code
    const ex = state.exchange
    const staleSocket =
      ex.upstreamReused === true && ex.status === undefined && (code === 'ECONNRESET' || code === 'EPIPE')
    if (staleSocket && !state.retried && !state.finished && IDEMPOTENT.has(ex.method) && !ex.requestBody) {
      state.retried = true
      const old = state.upstream?.record
      if (old) {
        old.exchangeIds = old.exchangeIds.filter((id) => id !== ex.id)
        ctx.tracker.save(old)
      }
      delete ex.upstreamConnectionId
      delete ex.upstreamReused
      return send(ctx, req, res, state, target, host)
    }
    fail(ctx, state, res, classifyUpstreamError(err as NodeJS.ErrnoException, host, state.timedOut))
  }
  try {
    ctx.proxy.web(req, res, options, onError)
  } catch (err) {
    // Last line of defence: http-proxy 1.18.1 can throw on odd input; the proxy must keep running.
    fail(ctx, state, res, {
      kind: 'proxy-error',
      status: 502,
      message: `The proxy could not forward this request to ${host}: ${(err as Error).message}.`
    })
  }
}

/** Wired to http-proxy's `proxyReq`: which upstream socket carries the request, and when it left. */
export function onProxyReq(ctx: ForwardContext, proxyReq: http.ClientRequest, state: ExchangeState): void {
  state.proxyReq = proxyReq
  const socket = proxyReq.socket as net.Socket
  const { state: upstream, isNew } = ctx.tracker.upstream(socket, state.client, state.target)
  state.upstream = upstream
  upstream.record.exchangeIds.push(state.exchange.id)
  upstream.currentExchangeId = state.exchange.id
  ctx.tracker.save(upstream.record)
  state.exchange.upstreamConnectionId = upstream.record.id
  state.exchange.upstreamReused = !isNew
  if (isNew && socket.connecting) {
    socket.once('connect', () => {
      state.exchange.timings.upstreamConnected = since(state)
    })
  }
  const onTimeout = (): void => {
    // A client that is not reading stalls the origin through backpressure: not the origin's fault.
    if (state.res?.writableNeedDrain) return void proxyReq.setTimeout(ctx.upstreamTimeoutMs, onTimeout)
    state.timedOut = true
    proxyReq.destroy(Object.assign(new Error('upstream timeout'), { code: 'ETIMEDOUT' }))
  }
  proxyReq.setTimeout(ctx.upstreamTimeoutMs, onTimeout)
  proxyReq.once('finish', () => {
    state.exchange.timings.requestSent = since(state)
    save(ctx, state)
  })
}

/** Wired to http-proxy's `proxyRes`: record the response and stream it to the client. */
export function onProxyRes(
  ctx: ForwardContext,
  proxyRes: http.IncomingMessage,
  res: http.ServerResponse,
  state: ExchangeState
): void {
  const ex = state.exchange
  ex.timings.responseHeaders = since(state)
  ex.status = proxyRes.statusCode
  ex.statusText = proxyRes.statusMessage
  ex.responseHeaders = pairs(proxyRes.rawHeaders)
  const upstreamSocket = proxyRes.socket as net.Socket | null
  if (upstreamSocket?.localPort) ctx.onUpstreamResponse?.(ex, upstreamSocket.localPort)

  const out: string[] = []
  for (const [name, value] of ex.responseHeaders) {
    if (!HOP_BY_HOP.includes(name.toLowerCase())) out.push(name, value)
  }
  const upstreamCloses = asksToClose(proxyRes.headers.connection)
  if (upstreamCloses) {
    // The origin ended its connection; end the client's too, so the browser's next request
    // opens a new one exactly as it would without a proxy.
    out.push('Connection', 'close')
    state.client.closeReason ??= 'server'
  }
  try {
    res.writeHead(proxyRes.statusCode ?? 502, proxyRes.statusMessage, out)
  } catch (err) {
    proxyRes.destroy()
    return fail(ctx, state, res, {
      kind: 'upstream-invalid-response',
      status: 502,
      message: `${state.target} sent a header the proxy cannot pass on (${(err as Error).message}).`
    })
  }
  save(ctx, state)
  const body = new BodyCollector(ctx.bodyLimit)
  // Not recording: no second consumer on the hot path, nothing to encode at the end.
  if (ctx.record) proxyRes.on('data', (chunk: Buffer) => body.add(chunk))
  proxyRes.once('aborted', () => onUpstreamCut(ctx, state, res))
  proxyRes.once('error', () => onUpstreamCut(ctx, state, res))
  res.once('finish', () => {
    if (state.finished) return
    state.finished = true
    ex.timings.responseEnd = since(state)
    if (body.size > 0) ex.responseBody = body.result()
    ex.state = 'complete'
    save(ctx, state)
  })
  proxyRes.pipe(res)
}

function onUpstreamCut(ctx: ForwardContext, state: ExchangeState, res: http.ServerResponse): void {
  if (state.timedOut) return fail(ctx, state, res, classifyUpstreamError({} as Error, state.target, true))
  fail(ctx, state, res, {
    kind: 'upstream-reset',
    status: 502,
    message: `${state.target} closed the connection in the middle of its response; the client got a cut-off body.`
  })
}
