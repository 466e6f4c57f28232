// The sample teaching site: plain node:http, no framework, so every step from request to response
// can be read here. The same server answers as the site (roundtrip.test, or 127.0.0.1 directly) and
// as a third-party tracker (tracker.test), picked by the Host header.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import tls from 'node:tls'
import type { ServerSession, ServerSessionEvent, SessionStoreStats } from '../../shared/model'
import { ServerSockets } from './connections'
import { parseCookieHeader } from './cookies'
import { GALLERY_SIZE, tileSvg } from './demo-pages'
import { STYLESHEET, type Theme, type Visitor } from './layout'
import { getNaiveLogin, postNaiveLogin } from './naive'
import { homePage, messagePage } from './pages'
import { addCookie, BodyTooLarge, redirect, sendBytes, sendHtml } from './respond'
import { SessionStore, type EventContext } from './session-store'
import * as site from './site'
import { toListenError } from '../net/listen'
import { handleTracker, TRACKER_HOST } from './tracker'

export interface SampleServerOptions {
  /** The clock for the session store, in epoch milliseconds (tests move it forward). */
  now?: () => number
  /** Idle timeout of a session; default 15 minutes. */
  idleMs?: number
  /** Absolute timeout of a session; default 8 hours. */
  maxMs?: number
  /** Sessions the store keeps at most (default 300); the oldest pre-login ones are evicted first. */
  maxSessions?: number
  /** Called for every session created, rotated, destroyed or expired, with the socket that caused it. */
  onSessionEvent?: (e: ServerSessionEvent, ctx: { remotePort: number }) => void
}

export interface SampleServer {
  /** Starts listening; resolves to the base URL, e.g. `http://127.0.0.1:3000`. */
  listen(port: number, host?: string): Promise<string>
  /** The live sessions in the server's store. */
  sessions(): ServerSession[]
  /**
   * Starts the https listener (the site as https://roundtrip.test/ through the proxy); `contextFor`
   * gives the certificate for a name, asked on the first handshake.
   */
  listenSecure(
    port: number,
    host: string,
    contextFor: (name: string) => Promise<tls.SecureContext>
  ): Promise<number>
  /** The store's size, bound and evictions. */
  sessionStore(): SessionStoreStats
  /** The server's id (`s<n>`) for the open socket whose remote port is `port`. */
  connectionIdForPeerPort(port: number): string | undefined
  close(): Promise<void>
}

interface Route {
  method: 'GET' | 'POST'
  path: string
  handle: (c: site.Context) => void | Promise<void>
  /** A page view: counted in the session's visits. */
  page?: boolean
}

const ROUTES: Route[] = [
  { method: 'GET', path: '/', handle: (c) => sendHtml(c.res, 200, homePage(c.visitor)), page: true },
  { method: 'GET', path: '/login', handle: site.getLogin, page: true },
  { method: 'POST', path: '/login', handle: site.postLogin },
  { method: 'GET', path: '/account', handle: site.getAccount, page: true },
  { method: 'POST', path: '/logout', handle: site.postLogout },
  { method: 'GET', path: '/theme', handle: site.getTheme },
  { method: 'GET', path: '/naive/login', handle: getNaiveLogin, page: true },
  { method: 'POST', path: '/naive/login', handle: postNaiveLogin },
  { method: 'GET', path: '/gallery', handle: site.getGallery, page: true },
  { method: 'GET', path: '/close', handle: site.getClose, page: true },
  { method: 'GET', path: '/slow', handle: site.getSlow, page: true },
  {
    method: 'GET',
    path: '/style.css',
    handle: (c) => sendBytes(c.res, 'text/css; charset=utf-8', STYLESHEET)
  }
]

