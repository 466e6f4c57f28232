// The forward proxy: an http.Server that takes absolute-form requests and CONNECT tunnels,
// forwards them on each client connection's own upstream sockets (pool.ts), and records every exchange with
// the connections it used.
// Plain Node: the Electron app and `roundtrip serve` both host it.
import http from 'node:http'
import type net from 'node:net'
import type { CapturedExchange } from '../../shared/model'
import type { CaptureStore } from '../capture/store'
import { now } from '../capture/clock'
import { ConnectionTracker } from './connections'
import { classifyClientError, errorBody } from './errors'
import { fail, forward, save, type ExchangeState, type ForwardContext, type Target } from './forward'
import { onProxyReq, onProxyRes } from './upstream'
import { pairs } from './http-text'
import { ByteBudget } from './body'
import { openTunnel, parseAuthority } from './tunnel'
import { PassthroughList } from './tls/passthrough'
import { createTakeover, noteUpstreamTls, type TakeoverOptions } from './tls/takeover'
import {
  absoluteTarget,
  mayBeOwn,
  ownTarget,
  passThroughRequest,
  passThroughTunnel,
  type OwnAddresses
} from './own'
import { listenOn } from '../net/listen'
import { createH2Door } from './h2/door'

export interface ProxyOptions {
  store: CaptureStore
  /** Record exchanges (true) or only forward them (false, for measuring the capture's cost). */
  record?: boolean
  /** Bytes of each body kept in the capture (default 1 MiB). */
  bodyLimit?: number
  upstreamTimeoutMs?: number
  /** How long an idle client keep-alive connection stays open. */
  clientIdleMs?: number
  /** How long a client may take to send its request headers (slow clients get a 408). */
  headersTimeoutMs?: number
  /** How long a client may take to send a whole request, body included; 0 (default) means no limit. */
  requestTimeoutMs?: number
  /**
   * The most bytes held at once for all in-flight exchanges together: the kept part of their bodies
   * and small request bodies held for a retry (default 64 MiB). Past it bodies are kept truncated.
   */
  maxBufferedBytes?: number
  /** The largest idempotent request body held so the request can be re-sent (default 64 KiB). */
  retryHoldLimit?: number
  /** A client that takes none of its response for this long has the exchange cut short (default 120 s). */
  clientStallMs?: number
  /** Accept clients from addresses other than loopback. */
  allowRemoteClients?: boolean
  resolveVirtualHost?: (hostname: string, port: number) => Target | undefined
  onUpstreamResponse?: (exchange: CapturedExchange, upstreamLocalPort: number) => void
  /** HTTPS interception: the CA (absent: TLS tunnels stay opaque), passthrough hosts, upstream trust. */
  tls?: Partial<TakeoverOptions>
}

export interface RoundtripProxy {
  server: http.Server
  tracker: ConnectionTracker
  /** Hosts whose tunnels are never intercepted; the UI adds to it. */
  passthrough: PassthroughList
  listen(port: number, host?: string): Promise<string>
  /**
   * Moves the proxy to another port without losing the capture or its ids. Connections already
   * open stay until they end; if the new port cannot be had, the old one is taken back and the
   * error says why.
   */
  relisten(port: number): Promise<string>
  /** Ports of Roundtrip's own UI and API on this machine: passed through, never recorded. */
  ownPorts: Set<number>
  close(): Promise<void>
}

/** Whether a client at `address` may use the proxy: loopback always, anything else only when allowed. */
export function isAllowedClient(address: string | undefined, allowRemote = false): boolean {
  if (allowRemote) return true
  if (!address) return false
  return address === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/i.test(address)
}
const SELF_NAMES = new Set(['localhost', '127.0.0.1', '::1', '0.0.0.0', '::'])

