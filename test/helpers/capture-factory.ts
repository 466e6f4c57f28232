/// <reference types="node" />
// Hand-built captures for tests (engine and renderer alike): connections, exchanges, tunnels and
// session events shaped like what the engine records, without running a proxy. `connection(id)` and
// `exchange(over)` build one record with ids of your choosing; `nthConnection(n)` and `nthExchange(n)`
// build the n-th of a numbered series (`c3`, `e3`, `/page/3`, n × 100 ms after T0).
import type {
  CaptureSnapshot,
  CapturedConnection,
  CapturedExchange,
  CapturedTunnel,
  HeaderPair,
  ServerSessionEvent
} from '../../src/shared/model'

export const T0 = Date.UTC(2026, 10, 26, 12, 0, 0) + 0.25

export function body(content: string | Uint8Array): CapturedExchange['requestBody'] {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content)
  return { size: bytes.length, truncated: false, base64: bytes.toString('base64') }
}

export function connection(id: string, over: Partial<CapturedConnection> = {}): CapturedConnection {
  const upstream = id.startsWith('u')
  return {
    id,
    kind: upstream ? 'upstream' : 'client',
    remoteAddress: upstream ? '127.0.0.1' : '::ffff:127.0.0.1',
    remotePort: upstream ? 8081 : 50000 + Number(id.slice(1)),
    localAddress: '127.0.0.1',
    localPort: upstream ? 40000 + Number(id.slice(1)) : 8080,
    openedAt: T0,
    exchangeIds: [],
    ...over
  }
}

let counter = 0

export function exchange(over: Partial<CapturedExchange> = {}): CapturedExchange {
  counter++
  return {
    id: `e${counter}`,
    clientConnectionId: 'c1',
    sequence: 1,
    upstreamConnectionId: 'u1',
    upstreamReused: false,
    method: 'GET',
    url: 'http://roundtrip.test/',
    httpVersion: '1.1',
    requestHeaders: [
      ['Host', 'roundtrip.test'],
      ['User-Agent', 'test']
    ],
    status: 200,
    statusText: 'OK',
    responseHeaders: [['Content-Type', 'text/html; charset=utf-8']],
    responseBody: body('<p>hello</p>'),
    startedAt: T0,
    timings: { upstreamConnected: 1.5, requestSent: 2, responseHeaders: 10.25, responseEnd: 12 },
    state: 'complete',
    ...over
  }
}

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0xff, 0x00, 0x01])

/**
 * A login on the sample site: a first visit that gets a session and a preference cookie (two
 * Set-Cookie lines), a form POST on the same keep-alive connection that rotates the session ID,
 * a binary image, a refused upstream, a pending request, plus a CONNECT tunnel and the server's
 * session events.
 */
export function loginCapture(): CaptureSnapshot {
  counter = 0
  const html: HeaderPair = ['Content-Type', 'text/html; charset=utf-8']
  const visit = exchange({
    responseHeaders: [
      html,
      ['Set-Cookie', 'sid=old123; Path=/; HttpOnly; SameSite=Lax'],
      ['Set-Cookie', 'theme=dark; Path=/; Max-Age=31536000; SameSite=Strict'],
      ['Content-Length', '12']
    ],
    serverConnectionId: 's1'
  })
  const login = exchange({
    method: 'POST',
    url: 'http://roundtrip.test/login?next=%2Faccount',
    sequence: 2,
    upstreamReused: true,
    serverConnectionId: 's1',
    requestHeaders: [
      ['Host', 'roundtrip.test'],
      ['Cookie', 'sid=old123; theme=dark'],
      ['Content-Type', 'application/x-www-form-urlencoded'],
      ['Authorization', 'Basic YWxpY2U6c2VjcmV0']
    ],
    requestBody: body('user=alice&password=wonderland'),
    status: 302,
    statusText: 'Found',
    responseHeaders: [
      ['Location', '/account'],
      [
        'Set-Cookie',
        'sid=new456; Path=/; HttpOnly; Secure; SameSite=None; Expires=Wed, 21 Oct 2037 07:28:00 GMT'
      ],
      ['Content-Length', '0']
    ],
    responseBody: body(''),
    startedAt: T0 + 20,
    timings: { requestSent: 0.5, responseHeaders: 4, responseEnd: 4.5 }
  })
  const image = exchange({
    url: 'http://roundtrip.test/logo.png',
    sequence: 3,
    upstreamReused: true,
    requestHeaders: [
      ['Host', 'roundtrip.test'],
      ['Cookie', 'sid=new456; theme=dark']
    ],
    responseHeaders: [['Content-Type', 'image/png']],
    responseBody: body(PNG),
    startedAt: T0 + 30,
    timings: { requestSent: 0.2, responseHeaders: 1, responseEnd: 2 }
  })
  const refused = exchange({
    clientConnectionId: 'c2',
    url: 'http://127.0.0.1:9/nothing',
    upstreamConnectionId: undefined,
    upstreamReused: undefined,
    requestHeaders: [['Host', '127.0.0.1:9']],
    status: undefined,
    statusText: undefined,
    responseHeaders: undefined,
    responseBody: undefined,
    startedAt: T0 + 40,
    timings: {},
    state: 'error',
    error: { kind: 'upstream-refused', message: 'connect ECONNREFUSED 127.0.0.1:9' }
  })
  const pending = exchange({
    clientConnectionId: 'c2',
    sequence: 2,
    url: 'http://roundtrip.test/slow',
    upstreamConnectionId: 'u2',
    status: undefined,
    statusText: undefined,
    responseHeaders: undefined,
    responseBody: undefined,
    startedAt: T0 + 50,
    timings: { upstreamConnected: 1, requestSent: 1.5 },
    state: 'pending'
  })
  const exchanges = [visit, login, image, refused, pending]
  const connections = [
    connection('c1', { exchangeIds: [visit.id, login.id, image.id] }),
    connection('u1', {
      clientConnectionId: 'c1',
      target: 'roundtrip.test:80',
      exchangeIds: [visit.id, login.id, image.id]
    }),
    connection('c2', { exchangeIds: [refused.id, pending.id], closedAt: T0 + 60, closedBy: 'client' }),
    connection('u2', { clientConnectionId: 'c2', target: 'roundtrip.test:80', exchangeIds: [pending.id] })
  ]
  const tunnels: CapturedTunnel[] = [
    {
      id: 't1',
      clientConnectionId: 'c3',
      host: 'example.com',
      port: 443,
      openedAt: T0 + 5,
      establishedAt: T0 + 6,
      closedAt: T0 + 9,
      closedBy: 'server',
      bytesUp: 517,
      bytesDown: 4096
    }
  ]
  const sessionEvents: ServerSessionEvent[] = [
    { at: T0 + 10, kind: 'created', sessionId: 'old123', exchangeId: visit.id },
    {
      at: T0 + 22,
      kind: 'rotated',
      sessionId: 'new456',
      previousId: 'old123',
      user: 'alice',
      exchangeId: login.id
    }
  ]
  return { seq: 3, connections, exchanges, tunnels, sessionEvents }
}

