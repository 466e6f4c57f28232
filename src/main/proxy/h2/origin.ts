// The two upstream roads of an HTTP/2 stream: the origin's own HTTP/2 session (a stream of its own
// there), or HTTP/1.1 with the request translated, when the origin did not offer h2.
import https from 'node:https'
import http2 from 'node:http2'
import type http from 'node:http'
import type tls from 'node:tls'
import type { HeaderPair } from '../../../shared/model'
import { classifyUpstreamError } from '../errors'
import type { ForwardContext } from '../forward'
import { pairs } from '../http-text'
import type { OriginLink } from './links'
import {
  H2_VERSION,
  fail,
  noteUpstream,
  respond,
  save,
  sendBody,
  since,
  upstreamCut,
  watchTimeout,
  type StreamState
} from './stream-state'
import { toHttp1Headers, toHttp2Headers, type RequestHead } from './translate'
import { originReset, originSessionError } from './words'

export function viaH1(
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

export function viaH2(
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
