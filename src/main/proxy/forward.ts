// One proxied HTTP exchange: check the absolute-form URL, forward it with http(s).request on the
// client connection's own upstream sockets (pool.ts), write the response ourselves (so a bad upstream header cannot
// throw in the proxy but becomes a recorded 502), and record every step on a CapturedExchange.
//
// What is forwarded follows RFC 9110/9112 for a proxy: the Host sent upstream is the absolute
// URL's authority, hop-by-hop headers (and every header Connection names) stop here in both
// directions, and a request is sent a second time only when that cannot make it happen twice.
import http from 'node:http'
import https from 'node:https'
import { Readable } from 'node:stream'
import { asksToClose, forwardableTe, hopByHopNames } from '../../shared/http/hop-by-hop'
import { pairHeader, parseAbsoluteUrl } from './http-text'
import { BodyCollector } from './body'
import type { ClientState } from './connections'
import { classifyUpstreamError } from './errors'
import { outgoingOptions } from './outgoing'
import { fail, newExchange, save, type ExchangeState, type ForwardContext, type Target } from './exchange'

export {
  fail,
  newExchange,
  save,
  settle,
  since,
  type ExchangeState,
  type ForwardContext,
  type Target
} from './exchange'

export function forward(
  ctx: ForwardContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  client: ClientState
): void {
  const state = newExchange(ctx, req, client)
  state.res = res
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
  // Read before upstreamHeaders drops Transfer-Encoding: a request with no body (most of them)
  // needs no collector and no listeners for one.
  const hasBody = mayHaveBody(req)
  state.hasBody = hasBody
  // Planned before the hop-by-hop headers go too: a chunked body (Transfer-Encoding) is streamed on
  // a fresh socket and never re-sent, however idempotent its method.
  const plan = bodyPlan(ctx, req)
  upstreamHeaders(req, url, state)

  const requestBody = ctx.record && hasBody ? new BodyCollector(ctx.bodyLimit, ctx.budget) : undefined
  res.on('close', () => {
    if (!state.finished) {
      fail(ctx, state, res, {
        kind: 'client-aborted',
        status: 499,
        message: 'The client closed the connection before the response was complete.'
      })
    }
  })
  if (requestBody) {
    // Kept past the response: a body that ends after it (an early answer) is still recorded. A body
    // that never ends gives its bytes back when the request closes.
    req.once('close', () => requestBody.release())
    req.on('data', (chunk: Buffer) => requestBody.add(chunk))
    req.once('end', () => {
      if (requestBody.size === 0) return
      state.exchange.requestBody = requestBody.result()
      // A body that finished after its response (the origin answered early) still reaches the record.
      if (state.finished) save(ctx, state)
    })
  }

  state.retryable = IDEMPOTENT.has(state.exchange.method) && plan !== 'stream'
  if (plan === 'hold')
    return holdThenSend(ctx, req, state, () => send(ctx, req, res, state, target, url.host))
  if (!state.retryable) freshUpstream(ctx, state.client)
  send(ctx, req, res, state, target, url.host)
}

/**
 * The request as the origin must see it (RFC 9112 §3.2.2, RFC 9110 §7.6.1): Host is the URL's
 * authority whatever the client sent, and hop-by-hop fields stay on the client's hop. The record
 * keeps the client's own headers (`requestHeaders`), only `req.headers` changes.
 */
function upstreamHeaders(req: http.IncomingMessage, url: URL, state: ExchangeState): void {
  const connection = req.headers.connection
  const te = forwardableTe(req.headers.te)
  for (const name of hopByHopNames(connection)) delete req.headers[name]
  req.headers.host = url.host
  // Node has already answered `Expect: 100-continue` to the client; passing it on would also stop
  // the upstream request from being sent before the origin says continue.
  delete req.headers.expect
  const options: string[] = []
  // The client's wish to close is mirrored upstream, so the origin sees the browser's pattern.
  if (asksToClose(pairHeader(state.exchange.requestHeaders, 'connection'))) {
    options.push('close')
    state.client.closeReason ??= 'client'
  }
  if (te) {
    // TE is hop-by-hop too: whoever sends it names it in Connection (RFC 9110 §10.1.4).
    req.headers.te = te
    options.push(options.length ? 'TE' : 'keep-alive, TE')
  }
  if (options.length) req.headers.connection = options.join(', ')
}

/** False only when the message framing says there is no body (RFC 9112 §6.3). */
function mayHaveBody(req: http.IncomingMessage): boolean {
  const length = req.headers['content-length']
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) !== 0)
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE'])

