// The upstream half of an exchange, wired to the upstream request's events: which socket carries the request
// (`proxyReq`), and the response streamed back to the client (`proxyRes`).
//
// The response moves with backpressure: while the client's socket is full the upstream socket is
// paused, so a client that stops reading costs the proxy one socket buffer, not the whole body.
// A client that takes nothing for `clientStallMs` has the exchange cut short (recorded as such),
// so a stuck client cannot hold an upstream connection forever.
import type http from 'node:http'
import type net from 'node:net'
import { headerValues } from '../../shared/http/headers'
import { asksToClose, hopByHopNames } from '../../shared/http/hop-by-hop'
import { pairs } from './http-text'
import { BodyCollector } from './body'
import type { UpstreamState } from './connections'
import { classifyUpstreamError } from './errors'
import { fail, save, settle, since, type ExchangeState, type ForwardContext } from './forward'

/** When the upstream request has its socket: which upstream socket carries the request, and when it left. */
export function onProxyReq(ctx: ForwardContext, proxyReq: http.ClientRequest, state: ExchangeState): void {
  state.proxyReq = proxyReq
  const socket = proxyReq.socket as net.Socket
  const { state: upstream, isNew } = ctx.tracker.upstream(socket, state.client, state.target)
  state.upstream = upstream
  if (ctx.record) upstream.record.exchangeIds.push(state.exchange.id)
  upstream.currentExchangeId = state.exchange.id
  ctx.tracker.save(upstream.record)
  state.exchange.upstreamConnectionId = upstream.record.id
  state.exchange.upstreamReused = !isNew
  upstream.current = state
  if (isNew) {
    // One timer per upstream socket, armed once it is connected (as the per-request timer was) and
    // refreshed by every byte either way; it speaks for whichever exchange the socket carries.
    const arm = (): void => {
      socket.setTimeout(ctx.upstreamTimeoutMs)
      socket.on('timeout', () => onUpstreamTimeout(ctx, upstream))
    }
    if (socket.connecting) {
      socket.once('connect', () => {
        state.exchange.timings.upstreamConnected = since(state)
        arm()
      })
    } else arm()
  }
  proxyReq.once('finish', () => {
    state.exchange.timings.requestSent = since(state)
    save(ctx, state)
  })
}

/** The upstream socket was quiet for the upstream timeout: the exchange it carries failed (an idle socket is left be). */
function onUpstreamTimeout(ctx: ForwardContext, upstream: UpstreamState): void {
  const state = upstream.current
  if (!state || state.finished || !state.proxyReq) return
  // A client that is not reading stalls the origin through backpressure: not the origin's fault (the
  // client's own stall limit deals with that). Decided now, while it is so: the client may take its
  // bytes before the check below runs, and the origin's silence counts again only from then (the
  // resume arms the socket's timer anew).
  if (state.res?.writableNeedDrain) return void upstream.socket.setTimeout(ctx.upstreamTimeoutMs)
  // Timers run first in each turn of the event loop: after the process was kept off the CPU, the
  // timer can fire before the bytes that arrived meanwhile are read. Decide once they have been.
  const bytesRead = upstream.socket.bytesRead
  setImmediate(() => {
    if (upstream.current !== state || state.finished || !state.proxyReq) return
    // Bytes read since refreshed the socket's timer: the origin is not silent.
    // (A client that fills up meanwhile does so with bytes read since: answered just above.)
    if (upstream.socket.bytesRead !== bytesRead) return
    state.timedOut = true
    state.proxyReq.destroy(Object.assign(new Error('upstream timeout'), { code: 'ETIMEDOUT' }))
  })
}

/** When the origin's response head arrives: record the response and stream it to the client. */
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
  const raw = proxyRes.rawHeaders
  ex.responseHeaders = ctx.pairs(raw)
  const upstreamSocket = proxyRes.socket as net.Socket | null
  if (upstreamSocket?.localPort) ctx.onUpstreamResponse?.(ex, upstreamSocket.localPort)

  // The origin's hop-by-hop fields (and those its Connection names) end at the proxy. Read from
  // the recorded pairs: proxyRes.headers would build a second copy of every header just for this.
  const connection = headerValues(ex.responseHeaders, 'connection').join(', ') || undefined
  const drop = hopByHopNames(connection)
  const out: string[] = []
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (!drop.has(raw[i]!.toLowerCase())) out.push(raw[i]!, raw[i + 1]!)
  }
  if (asksToClose(connection)) {
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
  // Not recording: no second consumer on the hot path, nothing to encode at the end.
  const body = ctx.record ? new BodyCollector(ctx.bodyLimit, ctx.budget) : undefined
  if (body) state.cleanup.push(() => body.release())
  const cut = (): void => onUpstreamCut(ctx, state, res)
  proxyRes.on('aborted', cut)
  proxyRes.on('error', cut)
  res.once('finish', () => {
    if (state.finished) return
    ex.timings.responseEnd = since(state)
    if (body && body.size > 0) ex.responseBody = body.result()
    settle(state)
    ex.state = 'complete'
    save(ctx, state)
  })
  pump(ctx, proxyRes, res, state, body)
}

/**
 * proxyRes → res with backpressure (what `pipe` does), plus the client's stall limit and the
 * origin's trailer fields.
 */
function pump(
  ctx: ForwardContext,
  proxyRes: http.IncomingMessage,
  res: http.ServerResponse,
  state: ExchangeState,
  body: BodyCollector | undefined
): void {
  let stall: NodeJS.Timeout | undefined
  let sent = 0
  const unstall = (): void => {
    if (stall) clearTimeout(stall)
    stall = undefined
  }
  state.cleanup.push(unstall)
  const onStall = (): void => {
    const seconds = Math.round(ctx.clientStallMs / 100) / 10
    fail(ctx, state, res, {
      kind: 'cut-short',
      status: 502,
      message: `The client took none of the response for ${seconds} s (its socket stayed full), so the proxy cut the exchange short after ${sent} bytes rather than hold the rest.`
    })
    proxyRes.destroy()
  }
  proxyRes.on('data', (chunk: Buffer) => {
    body?.add(chunk)
    sent += chunk.length
    if (res.write(chunk) || state.finished) return
    proxyRes.pause()
    stall ??= setTimeout(onStall, ctx.clientStallMs)
  })
  res.on('drain', () => {
    unstall()
    if (state.finished) return
    // The origin was waiting on the client, not silent: its time to answer starts again now.
    if (state.upstream?.current === state) state.upstream.socket.setTimeout(ctx.upstreamTimeoutMs)
    proxyRes.resume()
  })
  proxyRes.once('end', () => {
    // The origin has said all it will: its socket's timer no longer speaks for this exchange, even
    // while a slow client is still taking the last of it (the per-request timer ended here too).
    if (state.upstream?.current === state) state.upstream.current = undefined
    if (state.finished) return
    const trailers = proxyRes.rawTrailers
    if (trailers.length > 0) {
      try {
        res.addTrailers(pairs(trailers))
      } catch {
        // A trailer Node will not write is dropped; the body itself is whole.
      }
    }
    res.end()
  })
}

function onUpstreamCut(ctx: ForwardContext, state: ExchangeState, res: http.ServerResponse): void {
  if (state.timedOut) return fail(ctx, state, res, classifyUpstreamError({} as Error, state.target, true))
  fail(ctx, state, res, {
    kind: 'upstream-reset',
    status: 502,
    message: `${state.target} closed the connection in the middle of its response; the client got a cut-off body.`
  })
}
