// Connection bookkeeping: every client socket and every upstream socket becomes a
// CapturedConnection with a stable id, and we note who closed it. "Reused" is never stored:
// it follows from an exchange's position in `exchangeIds`.
import type net from 'node:net'
import type { CapturedConnection, CloseReason } from '../../shared/model'
import type { ClientTlsFacts } from '../../shared/tls'
import type { CaptureStore } from '../capture/store'
import { now } from '../capture/clock'
import type { ExchangeState } from './exchange'
import { UpstreamPool } from './pool'

export interface ClientState {
  record: CapturedConnection
  socket: net.Socket
  /** Upstream sockets for this client connection only, so the origin sees the browser's pattern. */
  agent: UpstreamPool
  sequence: number
  closeReason?: CloseReason
  /** socket.bytesRead when the last request had been read (tells idle from slow). */
  bytesSeen?: number
  /** Inside a CONNECT tunnel Roundtrip reads: the scheme and authority of its origin-form requests. */
  origin?: string
  /** For an intercepted tunnel: what the client negotiated with Roundtrip. */
  tls?: ClientTlsFacts
}

export interface UpstreamState {
  record: CapturedConnection
  socket: net.Socket
  closeReason?: CloseReason
  /** The exchange currently using this socket, if any. */
  currentExchangeId?: string
  /** That exchange's state while it is in flight (the socket's timer speaks for it). */
  current?: ExchangeState
}

export class ConnectionTracker {
  private clientCount = 0
  private upstreamCount = 0
  private readonly clients = new WeakMap<net.Socket, ClientState>()
  private readonly upstreams = new WeakMap<net.Socket, UpstreamState>()
  /** Upstream sockets by their local port, so a local server can tell us which request it is serving. */
  readonly upstreamByLocalPort = new Map<number, UpstreamState>()
  /** Every client socket still open, so close() can end them. */
  readonly openClients = new Set<net.Socket>()

  constructor(
    private readonly store: CaptureStore,
    private readonly record: boolean
  ) {}

  openClient(socket: net.Socket): ClientState {
    const state: ClientState = {
      record: {
        id: `c${++this.clientCount}`,
        kind: 'client',
        remoteAddress: socket.remoteAddress ?? '',
        remotePort: socket.remotePort ?? 0,
        localAddress: socket.localAddress ?? '',
        localPort: socket.localPort ?? 0,
        openedAt: now(),
        exchangeIds: []
      },
      socket,
      agent: new UpstreamPool(),
      sequence: 0
    }
    this.clients.set(socket, state)
    this.openClients.add(socket)
    socket.once('end', () => (state.closeReason ??= 'client'))
    socket.once('close', (hadError) => {
      this.openClients.delete(socket)
      state.closeReason ??= hadError ? 'error' : 'proxy'
      state.record.closedAt = now()
      state.record.closedBy = state.closeReason
      // Upstream sockets live and die with the client connection they mirror.
      for (const s of state.agent.sockets()) {
        const upstream = this.upstreams.get(s)
        if (upstream) upstream.closeReason ??= 'proxy'
      }
      state.agent.destroy()
      this.save(state.record)
    })
    this.save(state.record)
    return state
  }

  /** The decrypted socket of a tunnel on this client connection carries its later requests. */
  adopt(socket: net.Socket, client: ClientState): void {
    this.clients.set(socket, client)
  }

  client(socket: net.Socket): ClientState | undefined {
    return this.clients.get(socket)
  }

  /** Returns the upstream record for a socket, creating it (and reporting `isNew`) the first time. */
  upstream(
    socket: net.Socket,
    client: ClientState,
    target: string
  ): { state: UpstreamState; isNew: boolean } {
    const known = this.upstreams.get(socket)
    if (known) return { state: known, isNew: false }
    const state: UpstreamState = {
      record: {
        id: `u${++this.upstreamCount}`,
        kind: 'upstream',
        clientConnectionId: client.record.id,
        remoteAddress: '',
        remotePort: 0,
        localAddress: '',
        localPort: 0,
        target,
        openedAt: now(),
        exchangeIds: []
      },
      socket
    }
    this.upstreams.set(socket, state)
    const addresses = (): void => {
      state.record.remoteAddress = socket.remoteAddress ?? ''
      state.record.remotePort = socket.remotePort ?? 0
      state.record.localAddress = socket.localAddress ?? ''
      state.record.localPort = socket.localPort ?? 0
      if (state.record.localPort) this.upstreamByLocalPort.set(state.record.localPort, state)
      this.save(state.record)
    }
    if (socket.connecting) socket.once('connect', addresses)
    else addresses()
    socket.once('end', () => (state.closeReason ??= 'server'))
    socket.once('close', (hadError) => {
      if (this.upstreamByLocalPort.get(state.record.localPort) === state) {
        this.upstreamByLocalPort.delete(state.record.localPort)
      }
      // The proxy marks the sockets it ends itself; a quiet close without that mark came from the
      // origin (an idle keep-alive socket often closes without a readable 'end').
      state.closeReason ??= hadError ? 'error' : 'server'
      state.record.closedAt = now()
      state.record.closedBy = state.closeReason
      this.save(state.record)
    })
    this.save(state.record)
    return { state, isNew: true }
  }

  /** The upstream record of a socket, if the proxy has seen it carry a request. */
  upstreamOf(socket: net.Socket): UpstreamState | undefined {
    return this.upstreams.get(socket)
  }

  /** True when a client socket is the far end of one of our own upstream sockets (a loop). */
  isOwnUpstream(socket: net.Socket): boolean {
    const upstream = this.upstreamByLocalPort.get(socket.remotePort ?? -1)
    return upstream !== undefined && upstream.record.remotePort === socket.localPort
  }

  save(record: CapturedConnection): void {
    if (this.record) this.store.putConnection(record)
  }
}
