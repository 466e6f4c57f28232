// CONNECT tunnels. The proxy opens a TCP connection to host:port, answers 200, then reads what the
// client sends first: a TLS ClientHello is intercepted (tls/takeover), an HTTP request line is
// handled as plain HTTP, and anything else (or interception off, or a --passthrough host) is copied
// both ways untouched, as an opaque tunnel. We record the endpoints, bytes, times and who closed it.
import type http from 'node:http'
import net from 'node:net'
import type { CapturedTunnel } from '../../shared/model'
import type { CaptureStore } from '../capture/store'
import { now } from '../capture/clock'
import type { ClientState } from './connections'
import { classifyUpstreamError } from './errors'
import type { Target } from './forward'
import { sniff } from './tls/sniff'
import type { Takeover } from './tls/takeover'

export interface TunnelContext {
  store: CaptureStore
  record: boolean
  connectTimeoutMs: number
  resolveVirtualHost: (hostname: string, port: number) => Target | undefined
  isSelf: (hostname: string, port: number) => boolean
  nextTunnelId: () => string
  /** Reads tunnels' first bytes and takes over TLS and HTTP; absent, every tunnel stays opaque. */
  takeover?: Takeover
}

/** Splits the CONNECT authority `host:port` / `[v6]:port`, or says what is wrong with it. */
export function parseAuthority(raw: string): { host: string; port: number } | string {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:/?#[\]@\s]+)):(\d{1,5})$/.exec(raw)
  if (!m) {
    return `CONNECT needs host:port (for example example.com:443); "${raw.slice(0, 200)}" is not that.`
  }
  const port = Number(m[3])
  if (port < 1 || port > 65535) return `CONNECT port ${m[3]} is out of range (1-65535).`
  return { host: (m[1] ?? m[2])!, port }
}

function reject(socket: net.Socket, status: number, reason: string, message: string): void {
  if (socket.destroyed) return
  const body = `Roundtrip proxy: ${status}\n\n${message}\n`
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  )
}

export function openTunnel(
  ctx: TunnelContext,
  req: http.IncomingMessage,
  clientSocket: net.Socket,
  head: Buffer,
  client: ClientState
): void {
  const parsed = parseAuthority(req.url ?? '')
  const tunnel: CapturedTunnel = {
    id: ctx.nextTunnelId(),
    clientConnectionId: client.record.id,
    host: typeof parsed === 'string' ? (req.url ?? '') : parsed.host,
    port: typeof parsed === 'string' ? 0 : parsed.port,
    openedAt: now(),
    bytesUp: 0,
    bytesDown: 0
  }
  const save = (): void => {
    if (ctx.record) ctx.store.putTunnel(tunnel)
  }
  let closed = false
  const finish = (by: CapturedTunnel['closedBy']): void => {
    if (closed) return
    closed = true
    tunnel.closedAt = now()
    tunnel.closedBy = by
    save()
  }
  clientSocket.on('error', () => undefined)

  if (typeof parsed === 'string') {
    tunnel.error = { kind: 'bad-request', message: parsed }
    finish('proxy')
    return reject(clientSocket, 400, 'Bad Request', parsed)
  }
  if (ctx.isSelf(parsed.host, parsed.port)) {
    const message = `CONNECT to the proxy's own address (${parsed.host}:${parsed.port}) would loop.`
    tunnel.error = { kind: 'loop-detected', message }
    finish('proxy')
    return reject(clientSocket, 508, 'Loop Detected', message)
  }
  const takeover = ctx.takeover
  const passthrough = takeover?.isPassthrough(parsed.host) ?? false
  tunnel.mode = takeover && !passthrough ? undefined : passthrough ? 'passthrough' : 'tunnel'
  save()

  const target = ctx.resolveVirtualHost(parsed.host, parsed.port) ?? {
    hostname: parsed.host,
    port: parsed.port
  }
  const upstream = net.connect({ host: target.hostname, port: target.port })
  upstream.setTimeout(ctx.connectTimeoutMs, () => {
    upstream.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' }))
  })

  const onConnectError = (err: NodeJS.ErrnoException): void => {
    const e = classifyUpstreamError(err, `${parsed.host}:${parsed.port}`, err.code === 'ETIMEDOUT')
    tunnel.error = { kind: e.kind, message: e.message }
    finish('error')
    reject(clientSocket, e.status, e.status === 504 ? 'Gateway Timeout' : 'Bad Gateway', e.message)
  }
  const onEarlyClientClose = (): void => {
    finish('client')
    upstream.destroy()
  }
  upstream.once('error', onConnectError)
  clientSocket.once('close', onEarlyClientClose)

  upstream.once('connect', () => {
    upstream.setTimeout(0)
    upstream.off('error', onConnectError)
    clientSocket.off('close', onEarlyClientClose)
    tunnel.establishedAt = now()
    save()
    clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
    if (!takeover || passthrough) return pipe(head)
    upstream.on('error', () => undefined)
    // Requests read from the tunnel are small writes answered at once: Nagle's delay would stall
    // each one behind the peer's delayed ACK.
    upstream.setNoDelay(true)
    clientSocket.setNoDelay(true)
    let bytes = head
    const decide = (): void => {
      const kind = sniff(bytes)
      if (kind === 'more') return
      stopSniffing()
      const args = {
        clientSocket,
        head: bytes,
        upstream,
        tunnel,
        client,
        host: parsed.host,
        port: parsed.port,
        save,
        finish
      }
      if (kind === 'tls' && takeover.intercepts) return takeover.tls(args)
      if (kind === 'http') return takeover.http(args)
      tunnel.mode = 'tunnel'
      pipe(bytes)
    }
    const onData = (chunk: Buffer): void => {
      bytes = bytes.length ? Buffer.concat([bytes, chunk]) : chunk
      decide()
    }
    const onClose = (): void => {
      stopSniffing()
      tunnel.mode = 'tunnel'
      finish('client')
      upstream.destroy()
    }
    // A client that says nothing may be waiting for the server to speak first: copy bytes as before.
    const timer = setTimeout(() => {
      stopSniffing()
      tunnel.mode = 'tunnel'
      pipe(bytes)
    }, takeover.sniffTimeoutMs)
    const stopSniffing = (): void => {
      clearTimeout(timer)
      clientSocket.off('data', onData)
      clientSocket.off('close', onClose)
    }
    clientSocket.on('data', onData)
    clientSocket.once('close', onClose)
    decide()
  })

  /** The opaque tunnel: bytes copied both ways, counted, never read. */
  function pipe(first: Buffer): void {
    save()
    if (first.length) {
      tunnel.bytesUp += first.length
      upstream.write(first)
    }
    clientSocket.on('data', (chunk: Buffer) => (tunnel.bytesUp += chunk.length))
    upstream.on('data', (chunk: Buffer) => (tunnel.bytesDown += chunk.length))
    clientSocket.pipe(upstream)
    upstream.pipe(clientSocket)
    upstream.once('end', () => finish('server'))
    clientSocket.once('end', () => finish('client'))
    upstream.once('error', (err: NodeJS.ErrnoException) => {
      tunnel.error = { kind: 'upstream-reset', message: `The tunnel's server side failed: ${err.message}` }
      finish('error')
      clientSocket.destroy()
    })
    upstream.once('close', () => {
      finish('server')
      clientSocket.end()
    })
    clientSocket.once('close', () => {
      finish('client')
      upstream.destroy()
    })
    clientSocket.resume()
  }
}