export function createSampleServer(opts: SampleServerOptions = {}): SampleServer {
  const store = new SessionStore({
    now: opts.now,
    idleMs: opts.idleMs,
    maxMs: opts.maxMs,
    maxSessions: opts.maxSessions,
    onEvent: opts.onSessionEvent
  })
  const connections = new ServerSockets()
  const shutdownHooks = new Set<() => void>()
  let sweeper: NodeJS.Timeout | undefined
  let secureServer: tls.Server | undefined

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => fail(res, err))
  })
  connections.attach(server)
  // Keep idle connections open for 5 s after a response, waiting for the next request (keep-alive).
  server.keepAliveTimeout = 5000

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const conn = connections.countRequest(req.socket)
    if (conn) {
      // The server's own view of keep-alive, visible in the traffic.
      res.setHeader('X-Server-Connection', conn.id)
      res.setHeader('X-Server-Request-Number', String(conn.requests))
    }
    // Absolute-form (from a proxy) or origin-form: either way a full URL.
    const url = URL.parse(req.url ?? '/', `http://${req.headers.host ?? 'roundtrip.test'}`)
    if (!url) {
      return sendHtml(
        res,
        400,
        messagePage({ theme: 'light' }, 'Bad request', 'The Host header or path is not valid.')
      )
    }
    if (url.hostname.toLowerCase() === TRACKER_HOST) return handleTracker(req, res, url.pathname)

    const event: EventContext = { remotePort: req.socket.remotePort ?? 0 }
    const secure = (req.socket as tls.TLSSocket).encrypted === true
    const cookies = parseCookieHeader(req.headers.cookie)
    const sid = cookies.get(site.sessionCookieName(secure))
    // The server only accepts IDs it issued itself and that are still within both timeouts;
    // anything else means "logged out", and the browser is told to drop the stale cookie.
    let session = sid ? store.touch(sid, event) : undefined
    if (sid && !session) addCookie(res, site.clearedSessionCookie(secure))

    const method = req.method === 'HEAD' ? 'GET' : req.method
    const route = ROUTES.find((r) => r.path === url.pathname && r.method === method)
    if (route?.page && session) {
      const visits = typeof session.data.visits === 'number' ? session.data.visits : 0
      session = store.update(session.id, { visits: visits + 1 }) ?? session
    }
    const theme: Theme = cookies.get('theme') === 'dark' ? 'dark' : 'light'
    const visitor: Visitor = {
      user: session?.user,
      theme,
      cookieHeader: req.headers.cookie,
      connection: conn && { id: conn.id, requests: conn.requests },
      secure
    }
    const c: site.Context = { req, res, url, store, event, cookies, session, visitor, onShutdown, secure }

    if (route) return route.handle(c)
    const tile = /^\/img\/(\d+)\.svg$/.exec(url.pathname)
    if (tile && method === 'GET' && Number(tile[1]) >= 1 && Number(tile[1]) <= GALLERY_SIZE) {
      return sendBytes(res, 'image/svg+xml', tileSvg(Number(tile[1])))
    }
    if (url.pathname === '/logout' && method === 'GET') return redirect(res, '/account')
    const allowed = ROUTES.filter((r) => r.path === url.pathname).map((r) => r.method)
    if (allowed.length > 0) {
      res.setHeader('Allow', allowed.includes('GET') ? [...allowed, 'HEAD'].join(', ') : allowed.join(', '))
      return sendHtml(
        res,
        405,
        messagePage(visitor, 'Method not allowed', `${url.pathname} only takes ${allowed.join(' or ')}.`)
      )
    }
    sendHtml(
      res,
      404,
      messagePage(visitor, 'Not found', `There is no page at ${url.pathname}. Start from the home page.`)
    )
  }

  function fail(res: ServerResponse, err: unknown): void {
    if (res.headersSent) {
      res.destroy()
      return
    }
    const tooLarge = err instanceof BodyTooLarge
    const visitor: Visitor = { theme: 'light' }
    // The rest of an oversized body is never read, so this connection cannot carry another request.
    if (tooLarge) res.setHeader('Connection', 'close')
    const message = tooLarge
      ? `${err.message} Send a smaller form.`
      : `The sample site failed while answering: ${err instanceof Error ? err.message : String(err)}`
    sendHtml(
      res,
      tooLarge ? 413 : 500,
      messagePage(visitor, tooLarge ? 'Form too large' : 'Server error', message)
    )
  }

  function onShutdown(cancel: () => void): () => void {
    shutdownHooks.add(cancel)
    return () => shutdownHooks.delete(cancel)
  }

  return {
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        const onError = (err: NodeJS.ErrnoException): void => {
          reject(toListenError(err, 'sample', port, host))
        }
        server.once('error', onError)
        server.listen(port, host, () => {
          server.off('error', onError)
          // Requests find expired sessions as they come; the sweep clears the ones nobody asks for.
          sweeper = setInterval(() => store.sweep(), Math.max(1000, Math.min(store.idleMs, 60_000)))
          sweeper.unref()
          const { port: bound } = server.address() as AddressInfo
          resolve(`http://${host.includes(':') ? `[${host}]` : host}:${bound}`)
        })
      })
    },
    listenSecure(port, host, contextFor) {
      secureServer = tls.createServer({
        SNICallback: (name, done) => {
          contextFor(name).then(
            (context) => done(null, context),
            (err: Error) => done(err)
          )
        }
      })
      // Decrypted sockets go to the same HTTP server: one site, two schemes.
      secureServer.on('secureConnection', (socket) => server.emit('connection', socket))
      secureServer.on('tlsClientError', (_err, socket) => socket.destroy())
      const listening = secureServer
      return new Promise((resolve, reject) => {
        listening.once('error', reject)
        listening.listen(port, host, () => {
          listening.off('error', reject)
          resolve((listening.address() as AddressInfo).port)
        })
      })
    },
    sessions: () => store.list(),
    sessionStore: () => store.stats(),
    connectionIdForPeerPort: (port) => connections.idForPeerPort(port),
    close() {
      if (sweeper) clearInterval(sweeper)
      for (const cancel of [...shutdownHooks]) cancel()
      secureServer?.close()
      return new Promise((resolve) => {
        if (!server.listening) return resolve()
        server.close(() => resolve())
        server.closeAllConnections()
      })
    }
  }
}
