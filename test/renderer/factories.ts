// Builders for capture records used by the renderer tests.
import type {
  CapturedConnection,
  CapturedExchange,
  CaptureSnapshot,
  HeaderPair,
  ServerSessionEvent
} from '../../src/shared/model'

export const T0 = Date.UTC(2026, 0, 1, 12, 0, 0)

export function connection(n: number, over: Partial<CapturedConnection> = {}): CapturedConnection {
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

export function exchange(n: number, over: Partial<CapturedExchange> = {}): CapturedExchange {
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

/** A login story: anonymous visit, login (rotates sid), account page, logout. */
export function loginCapture(): CaptureSnapshot {
  const c1 = connection(1, { exchangeIds: ['e1', 'e2', 'e3', 'e4'] })
  const e1 = exchange(
    1,
    withHeaders([], [['Set-Cookie', 'sid=anon111111111111; Path=/; HttpOnly; SameSite=Lax']])
  )
  const e2 = exchange(2, {
    ...withHeaders(
      [['Cookie', 'sid=anon111111111111']],
      [['Set-Cookie', 'sid=user222222222222; Path=/; HttpOnly; SameSite=Lax; Max-Age=900']]
    ),
    method: 'POST',
    url: 'http://roundtrip.test/login',
    sequence: 2,
    status: 303
  })
  const e3 = exchange(3, {
    ...withHeaders([['Cookie', 'sid=user222222222222; theme=dark']]),
    url: 'http://roundtrip.test/account',
    sequence: 3
  })
  const e4 = exchange(4, {
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
