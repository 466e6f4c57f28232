// The upstream side of one HTTP/2 client connection: per origin, one TLS connection that offers h2
// and http/1.1 by ALPN. An origin that picks h2 gets one HTTP/2 session, shared by every stream the
// client sends it (the origin sees the browser's pattern: one connection, many streams); an origin
// that picks HTTP/1.1 gets a keep-alive agent whose first socket is that connection.
import http2 from 'node:http2'
import https from 'node:https'
import net from 'node:net'
import tls from 'node:tls'
import type { Target } from '../forward'
import { trustContext } from '../tls/upstream'

export type OriginLink =
  | { kind: 'h2'; session: http2.ClientHttp2Session; socket: tls.TLSSocket }
  | {
      kind: 'h1'
      agent: https.Agent
      socket: tls.TLSSocket
      /** Where the agent's further sockets connect (the request options name it). */
      connect: { host: string; port: number; servername?: string }
    }

export interface LinkOptions {
  /** The TCP connection opened when the CONNECT arrived, to `first`; used for the first origin link. */
  preopened?: net.Socket
  first: string
  /** Where a host really lives (the sample site), or undefined for the real origin. */
  resolve: (host: string, port: number) => Target | undefined
  /** Which CAs vouch for a host's certificate, and whether to check at all. */
  trust: (host: string) => { ca?: readonly string[]; insecure: boolean }
  /** Offer h2 to origins (off: HTTP/1.1 only). */
  http2: boolean
  /** Browsers open about six HTTP/1.1 connections per origin; streams that go out as HTTP/1.1 get as many. */
  maxH1Sockets?: number
  /** The origin's HTTP/2 session said GOAWAY. */
  onGoaway(socket: tls.TLSSocket, code: number, lastStreamId: number): void
}

const authorityOf = (host: string, port: number): string =>
  `${host.includes(':') ? `[${host}]` : host}:${port}`

export class OriginLinks {
  private readonly links = new Map<string, Promise<OriginLink>>()
  private preopened: net.Socket | undefined
  private closed = false

  constructor(private readonly opts: LinkOptions) {
    this.preopened = opts.preopened
  }

  /** The link to host:port, opened on first use; a failed or closed one is opened again next time. */
  get(host: string, port: number): Promise<OriginLink> {
    const key = authorityOf(host.toLowerCase(), port)
    let link = this.links.get(key)
    if (!link) {
      link = this.open(host, port, key)
      this.links.set(key, link)
      link.catch(() => this.links.delete(key))
    }
    return link
  }

  /** Ends every upstream connection: the client connection they mirror has closed. */
  destroy(): void {
    this.closed = true
    this.preopened?.destroy()
    for (const link of this.links.values()) {
      link.then(
        (l) => (l.kind === 'h2' ? l.session.destroy() : (l.agent.destroy(), l.socket.destroy())),
        () => undefined
      )
    }
    this.links.clear()
  }

  private open(host: string, port: number, key: string): Promise<OriginLink> {
    const target = this.opts.resolve(host, port) ?? { hostname: host, port }
    const { ca, insecure } = this.opts.trust(host)
    let raw: net.Socket | undefined
    if (key === this.opts.first.toLowerCase() && this.preopened && !this.preopened.destroyed)
      raw = this.preopened
    this.preopened = undefined
    const tlsOptions: tls.ConnectionOptions = {
      host: target.hostname,
      port: target.port,
      ...(net.isIP(host) ? {} : { servername: host }),
      ALPNProtocols: this.opts.http2 ? ['h2', 'http/1.1'] : ['http/1.1'],
      secureContext: trustContext(ca),
      rejectUnauthorized: !insecure
    }
    return new Promise<OriginLink>((resolve, reject) => {
      if (this.closed)
        return reject(Object.assign(new Error('client connection closed'), { code: 'ECONNRESET' }))
      const socket = tls.connect(raw ? { ...tlsOptions, socket: raw } : tlsOptions)
      const onError = (err: Error): void => {
        socket.destroy()
        reject(err)
      }
      socket.once('error', onError)
      socket.once('secureConnect', () => {
        socket.off('error', onError)
        socket.on('error', () => undefined)
        if (socket.alpnProtocol === 'h2') {
          const session = http2.connect(`https://${key}`, { createConnection: () => socket })
          session.on('error', () => undefined)
          session.on('goaway', (code: number, lastStreamId: number) => {
            this.opts.onGoaway(socket, code, lastStreamId)
            this.forget(key, session)
          })
          session.once('close', () => this.forget(key, session))
          return resolve({ kind: 'h2', session, socket })
        }
        resolve({
          kind: 'h1',
          agent: this.h1Agent(socket, tlsOptions),
          socket,
          connect: {
            host: target.hostname,
            port: target.port,
            ...(tlsOptions.servername ? { servername: tlsOptions.servername } : {})
          }
        })
      })
    })
  }

  private forget(key: string, session: http2.ClientHttp2Session): void {
    const current = this.links.get(key)
    current?.then(
      (l) => {
        if (l.kind === 'h2' && l.session === session) this.links.delete(key)
      },
      () => undefined
    )
  }

  private h1Agent(first: tls.TLSSocket, options: tls.ConnectionOptions): https.Agent {
    const agent = new https.Agent({
      keepAlive: true,
      maxSockets: this.opts.maxH1Sockets ?? 6,
      secureContext: options.secureContext,
      rejectUnauthorized: options.rejectUnauthorized,
      ALPNProtocols: ['http/1.1']
    })
    let spare: tls.TLSSocket | undefined = first
    const create = agent.createConnection.bind(agent)
    agent.createConnection = ((opts: tls.ConnectionOptions, cb?: () => void) => {
      const reuse = spare && !spare.destroyed ? spare : undefined
      spare = undefined
      if (reuse) return reuse
      return create(opts, cb)
    }) as unknown as typeof agent.createConnection
    return agent
  }
}
