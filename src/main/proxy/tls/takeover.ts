// What happens to a CONNECT tunnel whose first bytes Roundtrip could read: TLS is intercepted and
// plain HTTP is handled directly, and both feed the proxy's own HTTP server, so their requests
// take the same forwarding and capture path as absolute-form http:// requests.
import type http from 'node:http'
import type net from 'node:net'
import tls from 'node:tls'
import type { CapturedTunnel } from '../../../shared/model'
import type { UpstreamTlsFacts } from '../../../shared/tls'
import type { CertificateAuthority } from '../../ca'
import type { ClientState, ConnectionTracker } from '../connections'
import type { UpstreamPool } from '../pool'
import type { ExchangeState } from '../forward'
import { negotiated } from './alpn'
import { classifyClientTls } from './errors'
import { createInterceptor } from './intercept'
import type { H2Door } from '../h2/door'
import type { PassthroughList } from './passthrough'
import { handshaken, trustedCas, tunnelAgent, upstreamFacts, type UpstreamTrust } from './upstream'

export interface TakeoverOptions {
  /** Absent: TLS tunnels stay opaque (--no-intercept); plain HTTP inside CONNECT is still read. */
  ca?: CertificateAuthority
  passthrough: PassthroughList
  trust: UpstreamTrust
  /** Hosts served by Roundtrip itself (the sample site), whose certificates come from the local CA. */
  isVirtualHost: (host: string) => boolean
  handshakeTimeoutMs?: number
  /** How long to wait for a client's first bytes before treating the tunnel as opaque. */
  sniffTimeoutMs?: number
  /** Offer HTTP/2 to intercepted clients by ALPN (default true; `--http2 off`). */
  http2?: boolean
}

export interface TakeoverArgs {
  clientSocket: net.Socket
  head: Buffer
  upstream: net.Socket
  tunnel: CapturedTunnel
  client: ClientState
  host: string
  port: number
  save(): void
  finish(by: CapturedTunnel['closedBy']): void
}

export interface Takeover {
  sniffTimeoutMs: number
  intercepts: boolean
  isPassthrough(host: string): boolean
  tls(args: TakeoverArgs): void
  http(args: TakeoverArgs): void
}

const authority = (scheme: 'http' | 'https', host: string, port: number): string => {
  const name = host.includes(':') ? `[${host}]` : host
  return (scheme === 'https' && port === 443) || (scheme === 'http' && port === 80)
    ? `${scheme}://${name}`
    : `${scheme}://${name}:${port}`
}

export function createTakeover(
  opts: TakeoverOptions,
  server: http.Server,
  tracker: ConnectionTracker,
  h2?: H2Door
): Takeover {
  const interceptor = opts.ca
    ? createInterceptor({
        ca: opts.ca,
        handshakeTimeoutMs: opts.handshakeTimeoutMs ?? 10_000,
        http2: opts.http2 !== false && h2 !== undefined
      })
    : undefined
  const extraCa = trustedCas(opts.trust.extraCa)
  // One list object per local CA certificate, so its TLS context is made once (trustContext).
  let local: { pem: string; list: readonly string[] } | undefined
  const localCa = (): readonly string[] => {
    const pem = opts.ca!.loaded()!.certPem
    if (local?.pem !== pem) local = { pem, list: [pem] }
    return local.list
  }

  /** The tunnel is established: `inner` carries its client's requests, and the tunnel ends with it. */
  function establish(args: TakeoverArgs, inner: net.Socket): void {
    const { client, tunnel } = args
    tracker.adopt(inner, client)
    args.clientSocket.once('close', () => {
      args.upstream.destroy()
      args.finish(client.closeReason ?? 'client')
    })
    tunnel.establishedAt ??= tunnel.openedAt
    args.save()
  }

  /** The tunnel's requests go to the HTTP server as if they had arrived on their own socket. */
  function serve(args: TakeoverArgs, inner: net.Socket, origin: string, agent: UpstreamPool): void {
    const { client } = args
    client.agent.destroy()
    client.agent = agent
    client.origin = origin
    establish(args, inner)
    server.emit('connection', inner)
    // The sniffing paused it; the server's parser reads it through 'data' events from here on.
    inner.resume()
  }

  return {
    sniffTimeoutMs: opts.sniffTimeoutMs ?? 2000,
    intercepts: interceptor !== undefined,
    isPassthrough: (host) => opts.passthrough.matches(host),
    http(args) {
      args.tunnel.mode = 'http'
      args.clientSocket.pause()
      if (args.head.length) args.clientSocket.unshift(args.head)
      const agent = tunnelAgent({ secure: false, preopened: args.upstream })
      serve(args, args.clientSocket, authority('http', args.host, args.port), agent)
    },
    tls(args) {
      const { tunnel, client } = args
      tunnel.mode = 'intercepted'
      args.save()
      interceptor!.intercept(args.clientSocket, args.head, args.host, {
        secure(socket, facts) {
          tunnel.tls = facts
          client.tls = facts
          const virtual = opts.isVirtualHost(args.host)
          // The sample site's certificate comes from the local CA, and only that CA vouches for it.
          const trust = (host: string): { ca?: readonly string[]; insecure: boolean } =>
            opts.isVirtualHost(host)
              ? { ca: localCa(), insecure: false }
              : { ca: extraCa, insecure: opts.trust.insecure === true }
          const protocol = negotiated(socket.alpnProtocol)
          if (protocol === 'h2' && h2) {
            establish(args, socket)
            return h2.serve({
              socket,
              client,
              authority: `${args.host.includes(':') ? `[${args.host}]` : args.host}:${args.port}`,
              preopened: args.upstream,
              trust
            })
          }
          const agent = tunnelAgent({
            secure: true,
            preopened: args.upstream,
            // The sample site's certificate comes from the local CA, and only that CA vouches for it.
            ca: virtual ? localCa() : extraCa,
            insecure: virtual ? false : opts.trust.insecure
          })
          if (protocol !== 'http/1.1') {
            socket.destroy()
            return
          }
          serve(args, socket, authority('https', args.host, args.port), agent)
        },
        failed(err, helloComplete) {
          const { message, distrust } = classifyClientTls(err, `${args.host}:${args.port}`, helloComplete)
          tunnel.error = { kind: distrust ? 'client-distrust' : 'client-tls', message }
          args.upstream.destroy()
          args.finish('error')
        }
      })
    }
  }
}

/** One facts record per upstream socket, shared by every exchange it carries. */
const factsBySocket = new WeakMap<tls.TLSSocket, UpstreamTlsFacts>()

/** Adds the origin's TLS facts to an exchange once its upstream TLS socket is ready. */
export function noteUpstreamTls(state: ExchangeState, socket: net.Socket | null, save: () => void): void {
  if (!(socket instanceof tls.TLSSocket) || !state.exchange.tls) return
  const apply = (): void => {
    let facts = factsBySocket.get(socket)
    if (!facts) factsBySocket.set(socket, (facts = upstreamFacts(socket)))
    state.exchange.tls = { ...state.exchange.tls!, upstream: facts }
    save()
  }
  if (handshaken.has(socket)) apply()
  else socket.once('secureConnect', apply)
}
