// A capture of a replay (`roundtrip replay --record OUT`): the same records the proxy makes, built
// from the replay's own sockets, so the new HAR shows which requests shared a connection again.
import type { Socket } from 'node:net'
import { performance } from 'node:perf_hooks'
import type { CaptureSnapshot, CapturedConnection, CapturedExchange, HeaderPair } from '../../shared/model'
import { classifyUpstreamError } from '../proxy/errors'
import type { ReplayResponse, SendObserver } from './replay'

export interface Attempt extends SendObserver {
  complete(res: ReplayResponse): void
  fail(err: Error): void
}

export class ReplayCapture {
  private readonly anchor = Date.now() - performance.now()
  private readonly connections: CapturedConnection[] = []
  private readonly exchanges: CapturedExchange[] = []
  private readonly sockets = new WeakMap<
    Socket,
    { client: CapturedConnection; upstream: CapturedConnection }
  >()

  /** Starts recording one request; `via` is the proxy's host:port when there is one. */
  begin(
    recorded: CapturedExchange,
    headers: HeaderPair[],
    body: Buffer | undefined,
    via: string | undefined
  ): Attempt {
    const start = performance.now()
    const exchange: CapturedExchange = {
      id: `e${this.exchanges.length + 1}`,
      clientConnectionId: '',
      sequence: 0,
      method: recorded.method,
      url: recorded.url,
      httpVersion: '1.1',
      requestHeaders: headers,
      ...(body
        ? { requestBody: { size: body.length, truncated: false, base64: body.toString('base64') } }
        : {}),
      startedAt: this.anchor + start,
      timings: {},
      state: 'pending'
    }
    this.exchanges.push(exchange)
    const since = (): number => performance.now() - start
    const target = via ?? new URL(recorded.url).host
    return {
      socket: (socket, reused) => {
        const pair = this.connectionFor(socket, target)
        pair.client.exchangeIds.push(exchange.id)
        pair.upstream.exchangeIds.push(exchange.id)
        exchange.clientConnectionId = pair.client.id
        exchange.upstreamConnectionId = pair.upstream.id
        exchange.sequence = pair.client.exchangeIds.length
        exchange.upstreamReused = reused
        if (!reused) {
          const connected = (): void => {
            exchange.timings.upstreamConnected = since()
            Object.assign(pair.upstream, addressesOf(socket))
            Object.assign(pair.client, addressesOf(socket))
          }
          if (socket.connecting) socket.once('connect', connected)
          else connected()
        }
      },
      sent: () => {
        exchange.timings.requestSent = since()
      },
      headers: () => {
        exchange.timings.responseHeaders = since()
      },
      complete: (res) => {
        exchange.timings.responseEnd = since()
        exchange.status = res.status
        exchange.statusText = res.statusText
        exchange.responseHeaders = res.headers
        exchange.responseBody = {
          size: res.body.length,
          truncated: false,
          base64: res.body.toString('base64')
        }
        exchange.state = 'complete'
      },
      fail: (err) => {
        exchange.state = 'error'
        const { kind, message } = classifyUpstreamError(err as NodeJS.ErrnoException, target, false)
        exchange.error = { kind, message }
      }
    }
  }

  snapshot(): CaptureSnapshot {
    return {
      seq: 0,
      connections: this.connections,
      exchanges: this.exchanges,
      tunnels: [],
      sessionEvents: []
    }
  }

  private connectionFor(
    socket: Socket,
    target: string
  ): { client: CapturedConnection; upstream: CapturedConnection } {
    let pair = this.sockets.get(socket)
    if (!pair) {
      const n = this.connections.length / 2 + 1
      const openedAt = Date.now()
      const client: CapturedConnection = {
        id: `c${n}`,
        kind: 'client',
        remoteAddress: '',
        remotePort: 0,
        localAddress: '',
        localPort: 0,
        openedAt,
        exchangeIds: []
      }
      const upstream: CapturedConnection = {
        ...client,
        id: `u${n}`,
        kind: 'upstream',
        clientConnectionId: client.id,
        target,
        exchangeIds: []
      }
      pair = { client, upstream }
      this.sockets.set(socket, pair)
      this.connections.push(client, upstream)
      socket.once('close', () => {
        client.closedAt = upstream.closedAt = Date.now()
      })
    }
    return pair
  }
}

function addressesOf(socket: Socket): Partial<CapturedConnection> {
  return {
    remoteAddress: socket.remoteAddress ?? '',
    remotePort: socket.remotePort ?? 0,
    localAddress: socket.localAddress ?? '',
    localPort: socket.localPort ?? 0
  }
}
