// The local web API behind `roundtrip serve`: the renderer's files (static.ts), the route table over
// the service (routes.ts) and the live WebSocket stream (stream.ts). Every request needs the run's
// token, and the Host header must be our own loopback address (a DNS-rebinding page cannot borrow the
// browser's access to 127.0.0.1); another page's Origin is refused.
import http from 'node:http'
import type { Duplex } from 'node:stream'
import { timingSafeEqual } from 'node:crypto'
import { networkInterfaces } from 'node:os'
import { WebSocketServer } from 'ws'
import { parseCookieHeader } from '../../shared/http'
import type { Engine } from '../engine'
import { isWildcardHost, listenOn } from '../net/listen'
import { createService, type RoundtripService } from '../service'
import { errorText, ServiceError } from '../service/errors'
import { withoutBodies } from '../service/bodies'
import { errorReply } from './errors'
import { BodyTooLargeError, readJsonBody, SECURITY_HEADERS, sendJson } from './json'
import { findRoute, type Reply } from './routes'
import { serveStatic } from './static'
import { createLiveStream } from './stream'

export const TOKEN_COOKIE = 'roundtrip_token'

export interface ApiOptions {
  engine: Engine
  token: string
  rendererDir: string | undefined
  version: string
  /** Anything the UI should tell the user (e.g. a port that had to change); read on every /api/info. */
  notices?: string[]
  /** Internal errors the process survived (src/main/engine/guard.ts), reported by /api/info. */
  incidents?: () => readonly { message: string }[]
  /** Called with the API's port once it listens (the proxy passes the UI's own traffic through unrecorded). */
  onListening?: (port: number) => void
  /** The service over the engine (made here when not given). */
  service?: RoundtripService
}

export interface ApiServer {
  server: http.Server
  listen(port: number, host: string): Promise<string>
  close(): Promise<void>
}

