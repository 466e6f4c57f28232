// One client connection's upstream sockets, in place of a whole http.Agent per client connection:
// per origin one socket, held while the client's keep-alive connection lasts, so the origin sees
// the browser's pattern (one client connection, one upstream connection). A request for an origin
// whose socket is busy waits for it (as the agent's `maxSockets: 1` made it wait); a socket that
// died is replaced by a fresh one. ClientRequest takes this as its `agent`: it asks for a socket
// with addRequest() and hands it back with the socket's 'free' event once the exchange is over, so
// the bytes on the wire are exactly those an http.Agent with keepAlive made.
//
// What the agent did per request that this skips: the pool key built from every option, the
// listeners installed and removed per socket hand-over, the response's header object built only to
// read its Keep-Alive hint, and TCP keep-alive set again on every release.
import type http from 'node:http'
import net from 'node:net'
import tls from 'node:tls'
import { isHeader } from '../../shared/http/headers'

/** What a ClientRequest reads of its agent besides addRequest. */
interface AgentShape {
  readonly keepAlive: true
  readonly maxSockets: number
  readonly options: object
  readonly protocol: string
}

export interface PoolOptions {
  /** Upstream sockets speak TLS (an intercepted tunnel's origin). */
  secure: boolean
  /** The TCP connection opened when the CONNECT arrived: the first socket, so the origin sees one connection. */
  preopened?: net.Socket
  secureContext?: tls.SecureContext
  /** false only with --insecure-upstream. */
  rejectUnauthorized?: boolean
  ALPNProtocols?: string[]
  /** A TLS socket finished its handshake (its facts can be read). */
  onSecure?: (socket: tls.TLSSocket) => void
}

/** The request options http.request hands to addRequest (only what a connection needs). */
interface RequestOptions {
  host?: string | null
  port?: number | string | null
  servername?: string
}

interface Slot {
  socket?: net.Socket
  busy: boolean
  /** Requests for this origin that arrived while its socket was busy (pipelined), oldest first. */
  waiting: { req: http.ClientRequest; options: RequestOptions }[]
  /** The last TLS session with this origin, so a fresh socket can resume it (the agent cached them too). */
  session?: Buffer
}

type QueuedRequest = http.ClientRequest & { onSocket(socket: net.Socket, err?: Error): void }

const KEEP_ALIVE_MS = 1000
const noop = (): void => undefined

export class UpstreamPool implements AgentShape {
  readonly keepAlive = true
  readonly maxSockets = 1
  readonly options = {}
  readonly protocol: string
  private readonly slots = new Map<string, Slot>()
  private preopened: net.Socket | undefined
  private closed = false

  constructor(private readonly opts: PoolOptions = { secure: false }) {
    this.protocol = opts.secure ? 'https:' : 'http:'
    this.preopened = opts.preopened
  }

  /** Called by ClientRequest (as an agent's addRequest) when it needs a socket. */
  addRequest(req: http.ClientRequest, options: RequestOptions): void {
    const servername = this.opts.secure ? serverName(options, req) : ''
    const name = `${options.host ?? 'localhost'}:${options.port ?? ''}:${servername}`
    let slot = this.slots.get(name)
    if (!slot) this.slots.set(name, (slot = { busy: false, waiting: [] }))
    if (slot.socket?.destroyed) {
      slot.socket = undefined
      slot.busy = false
    }
    const socket = slot.socket
    if (socket && !slot.busy) {
      slot.busy = true
      socket.ref()
      req.reusedSocket = true
      ;(req as QueuedRequest).onSocket(socket)
      return
    }
    if (slot.busy) {
      slot.waiting.push({ req, options })
      return
    }
    this.open(slot, req, { ...options, servername })
  }

  /** Every socket the pool holds, busy or idle. */
  *sockets(): IterableIterator<net.Socket> {
    for (const slot of this.slots.values()) if (slot.socket && !slot.socket.destroyed) yield slot.socket
  }

  /** Ends the idle sockets (a request that must not be sent twice goes out on a fresh one). */
  dropIdle(before: (socket: net.Socket) => void): void {
    for (const slot of this.slots.values()) {
      const socket = slot.socket
      if (!socket || slot.busy) continue
      before(socket)
      slot.socket = undefined
      socket.destroy()
    }
  }

  /** Ends every socket: the client connection they mirror has closed. */
  destroy(): void {
    this.closed = true
    this.preopened?.destroy()
    this.preopened = undefined
    for (const slot of this.slots.values()) {
      slot.socket?.destroy()
      slot.socket = undefined
    }
    this.slots.clear()
  }

