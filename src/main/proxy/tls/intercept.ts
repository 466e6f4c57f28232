// The TLS endpoint of interception: the client's TLS ends here, with a leaf certificate for the
// name it asked for (SNI; the CONNECT host when it sent none) signed by the local CA. A Node
// tls.Server is the hub for every intercepted socket; each socket gets its own default context.
import type net from 'node:net'
import tls from 'node:tls'
import type { ClientTlsFacts } from '../../../shared/tls'
import type { CertificateAuthority } from '../../ca'
import { CLIENT_ALPN, CLIENT_ALPN_HTTP1 } from './alpn'

export interface InterceptCallbacks {
  /** The handshake finished: the decrypted socket and what was negotiated. */
  secure(socket: tls.TLSSocket, facts: ClientTlsFacts): void
  /**
   * It did not. `helloComplete`: the client's whole ClientHello had arrived and Roundtrip had
   * answered with its certificate, so a silent close most likely means the client refused it.
   */
  failed(err: NodeJS.ErrnoException | undefined, helloComplete: boolean): void
}

interface PerSocket extends InterceptCallbacks {
  helloComplete: boolean
  settled: boolean
}

export interface Interceptor {
  /** Takes over `raw` (with `head`, bytes already read from it) as a TLS server socket. */
  intercept(raw: net.Socket, head: Buffer, host: string, cb: InterceptCallbacks): void
}

export function createInterceptor(opts: {
  ca: CertificateAuthority
  handshakeTimeoutMs: number
  /** Offer h2 by ALPN (default true). */
  http2?: boolean
}): Interceptor {
  const alpn = opts.http2 === false ? CLIENT_ALPN_HTTP1 : CLIENT_ALPN
  const sockets = new WeakMap<tls.TLSSocket, PerSocket>()
  // Node's tls.Server cannot give each connection its own default certificate (the CONNECT host,
  // for clients that send no SNI), so each socket is made here and wired the way tls.Server's own
  // connection listener wires it: 'secure' releases control, '_tlsError' reports handshake errors.
  const hub = tls.createServer({})
  const settle = (socket: tls.TLSSocket, fn: (s: PerSocket) => void): void => {
    const s = sockets.get(socket)
    if (!s || s.settled) return
    s.settled = true
    fn(s)
  }
  const onSecure = (socket: tls.TLSSocket): void => {
    ;(socket as unknown as { _releaseControl(): boolean })._releaseControl()
    // As tls.Server's own listener does: http2 waits for this before it reads the socket.
    ;(socket as unknown as { secureConnecting: boolean }).secureConnecting = false
    settle(socket, (s) =>
      s.secure(socket, {
        ...(socket.servername ? { sni: socket.servername } : {}),
        version: socket.getProtocol() ?? undefined,
        cipher: socket.getCipher()?.name,
        ...(socket.alpnProtocol ? { alpn: socket.alpnProtocol } : {})
      })
    )
  }
  const onHandshakeError = (socket: tls.TLSSocket, err: NodeJS.ErrnoException): void => {
    settle(socket, (s) => s.failed(err, s.helloComplete))
    socket.destroy()
  }
  // A key appears once Roundtrip has answered the ClientHello (TLS 1.3: with its certificate).
  hub.on('keylog', (_line: Buffer, socket: tls.TLSSocket) => {
    const s = sockets.get(socket)
    if (s) s.helloComplete = true
  })

  return {
    intercept(raw, head, host, cb) {
      raw.pause()
      if (head.length) raw.unshift(head)
      const fail = (err: NodeJS.ErrnoException): void => {
        cb.failed(err, false)
        raw.destroy()
      }
      opts.ca.contextFor(host).then((defaultContext) => {
        // Gone while its leaf was being made: reset (destroyed), or closed (its FIN is read but no
        // 'end' comes while the ClientHello's first bytes wait unread, and the TLS socket would
        // never see it: the handshake would hang until the timeout and be misnamed).
        if (raw.destroyed || finReceived(raw)) {
          cb.failed(undefined, false)
          raw.destroy()
          return
        }
        const state: PerSocket = { ...cb, helloComplete: false, settled: false }
        const socket = new tls.TLSSocket(raw, {
          isServer: true,
          server: hub,
          secureContext: defaultContext,
          ALPNProtocols: alpn,
          SNICallback: (name, done) => {
            state.helloComplete = true
            if (name.toLowerCase() === host.toLowerCase()) return done(null, defaultContext)
            opts.ca.contextFor(name).then(
              (context) => done(null, context),
              (err: Error) => done(err)
            )
          }
        })
        sockets.set(socket, state)
        const timer = setTimeout(() => {
          settle(socket, (s) => s.failed(new Error('TLS handshake timed out'), s.helloComplete))
          socket.destroy()
        }, opts.handshakeTimeoutMs)
        timer.unref()
        // The client's half-close before the handshake ended means it gave up (the proxy's
        // server keeps half-open sockets, so no 'close' would come on its own).
        const gaveUp = (): void => {
          clearTimeout(timer)
          settle(socket, (s) => s.failed(undefined, s.helloComplete))
          socket.destroy()
        }
        socket.once('end', gaveUp)
        socket.once('close', gaveUp)
        socket.once('secure', () => {
          clearTimeout(timer)
          socket.off('end', gaveUp)
          socket.off('close', gaveUp)
          onSecure(socket)
        })
        socket.on('_tlsError', (err: NodeJS.ErrnoException) => onHandshakeError(socket, err))
        socket.on('error', () => undefined)
      }, fail)
    }
  }
}

/** Whether the peer's FIN has been read, also while the socket is paused with data unread. */
function finReceived(raw: net.Socket): boolean {
  const state = (raw as unknown as { _readableState?: { ended?: boolean } })._readableState
  return raw.readableEnded || state?.ended === true
}
