// The local web API behind `roundtrip serve`: the renderer's files, the capture as JSON and HAR,
// the sample site's session store, a PAC file, and a live WebSocket stream of capture batches.
// Every request needs the run's token, and the Host header must be our own loopback address
// (a DNS-rebinding page cannot borrow the browser's access to 127.0.0.1).
import http from 'node:http'
import type { Duplex } from 'node:stream'
import { timingSafeEqual } from 'node:crypto'
import { WebSocketServer } from 'ws'
import { exportHar } from '../../shared/har/export'
import { parseCookieHeader } from '../../shared/http'
import { buildPac, reachableProxyUrl } from '../browser/pac'
import { decodeBody } from '../har/decode'
import { createReplayRunner } from '../replay/runner'
import { handleReplayRoute } from '../replay/api'
import type { Engine } from '../engine'
import { isWildcardHost, listenOn } from '../net/listen'
import { networkInterfaces } from 'node:os'
import { check } from '../../shared/api/schemas'
import { serveStatic } from './static'
import { createLiveStream } from './stream'
import { addPassthrough, getCa, getPassthrough } from './api-tls'

export const TOKEN_COOKIE = 'roundtrip_token'

export interface ApiOptions {
  engine: Engine
  token: string
  rendererDir: string | undefined
  version: string
  /** Anything the UI should tell the user at start (e.g. a port that had to change). */
  notices?: string[]
  /** Internal errors the process survived (src/main/engine/guard.ts), reported by /api/info. */
  incidents?: () => readonly { message: string }[]
  /** Called with the API's port once it listens (the proxy passes the UI's own traffic through unrecorded). */
  onListening?: (port: number) => void
}

export interface ApiServer {
  server: http.Server
  listen(port: number, host: string): Promise<string>
  close(): Promise<void>
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin'
}

export function createApi(opts: ApiOptions): ApiServer {
  const { engine, token } = opts
  const allowedHosts = new Set<string>()
  const allowedOrigins = new Set<string>()
  const server = http.createServer((req, res) => {
    try {
      handle(req, res)
    } catch (err) {
      failed(res, err)
    }
  })
  const replays = createReplayRunner({
    proxyUrl: () => engine.proxyUrl,
    liveHar: () => exportHar(engine.store.snapshot(), { decodeBody, creator: 'Roundtrip' })
  })
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })
  const stream = createLiveStream(engine.store)

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
      return send(res, 403, {
        error: `Host "${req.headers.host ?? ''}" is not this API's address; requests must name 127.0.0.1 or localhost with the API's port.`
      })
    }
    // Another local page is the same site, so the SameSite cookie alone does not stop it posting here.
    if (req.headers.origin !== undefined && !allowedOrigins.has(req.headers.origin.toLowerCase())) {
      return send(res, 403, { error: `Requests from ${req.headers.origin} may not use this API.` })
    }
    const url = new URL(req.url ?? '/', 'http://api.invalid')
    if (!authorized(req, url)) {
      return send(res, 401, {
        error:
          'This Roundtrip API needs the run token: open the URL that `roundtrip serve` printed (it ends in ?token=...).'
      })
    }
    if (url.searchParams.has('token')) {
      // The page itself came with ?token=; later fetches and the WebSocket carry it as a cookie.
      res.setHeader('set-cookie', `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`)
    }
    const route = `${req.method} ${url.pathname}`
    switch (route) {
      case 'GET /api/info':
        return send(res, 200, {
          proxy: engine.proxyUrl,
          sample: engine.sampleUrl,
          version: opts.version,
          ca: engine.ca.certPath,
          notices: opts.notices ?? [],
          incidents: (opts.incidents?.() ?? []).map((i) => i.message),
          // The UI's start screen shows one sentence, as the desktop app gives it.
          ...(opts.notices?.length ? { notice: opts.notices.join(' ') } : {})
        })
      case 'GET /api/snapshot':
        return send(res, 200, engine.store.snapshot())
      case 'GET /api/har':
        return send(
          res,
          200,
          exportHar(engine.store.snapshot(), {
            redact: url.searchParams.get('redact') === '1',
            decodeBody,
            creator: 'Roundtrip',
            version: opts.version
          }),
          {
            'content-disposition': 'attachment; filename="roundtrip.har"'
          }
        )
      case 'GET /api/ca':
        return void getCa(engine, (status, body) => send(res, status, body))
      case 'GET /api/passthrough':
        return getPassthrough(engine, (status, body) => send(res, status, body))
      case 'POST /api/passthrough':
        return void readSmallJson(req).then(
          (body) => addPassthrough(engine, body, (status, out) => send(res, status, out)),
          () => send(res, 400, { error: 'The request body must be a small JSON object.' })
        )
      case 'GET /api/sessions':
        return send(res, 200, engine.sample.sessions())
      case 'GET /api/session-store':
        return send(res, 200, engine.sample.sessionStore())
      case 'POST /api/clear':
        engine.store.clear()
        return send(res, 200, { cleared: true })
      case 'POST /api/proxy-port':
        return void readSmallJson(req)
          .then(
            async (body) => {
              const checked = check('proxyPortBody', route, body)
              if (!checked.ok) {
                return send(res, 400, {
                  status: 'error',
                  code: checked.error.code,
                  error: checked.error.params.problem
                })
              }
              try {
                send(res, 200, { status: 'moved', proxy: await engine.setProxyPort(checked.value.port) })
              } catch (err) {
                send(res, 200, {
                  status: 'error',
                  error: (err as Error).message.replace('--proxy-port', 'another port')
                })
              }
            },
            () => send(res, 400, { status: 'error', error: 'The request body must be a small JSON object.' })
          )
          .catch((err: unknown) => failed(res, err))
      case 'POST /api/replay':
        return handleReplayRoute(
          req,
          (status, body) => send(res, status, body),
          replays,
          (err) => failed(res, err)
        )
      case 'GET /proxy.pac': {
        const pac = buildPac(reachableProxyUrl(engine.proxyUrl, req.socket.localAddress))
        res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'application/x-ns-proxy-autoconfig' })
        return void res.end(pac)
      }
    }
    if (url.pathname.startsWith('/api/')) return send(res, 404, { error: `No API route ${route}.` })
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, { error: `${req.method} is not allowed here.` })
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

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 500)
}

/** A handler failed: answer 500 with a sentence, or cut the connection if the answer had begun. */
function failed(res: http.ServerResponse, err: unknown): void {
  if (res.headersSent) return void res.destroy()
  send(res, 500, {
    status: 'error',
    error: `The API failed on this request (${errorText(err)}). Roundtrip keeps running; try again, and restart it if this keeps happening.`
  })
}

/** Reads a JSON body of at most 4 KiB. */
function readSmallJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let text = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      text += chunk
      if (text.length > 4096) {
        reject(new Error('too large'))
        req.destroy()
      }
    })
    req.on('end', () => {
      try {
        resolve(JSON.parse(text))
      } catch (err) {
        reject(err)
      }
    })
    req.on('error', reject)
  })
}

function send(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {}
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...extra,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text)
  })
  res.end(text)
}

function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .map((i) => i?.address)
    .filter((a): a is string => !!a)
}