  private open(slot: Slot, req: http.ClientRequest, options: RequestOptions & { servername: string }): void {
    slot.busy = true
    let socket: net.Socket
    try {
      socket = this.connect(slot, options)
    } catch (err) {
      slot.busy = false
      throw err
    }
    slot.socket = socket
    socket.on('error', noop)
    socket.on('free', () => this.release(slot, socket))
    socket.once('close', () => this.forget(slot, socket))
    ;(req as QueuedRequest).onSocket(socket)
  }

  private connect(slot: Slot, options: RequestOptions & { servername: string }): net.Socket {
    const first = this.preopened && !this.preopened.destroyed ? this.preopened : undefined
    this.preopened = undefined
    const port = Number(options.port)
    const host = options.host ?? 'localhost'
    if (!this.opts.secure) {
      return (
        first ??
        net.connect({
          host,
          port,
          noDelay: true,
          keepAlive: true,
          keepAliveInitialDelay: KEEP_ALIVE_MS
        })
      )
    }
    const tlsOptions: tls.ConnectionOptions = {
      host,
      port,
      servername: options.servername,
      secureContext: this.opts.secureContext,
      rejectUnauthorized: this.opts.rejectUnauthorized !== false,
      ...(this.opts.ALPNProtocols ? { ALPNProtocols: this.opts.ALPNProtocols } : {}),
      ...(slot.session ? { session: slot.session } : {})
    }
    const secure = tls.connect(first ? { ...tlsOptions, socket: first } : tlsOptions)
    secure.on('session', (session: Buffer) => (slot.session = session))
    secure.once('close', (hadError: boolean) => {
      if (hadError) slot.session = undefined
    })
    const onSecure = this.opts.onSecure
    if (onSecure) secure.once('secureConnect', () => onSecure(secure))
    return secure
  }

  /** The exchange on `socket` is over (ClientRequest emitted 'free'): the next waiting request, or idle. */
  private release(slot: Slot, socket: net.Socket): void {
    if (slot.socket !== socket) return void socket.destroy()
    if (!socket.writable) return void socket.destroy()
    const next = slot.waiting.shift()
    if (next) return void (next.req as QueuedRequest).onSocket(socket)
    const last = (socket as { _httpMessage?: http.ClientRequest | null })._httpMessage
    if (this.closed || !last || !last.shouldKeepAlive || !keepAliveAllowed(last)) return void socket.destroy()
    ;(socket as { _httpMessage?: http.ClientRequest | null })._httpMessage = null
    socket.setKeepAlive(true, KEEP_ALIVE_MS)
    socket.unref()
    slot.busy = false
  }

  private forget(slot: Slot, socket: net.Socket): void {
    if (slot.socket !== socket) return
    slot.socket = undefined
    slot.busy = false
    // Requests that waited for the socket get a fresh one, the oldest first (as the agent did).
    const next = slot.waiting.shift()
    if (next && !this.closed) {
      try {
        const servername = this.opts.secure ? serverName(next.options, next.req) : ''
        this.open(slot, next.req, { ...next.options, servername })
      } catch (err) {
        next.req.destroy(err as Error)
      }
    }
  }
}

/**
 * The origin's Keep-Alive hint: a `timeout` of a second or less leaves no safe time to reuse the
 * socket (http.Agent's rule, read from the raw headers rather than a header object built for it).
 */
function keepAliveAllowed(req: http.ClientRequest): boolean {
  const raw = (req as { res?: http.IncomingMessage }).res?.rawHeaders
  if (!raw) return true
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (!isHeader(raw[i]!, 'keep-alive')) continue
    const hint = /^timeout=(\d+)/.exec(raw[i + 1]!)?.[1]
    return hint === undefined || Number.parseInt(hint, 10) * 1000 - 1000 > 0
  }
  return true
}

/** SNI as http.Agent computes it: the Host header's name, none for an IP address. */
function serverName(options: RequestOptions, req: http.ClientRequest): string {
  if (options.servername !== undefined) return options.servername
  let name = options.host ?? ''
  const host = req.getHeader('host')
  if (typeof host === 'string' && host) {
    if (host.startsWith('[')) {
      const end = host.indexOf(']')
      name = end === -1 ? host : host.slice(1, end)
    } else name = host.split(':', 1)[0]!
  }
  return net.isIP(name) ? '' : name
}
