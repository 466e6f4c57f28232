// The browser door: one route per `/api/*` operation over the service (src/main/service). Each route
// checks its input with the contract's schema, calls one operation and answers JSON; a ServiceError
// it throws is answered by the server (server.ts) with the status its code maps to (errors.ts).
import type http from 'node:http'
import { check, type SchemaName } from '../../shared/api/schemas'
import type { RoundtripService } from '../service'
import { ServiceError } from '../service/errors'
import { checkReplayBody, MAX_REPLAY_BODY } from './replay'

export interface RouteContext {
  req: http.IncomingMessage
  url: URL
  /** The path's `:name` parts. */
  params: Record<string, string>
  service: RoundtripService
  /** The request's JSON body (at most `limit` bytes), or a ServiceError saying what was wrong with it. */
  json(limit?: number): Promise<unknown>
}

export type Reply =
  | { status?: number; body: unknown; headers?: Record<string, string> }
  | { status?: number; text: string; type: string }

export interface Route {
  method: 'GET' | 'POST'
  /** `/api/exchanges/:id/body`: a `:name` part matches one path segment. */
  path: string
  run(ctx: RouteContext): Reply | Promise<Reply>
}

/** Checks a message against its schema; a refusal is the service's invalid-argument error. */
function checked<N extends SchemaName>(name: N, operation: string, value: unknown) {
  const result = check(name, operation, value)
  if (!result.ok) throw new ServiceError('invalid-argument', result.error.params.problem, result.error.params)
  return result.value
}

/** 4 KiB is plenty for every small body (a port, a host). */
const SMALL = 4096

export const ROUTES: Route[] = [
  { method: 'GET', path: '/api/info', run: ({ service }) => ({ body: service.info() }) },
  {
    method: 'GET',
    path: '/api/snapshot',
    // `?bodies=0` leaves the bodies' bytes out (each described by requestBodyInfo/responseBodyInfo).
    run: ({ service, url }) => ({
      body: service.snapshot({ bodies: url.searchParams.get('bodies') !== '0' })
    })
  },
  {
    method: 'GET',
    path: '/api/exchanges/:id/body',
    run: ({ service, params }) => ({
      body: service.body(checked('exchangeId', 'GET /api/exchanges/:id/body', params.id))
    })
  },
  {
    method: 'GET',
    path: '/api/har',
    run: ({ service, url }) => ({
      body: service.exportHar({ redact: url.searchParams.get('redact') === '1' }),
      headers: { 'content-disposition': 'attachment; filename="roundtrip.har"' }
    })
  },
  { method: 'GET', path: '/api/ca', run: async ({ service }) => ({ body: await service.ca() }) },
  {
    method: 'GET',
    path: '/api/passthrough',
    run: ({ service }) => ({ body: { passthrough: service.passthrough() } })
  },
  {
    method: 'POST',
    path: '/api/passthrough',
    run: async ({ service, json }) => {
      const { host } = checked('passthroughBody', 'POST /api/passthrough', await json(SMALL))
      return { body: { passthrough: service.addPassthrough(host) } }
    }
  },
  { method: 'GET', path: '/api/sessions', run: ({ service }) => ({ body: service.sessions() }) },
  { method: 'GET', path: '/api/session-store', run: ({ service }) => ({ body: service.sessionStore() }) },
  {
    method: 'POST',
    path: '/api/clear',
    run: ({ service }) => {
      service.clear()
      return { body: { cleared: true } }
    }
  },
  {
    method: 'POST',
    path: '/api/proxy-port',
    run: async ({ service, json }) => {
      const { port } = checked('proxyPortBody', 'POST /api/proxy-port', await json(SMALL))
      try {
        return { body: { status: 'moved', proxy: await service.setProxyPort(port) } }
      } catch (err) {
        // The page shows the sentence beside the port field: an answer, not a failed request.
        if (err instanceof ServiceError && err.code === 'port-unavailable')
          return { body: { status: 'error', code: err.code, error: err.message } }
        throw err
      }
    }
  },
  {
    method: 'POST',
    path: '/api/replay',
    run: async ({ service, json }) => {
      const body = checkReplayBody(await json(MAX_REPLAY_BODY))
      if ('code' in body) throw new ServiceError(body.code, `Replay: ${body.params.problem}`, body.params)
      const outcome = await service.replay({ jar: body.jar, source: body.har ? 'opened' : 'live' }, body.har)
      // What the reader noted about the HAR sent (a field dropped, a value cut) goes back with it.
      const notes = body.warnings ?? []
      const answer =
        outcome.status === 'replayed' && notes.length > 0 ? { ...outcome, readWarnings: notes } : outcome
      return { status: outcome.status === 'error' && service.replayBusy ? 409 : 200, body: answer }
    }
  },
  {
    method: 'GET',
    path: '/proxy.pac',
    run: ({ service, req }) => ({
      text: service.pac(req.socket.localAddress),
      type: 'application/x-ns-proxy-autoconfig'
    })
  }
]

/** The route for a method and path, with its `:name` parts; undefined when none matches. */
export function findRoute(
  method: string,
  pathname: string
): { route: Route; params: Record<string, string> } | undefined {
  const parts = pathname.split('/')
  for (const route of ROUTES) {
    if (route.method !== method) continue
    const want = route.path.split('/')
    if (want.length !== parts.length) continue
    const params: Record<string, string> = {}
    if (
      want.every((w, i) =>
        w.startsWith(':') ? (params[w.slice(1)] = parts[i] ?? '') !== '' : w === parts[i]
      )
    )
      return { route, params }
  }
  return undefined
}