export function createApi(opts: ApiOptions): ApiServer {
  const { token } = opts
  const service =
    opts.service ??
    createService({
      engine: opts.engine,
      version: opts.version,
      notices: () => opts.notices ?? [],
      incidents: opts.incidents
    })
  const allowedHosts = new Set<string>()
  const allowedOrigins = new Set<string>()
  const server = http.createServer((req, res) => {
    try {
      handle(req, res)
    } catch (err) {
      failed(res, err)
    }
  })
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })
  // The page gets exchanges without their bodies' bytes and asks for them by id when a row is opened.
  const stream = createLiveStream(
    {
      snapshot: () => service.snapshot(),
      subscribe: (listener) => service.subscribe(listener, { bodies: false })
    },
    { parts: { exchange: withoutBodies } }
  )

  function hostAllowed(req: http.IncomingMessage): boolean {
    return allowedHosts.has((req.headers.host ?? '').toLowerCase())
  }

  function tokenOf(req: http.IncomingMessage, url: URL): string | undefined {
    const auth = req.headers.authorization
    if (auth?.startsWith('Bearer ')) return auth.slice(7).trim()
    const fromQuery = url.searchParams.get('token')
    if (fromQuery) return fromQuery
    return parseCookieHeader(req.headers.cookie).find((c) => c.name === TOKEN_COOKIE)?.value
  }

  function authorized(req: http.IncomingMessage, url: URL): boolean {
    const given = Buffer.from(tokenOf(req, url) ?? '')
    const expected = Buffer.from(token)
    return given.length === expected.length && timingSafeEqual(given, expected)
  }

  function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (!hostAllowed(req)) {
      return sendJson(res, 403, {
        error: `Host "${req.headers.host ?? ''}" is not this API's address; requests must name 127.0.0.1 or localhost with the API's port.`
      })
    }
    // Another local page is the same site, so the SameSite cookie alone does not stop it posting here.
    if (req.headers.origin !== undefined && !allowedOrigins.has(req.headers.origin.toLowerCase())) {
      return sendJson(res, 403, { error: `Requests from ${req.headers.origin} may not use this API.` })
    }
    const url = new URL(req.url ?? '/', 'http://api.invalid')
    if (!authorized(req, url)) {
      return sendJson(res, 401, {
        error:
          'This Roundtrip API needs the run token: open the URL that `roundtrip serve` printed (it ends in ?token=...).'
      })
    }
    if (url.searchParams.has('token')) {
      // The page itself came with ?token=; later fetches and the WebSocket carry it as a cookie.
      res.setHeader('set-cookie', `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`)
    }
    const found = findRoute(req.method ?? 'GET', url.pathname)
    if (found) {
      const json = (limit = 4096): Promise<unknown> => readJsonBody(req, limit).catch(bodyError(limit))
      void Promise.resolve()
        .then(() => found.route.run({ req, url, params: found.params, service, json }))
        .then((reply) => answer(res, reply))
        .catch((err: unknown) => failed(res, err))
      return
    }
    if (url.pathname.startsWith('/api/'))
      return sendJson(res, 404, { error: `No API route ${req.method} ${url.pathname}.` })
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJson(res, 405, { error: `${req.method} is not allowed here.` })
    serveStatic(opts.rendererDir, url.pathname, res, SECURITY_HEADERS)
  }

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => undefined)
    try {
      upgrade(req, socket, head)
    } catch (err) {
      // Before the handshake: answer in HTTP. After it: close the stream with the reason.
      if (!socket.destroyed) {
        const body = `The live stream failed: ${errorText(err)}. Reload the page to try again.`
        socket.end(
          `HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
        )
      }
    }
  })

  function upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://api.invalid')
    const origin = req.headers.origin
    if (
      url.pathname !== '/api/stream' ||
      !hostAllowed(req) ||
      !authorized(req, url) ||
      (origin !== undefined && !allowedOrigins.has(origin.toLowerCase()))
    ) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => stream.accept(ws))
  }

  return {
    server,
    async listen(port, host) {
      const address = await listenOn(server, port, host, 'ui')
      // On every interface (--ui-host 0.0.0.0), each of this machine's addresses is a name for it.
      const names = [
        '127.0.0.1',
        'localhost',
        '[::1]',
        host,
        ...(isWildcardHost(host) ? interfaceAddresses() : [])
      ]
      for (const name of names.map((n) => (n.includes(':') && !n.startsWith('[') ? `[${n}]` : n))) {
        allowedHosts.add(`${name}:${address.port}`)
        allowedOrigins.add(`http://${name}:${address.port}`)
      }
      opts.onListening?.(address.port)
      return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`
    },
    async close() {
      stream.close()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    }
  }
}

/** A body that could not be read, as the service's error. */
function bodyError(limit: number) {
  return (err: unknown): never => {
    if (err instanceof BodyTooLargeError) {
      throw new ServiceError(
        'too-large',
        `The request body is larger than ${limit >= 1024 * 1024 ? `${limit / 1024 / 1024} MB` : `${limit / 1024} KB`}; replay a shorter recording, or record it with \`roundtrip serve\` and replay the live capture.`,
        { limit }
      )
    }
    throw new ServiceError('invalid-argument', 'The request body must be a JSON object.')
  }
}

function answer(res: http.ServerResponse, reply: Reply): void {
  if ('text' in reply) {
    res.writeHead(reply.status ?? 200, { ...SECURITY_HEADERS, 'content-type': reply.type })
    return void res.end(reply.text)
  }
  sendJson(res, reply.status ?? 200, reply.body, reply.headers)
}

/** A route failed: its error's status and sentence (500 for anything but a ServiceError), or a cut connection if the answer had begun. */
function failed(res: http.ServerResponse, err: unknown): void {
  if (res.headersSent) return void res.destroy()
  answer(res, errorReply(err))
}

function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .map((i) => i?.address)
    .filter((a): a is string => !!a)
}