/**
 * How the request body travels: `none` (there is none), `hold` (an idempotent request with a small
 * declared body: read it whole first, so it can be sent again), or `stream` (everything else).
 */
function bodyPlan(ctx: ForwardContext, req: http.IncomingMessage): 'none' | 'hold' | 'stream' {
  const length = req.headers['content-length']
  const chunked = req.headers['transfer-encoding'] !== undefined
  if (!chunked && (length === undefined || Number(length) === 0)) return 'none'
  if (chunked || !IDEMPOTENT.has(req.method ?? '')) return 'stream'
  return Number(length) <= ctx.retryHoldLimit ? 'hold' : 'stream'
}

/** Reads a small idempotent request's body whole, then sends it (`send`) from memory, so it may be re-sent. */
function holdThenSend(
  ctx: ForwardContext,
  req: http.IncomingMessage,
  state: ExchangeState,
  send: () => void
): void {
  const bytes = Number(req.headers['content-length'])
  if (!ctx.budget.takeAll(bytes)) {
    // Too much is held already: stream it, and never on a socket that may have gone stale.
    state.retryable = false
    freshUpstream(ctx, state.client)
    return send()
  }
  const held = { chunks: [] as Buffer[], bytes }
  state.cleanup.push(() => {
    ctx.budget.give(held.bytes)
    held.chunks.length = 0
  })
  req.on('data', (chunk: Buffer) => held.chunks.push(chunk))
  req.once('end', () => {
    if (state.finished) return
    state.held = held
    send()
  })
}

/**
 * A request that may not be sent twice must not go out on a kept-alive socket the origin may be
 * closing at that very moment: the idle upstream sockets of this client connection are closed
 * first, so the request opens a fresh one (which later requests reuse as usual).
 */
function freshUpstream(ctx: ForwardContext, client: ClientState): void {
  client.agent.dropIdle((socket) => {
    const upstream = ctx.tracker.upstreamOf(socket)
    if (upstream) upstream.closeReason ??= 'proxy'
  })
}

/**
 * Sends the request upstream on the client connection's upstream pool. A reused keep-alive socket that the origin closed just as we
 * wrote to it fails with a reset and no response at all; like a browser, we then try once more
 * on a fresh socket — only when the request is idempotent and its whole body is held here.
 */
function send(
  ctx: ForwardContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  state: ExchangeState,
  target: Target,
  host: string
): void {
  const onError = (err: Error): void => {
    const code = (err as NodeJS.ErrnoException).code
    const ex = state.exchange
    const staleSocket =
      ex.upstreamReused === true && ex.status === undefined && (code === 'ECONNRESET' || code === 'EPIPE')
    if (staleSocket && !ex.retried && !state.finished && state.retryable) {
      ex.retried = true
      const old = state.upstream?.record
      if (old && ctx.record) {
        old.exchangeIds = old.exchangeIds.filter((id) => id !== ex.id)
        ctx.tracker.save(old)
      }
      delete ex.upstreamConnectionId
      delete ex.upstreamReused
      return send(ctx, req, res, state, target, host)
    }
    fail(ctx, state, res, classifyUpstreamError(err as NodeJS.ErrnoException, host, state.timedOut))
  }
  let proxyReq: http.ClientRequest
  try {
    proxyReq = (target.secure ? https : http).request(outgoingOptions(req, target, state.client.agent))
  } catch (err) {
    // Bad input Node refuses to send (a header value it will not write): the proxy keeps running.
    return fail(ctx, state, res, {
      kind: 'proxy-error',
      status: 502,
      message: `The proxy could not forward this request to ${host}: ${(err as Error).message}.`
    })
  }
  // Wired as http-proxy wired it: a client that went away aborts the upstream request, and a reset
  // seen after the client's socket is gone is the client's doing (res 'close' records it).
  const onUpstreamError = (err: NodeJS.ErrnoException): void => {
    if (req.socket.destroyed && err.code === 'ECONNRESET') return void proxyReq.destroy()
    onError(err)
  }
  proxyReq.on('socket', () => ctx.onUpstreamSocket(proxyReq, state))
  proxyReq.on('response', (proxyRes: http.IncomingMessage) => ctx.onProxyResponse(proxyRes, state))
  proxyReq.on('error', onUpstreamError)
  req.on('error', onUpstreamError)
  req.on('aborted', () => proxyReq.destroy())
  if (state.held) Readable.from(state.held.chunks).pipe(proxyReq)
  else if (state.hasBody) req.pipe(proxyReq)
  else {
    // Nothing to stream: end the upstream request now and let the (empty) request finish reading.
    req.resume()
    proxyReq.end()
  }
}
