// One HTTP/2 stream from a client, forwarded and recorded as one exchange: its stream id, its own
// timings, the upstream protocol the origin chose (HTTP/2 on a shared session, else HTTP/1.1 with
// the request translated), and a sentence for every way it can end early.
import http2 from 'node:http2'
import { performance } from 'node:perf_hooks'
import type { CapturedExchange } from '../../../shared/model'
import { joinCookieFields } from '../../../shared/http'
import { now } from '../../capture/clock'
import type { ClientState } from '../connections'
import { classifyUpstreamError } from '../errors'
import type { ForwardContext } from '../forward'
import { pairs } from '../http-text'
import type { OriginLinks } from './links'
import { viaH1, viaH2 } from './origin'
import { H2_VERSION, HEADER_LIMIT, fail, save, type StreamState } from './stream-state'
import { headerListSize, requestHead } from './translate'
import { clientReset, tooLargeHeaders } from './words'

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