export function nthConnection(n: number, over: Partial<CapturedConnection> = {}): CapturedConnection {
  return {
    id: `c${n}`,
    kind: 'client',
    remoteAddress: '127.0.0.1',
    remotePort: 50000 + n,
    localAddress: '127.0.0.1',
    localPort: 8080,
    openedAt: T0 + n * 10,
    exchangeIds: [],
    ...over
  }
}

export function nthExchange(n: number, over: Partial<CapturedExchange> = {}): CapturedExchange {
  return {
    id: `e${n}`,
    clientConnectionId: 'c1',
    sequence: 1,
    method: 'GET',
    url: `http://roundtrip.test/page/${n}`,
    httpVersion: '1.1',
    requestHeaders: [['Host', 'roundtrip.test']],
    status: 200,
    statusText: 'OK',
    responseHeaders: [['Content-Type', 'text/plain']],
    startedAt: T0 + n * 100,
    timings: { upstreamConnected: 5, requestSent: 6, responseHeaders: 20, responseEnd: 30 },
    state: 'complete',
    ...over
  }
}

export function withHeaders(req: HeaderPair[], res: HeaderPair[] = []): Partial<CapturedExchange> {
  return { requestHeaders: [['Host', 'roundtrip.test'], ...req], responseHeaders: res }
}

export function snapshot(over: Partial<CaptureSnapshot> = {}): CaptureSnapshot {
  return { seq: 0, connections: [], exchanges: [], tunnels: [], sessionEvents: [], ...over }
}

export function sessionEvent(
  over: Partial<ServerSessionEvent> & Pick<ServerSessionEvent, 'kind' | 'sessionId'>
): ServerSessionEvent {
  return { at: T0, ...over }
}

/** A login story on one connection: anonymous visit, login (rotates sid), account page, logout. */
export function loginStory(): CaptureSnapshot {
  const c1 = nthConnection(1, { exchangeIds: ['e1', 'e2', 'e3', 'e4'] })
  const e1 = nthExchange(
    1,
    withHeaders([], [['Set-Cookie', 'sid=anon111111111111; Path=/; HttpOnly; SameSite=Lax']])
  )
  const e2 = nthExchange(2, {
    ...withHeaders(
      [['Cookie', 'sid=anon111111111111']],
      [['Set-Cookie', 'sid=user222222222222; Path=/; HttpOnly; SameSite=Lax; Max-Age=900']]
    ),
    method: 'POST',
    url: 'http://roundtrip.test/login',
    sequence: 2,
    status: 303
  })
  const e3 = nthExchange(3, {
    ...withHeaders([['Cookie', 'sid=user222222222222; theme=dark']]),
    url: 'http://roundtrip.test/account',
    sequence: 3
  })
  const e4 = nthExchange(4, {
    ...withHeaders([['Cookie', 'sid=user222222222222']], [['Set-Cookie', 'sid=; Path=/; Max-Age=0']]),
    method: 'POST',
    url: 'http://roundtrip.test/logout',
    sequence: 4,
    status: 303
  })
  return snapshot({
    seq: 5,
    connections: [c1],
    exchanges: [e1, e2, e3, e4],
    sessionEvents: [
      sessionEvent({
        kind: 'created',
        sessionId: 'anon111111111111',
        at: e1.startedAt + 10,
        exchangeId: 'e1'
      }),
      sessionEvent({
        kind: 'rotated',
        sessionId: 'user222222222222',
        previousId: 'anon111111111111',
        user: 'alice',
        at: e2.startedAt + 10,
        exchangeId: 'e2'
      }),
      sessionEvent({
        kind: 'destroyed',
        sessionId: 'user222222222222',
        at: e4.startedAt + 10,
        exchangeId: 'e4'
      })
    ]
  })
}
