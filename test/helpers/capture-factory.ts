// Hand-built captures for tests: connections, exchanges, tunnels and session events shaped like
// what the engine records, without running a proxy.
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