export function createProxy(options: ProxyOptions): RoundtripProxy {
  const record = options.record ?? true
  const store = options.store
  const tracker = new ConnectionTracker(store, record)
  const requestTimeout = options.requestTimeoutMs ?? 0
  const headersTimeout = Math.min(options.headersTimeoutMs ?? 30_000, requestTimeout || Infinity)
  const server = http.createServer({
    requireHostHeader: false,
    headersTimeout,
    requestTimeout,
    // Node checks those two limits on this period (30 s by default): short limits need short checks.
    connectionsCheckingInterval: Math.max(25, Math.min(30_000, headersTimeout / 4))
  })
  server.keepAliveTimeout = options.clientIdleMs ?? 60_000
  let exchangeCount = 0
  let tunnelCount = 0
  let listeningPort = -1
  let listeningHost = ''

  const own: OwnAddresses = { ports: new Set(), host: () => listeningHost }
  const isSelf = (hostname: string, port: number): boolean =>
    port === listeningPort && (SELF_NAMES.has(hostname) || hostname === listeningHost)

  const ctx: ForwardContext = {
    store,
    tracker,
    onUpstreamSocket: (proxyReq, state) =>
      guarded(state, () => {
        onProxyReq(ctx, proxyReq, state)
        if (state.exchange.tls) noteUpstreamTls(state, proxyReq.socket, () => save(ctx, state))
      }),
    onProxyResponse: (proxyRes, state) => guarded(state, () => onProxyRes(ctx, proxyRes, state.res!, state)),
    record,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    upstreamTimeoutMs: options.upstreamTimeoutMs ?? 30_000,
    resolveVirtualHost: options.resolveVirtualHost ?? (() => undefined),
    isSelf,
    onUpstreamResponse: options.onUpstreamResponse,
    nextExchangeId: () => `e${++exchangeCount}`,
    pairs: record ? (raw) => store.headerPairs(raw) : pairs,
    retryHoldLimit: options.retryHoldLimit ?? 64 * 1024,
    budget: new ByteBudget(options.maxBufferedBytes ?? 64 * 1024 * 1024),
    clientStallMs: options.clientStallMs ?? 120_000
  }

  // These run inside the upstream request's socket callbacks, where a throw would end the process.
  function guarded(state: ExchangeState, step: () => void): void {
    try {
      step()
    } catch (err) {
      fail(ctx, state, state.res!, {
        kind: 'proxy-error',
        status: 502,
        message: `The proxy failed while handling ${state.target || 'this request'}: ${(err as Error).message}.`
      })
    }
  }

  const passthrough = options.tls?.passthrough ?? new PassthroughList()
  const takeover = createTakeover(
    {
      ca: options.tls?.ca,
      passthrough,
      trust: options.tls?.trust ?? {},
      isVirtualHost: (host) => options.resolveVirtualHost?.(host, 443) !== undefined,
      handshakeTimeoutMs: options.tls?.handshakeTimeoutMs,
      sniffTimeoutMs: options.tls?.sniffTimeoutMs,
      http2: options.tls?.http2
    },
    server,
    tracker,
    options.tls?.http2 === false
      ? undefined
      : createH2Door(ctx, {
          upstreamH2: true,
          resolve: ctx.resolveVirtualHost,
          clientIdleMs: options.clientIdleMs ?? 60_000
        })
  )

  server.on('connection', (socket: net.Socket) => {
    // A tunnel's socket handed back to the server after its CONNECT: already known.
    if (tracker.client(socket)) return
    if (!isAllowedClient(socket.remoteAddress, options.allowRemoteClients)) {
      socket.destroy()
      return
    }
    socket.on('error', () => undefined)
    tracker.openClient(socket)
  })

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const client = tracker.client(req.socket)
    if (!client) return void res.destroy()
    const to = mayBeOwn(own, req.url) ? absoluteTarget(req.url) : undefined
    const ownHost = to && ownTarget(own, to.hostname, to.port)
    if (to && ownHost) return passThroughRequest(req, res, ownHost, to.port)
    // Inside a tunnel requests name only the path: the CONNECT named the origin.
    if (client.origin && req.url?.startsWith('/')) req.url = client.origin + req.url
    // What the client had sent once this request was read: a timeout with nothing new is just idle.
    req.once('end', () => (client.bytesSeen = req.socket.bytesRead))
    try {
      forward(ctx, req, res, client)
    } catch (err) {
      // Last line of defence: forwarding can throw on odd input; the proxy must keep running.
      if (!res.headersSent) {
        res.writeHead(502, 'Bad Gateway', {
          'content-type': 'text/plain; charset=utf-8',
          'x-content-type-options': 'nosniff'
        })
        res.end(errorBody(502, `The proxy could not forward this request: ${(err as Error).message}`))
      } else res.destroy()
    }
  })

  server.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    const client = tracker.client(socket)
    if (!client) return void socket.destroy()
    const authority = parseAuthority(req.url ?? '')
    const ownHost = typeof authority !== 'string' && ownTarget(own, authority.host, authority.port)
    if (typeof authority !== 'string' && ownHost) {
      return passThroughTunnel(socket, head, ownHost, authority.port)
    }
    client.sequence++
    try {
      openTunnel(
        {
          store,
          record,
          connectTimeoutMs: ctx.upstreamTimeoutMs,
          resolveVirtualHost: ctx.resolveVirtualHost,
          isSelf,
          nextTunnelId: () => `t${++tunnelCount}`,
          takeover
        },
        req,
        socket,
        head,
        client
      )
    } catch {
      // A target net.connect cannot even try: refuse it rather than let the throw escape.
      socket.destroy()
    }
  })

  server.on('clientError', (err: NodeJS.ErrnoException, socket: net.Socket) => {
    const client = tracker.client(socket)
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy()
      return
    }
    if (
      (err.code === 'ERR_HTTP_REQUEST_TIMEOUT' || err.code === 'HPE_HEADERS_TIMEOUT') &&
      socket.bytesRead === (client?.bytesSeen ?? 0)
    ) {
      // A connection that never started a request (browsers open spare ones): close it quietly.
      if (client) client.closeReason ??= 'idle-timeout'
      socket.destroy()
      return
    }
    const e = classifyClientError(err)
    if (client && record) {
      const raw = (err as { rawPacket?: Buffer }).rawPacket
      const firstLine = raw ? raw.toString('latin1').split('\r\n', 1)[0]!.slice(0, 200) : ''
      const exchange: CapturedExchange = {
        id: ctx.nextExchangeId(),
        clientConnectionId: client.record.id,
        sequence: ++client.sequence,
        method: '',
        url: firstLine,
        httpVersion: '',
        requestHeaders: [],
        status: e.status,
        startedAt: now(),
        timings: { responseEnd: 0 },
        state: 'error',
        error: { kind: e.kind, message: e.message }
      }
      client.record.exchangeIds.push(exchange.id)
      client.closeReason ??= 'proxy'
      tracker.save(client.record)
      store.putExchange(exchange)
    }
    const body = errorBody(e.status, e.message)
    socket.end(
      `HTTP/1.1 ${e.status} ${http.STATUS_CODES[e.status] ?? 'Error'}\r\nContent-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
    )
  })

  // Idle keep-alive connections and stalled requests end here; note who ended them.
  server.on('timeout', (socket: net.Socket) => {
    const client = tracker.client(socket)
    if (client) client.closeReason ??= 'idle-timeout'
    socket.destroy()
  })

  return {
    server,
    tracker,
    passthrough,
    ownPorts: own.ports,
    async listen(port: number, host = '127.0.0.1'): Promise<string> {
      const address = await listenOn(server, port, host, 'proxy')
      listeningPort = address.port
      listeningHost = host
      return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`
    },
    async relisten(port: number): Promise<string> {
      const previous = listeningPort
      const host = listeningHost
      server.close()
      try {
        return await this.listen(port, host)
      } catch (err) {
        await this.listen(previous, host)
        throw err
      }
    },
    async close(): Promise<void> {
      for (const socket of tracker.openClients) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
