// The HTTP/2 door: an intercepted TLS socket whose client chose `h2` by ALPN is served by Node's own
// http2 server. The connection is one client connection record (protocol h2); each stream is an
// exchange (stream.ts); GOAWAY and session errors are recorded on the connection with a sentence,
// and nothing a client sends can throw out of here.
import http2 from 'node:http2'
import type net from 'node:net'
import type tls from 'node:tls'
import type { ClientState } from '../connections'
import type { ForwardContext, Target } from '../forward'
import { OriginLinks } from './links'
import { forwardStream } from './stream'
import { floodSentence, goawaySentence, sessionErrorSentence } from './words'

/** PING frames one client may send per window before Roundtrip calls it a flood. */
const FLOOD_PINGS = 500
const FLOOD_WINDOW_MS = 10_000

export interface H2Connection {
  /** The decrypted socket (ALPN said h2). */
  socket: tls.TLSSocket
  client: ClientState
  /** The CONNECT's host:port, and the TCP connection opened to it (the first origin link uses it). */
  authority: string
  preopened: net.Socket
  trust: (host: string) => { ca?: readonly string[]; insecure: boolean }
}

export interface H2Door {
  serve(conn: H2Connection): void
}

export interface H2DoorOptions {
  /** Offer h2 to origins too (the upstream mirrors the client). */
  upstreamH2: boolean
  resolve: (host: string, port: number) => Target | undefined
  clientIdleMs: number
}

/** Limits a client meets: generous for browsers, small enough that a hostile peer costs little. */
const SERVER_OPTIONS: http2.ServerOptions = {
  maxSessionInvalidFrames: 100,
  maxSessionRejectedStreams: 100,
  // Our own check (stream.ts) answers oversize header lists with a recorded 431; nghttp2's hard
  // limits sit above it so that most oversize requests reach that check.
  maxHeaderListPairs: 1000,
  settings: { maxConcurrentStreams: 128, maxHeaderListSize: 256 * 1024 }
}

export function createH2Door(ctx: ForwardContext, opts: H2DoorOptions): H2Door {
  const server = http2.createServer(SERVER_OPTIONS)
  // The session is made synchronously inside emit('connection'); this hands it its connection.
  let arriving: H2Connection | undefined
  server.on('session', (session: http2.ServerHttp2Session) => {
    const conn = arriving
    arriving = undefined
    if (!conn) return void session.destroy()
    attach(session, conn)
  })
  // Node also reports session errors here; the session's own listener records them.
  server.on('sessionError', () => undefined)

  function attach(session: http2.ServerHttp2Session, conn: H2Connection): void {
    const { client } = conn
    const record = (): void => {
      if (ctx.record) ctx.tracker.save(client.record)
    }
    const links = new OriginLinks({
      preopened: conn.preopened,
      first: conn.authority,
      resolve: opts.resolve,
      trust: conn.trust,
      http2: opts.upstreamH2,
      onGoaway(socket, code, lastStreamId) {
        const target = `${socket.servername || socket.remoteAddress}`
        const { state } = ctx.tracker.upstream(socket, client, target)
        state.record.goaway = goawaySentence('origin', code, lastStreamId, state.record.target ?? target)
        if (code !== http2.constants.NGHTTP2_NO_ERROR) state.record.error = state.record.goaway
        state.closeReason ??= 'server'
        ctx.tracker.save(state.record)
      }
    })
    session.on('stream', (stream, _headers, _flags, rawHeaders: string[]) => {
      try {
        forwardStream(ctx, client, links, stream, rawHeaders)
      } catch (err) {
        // Last line of defence: a stream must never take the session, or the proxy, down.
        if (!stream.closed) stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR)
        client.record.error = `Roundtrip failed on stream ${stream.id}: ${(err as Error).message}`
        record()
      }
    })
    session.on('goaway', (code: number, lastStreamId: number) => {
      client.record.goaway = goawaySentence('client', code, lastStreamId)
      client.closeReason ??= 'client'
      record()
    })
    session.on('error', (err: NodeJS.ErrnoException) => {
      client.record.error = sessionErrorSentence(err)
      client.closeReason ??= 'error'
      record()
    })
    session.on('frameError', () => undefined)
    // nghttp2 stops reading from a peer that floods without reading; one that reads its ACKs is
    // counted here: a browser sends a few PINGs a minute, not hundreds a second.
    let pings = 0
    let windowStart = Date.now()
    session.on('ping', () => {
      const t = Date.now()
      if (t - windowStart > FLOOD_WINDOW_MS) {
        windowStart = t
        pings = 0
      }
      if (++pings <= FLOOD_PINGS) return
      client.record.error = floodSentence(pings, FLOOD_WINDOW_MS)
      client.closeReason ??= 'proxy'
      record()
      session.goaway(http2.constants.NGHTTP2_ENHANCE_YOUR_CALM)
      session.destroy()
    })
    session.setTimeout(opts.clientIdleMs, () => {
      client.closeReason ??= 'idle-timeout'
      session.close()
    })
    session.once('close', () => links.destroy())
  }

  return {
    serve(conn) {
      conn.client.record.protocol = 'h2'
      if (ctx.record) ctx.tracker.save(conn.client.record)
      arriving = conn
      try {
        server.emit('connection', conn.socket)
      } finally {
        arriving = undefined
      }
      conn.socket.resume()
    }
  }
}
