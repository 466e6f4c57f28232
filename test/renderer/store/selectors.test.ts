import { beforeEach, describe, expect, it } from 'vitest'
import { createRoundtripStore, type RoundtripStore } from '../../../src/renderer/src/store'
import {
  filteredExchanges,
  lanes,
  reuseLabel,
  threads,
  timelineBar,
  timeRange,
  visibleBars
} from '../../../src/renderer/src/store/selectors'
import { sessionSequence } from '../../../src/renderer/src/model/threads'
import { nthConnection, nthExchange, loginStory, snapshot, T0 } from '../../helpers/capture-factory'

let store: RoundtripStore
beforeEach(() => {
  store = createRoundtripStore()
})

describe('timeline bars', () => {
  it('carries `retried` only for an exchange the proxy sent twice', () => {
    expect(timelineBar(nthExchange(1, { retried: true }), 0).retried).toBe(true)
    expect('retried' in timelineBar(nthExchange(1), 0)).toBe(false)
  })

  it('has connect, waiting and receiving phases on a new upstream connection', () => {
    const bar = timelineBar(nthExchange(1), 0)
    const s = nthExchange(1).startedAt
    expect(bar.phases).toEqual([
      { kind: 'connect', start: s, end: s + 5 },
      { kind: 'waiting', start: s + 5, end: s + 20 },
      { kind: 'receiving', start: s + 20, end: s + 30 }
    ])
    expect(bar.end).toBe(s + 30)
  })

  it('has no connect phase when the upstream socket was reused', () => {
    const bar = timelineBar(nthExchange(1, { upstreamReused: true, sequence: 2 }), 0)
    expect(bar.phases.map((p) => p.kind)).toEqual(['waiting', 'receiving'])
  })

  it('stretches a pending exchange to now and marks errors with their reason', () => {
    const x = nthExchange(1, { state: 'pending', status: undefined, timings: { requestSent: 1 } })
    expect(timelineBar(x, x.startedAt + 500).end).toBe(x.startedAt + 500)
    const failed = nthExchange(2, {
      state: 'error',
      status: undefined,
      timings: {},
      error: { kind: 'upstream-refused', message: 'connection refused by 127.0.0.1:9' }
    })
    expect(timelineBar(failed, 0).error).toBe('upstream-refused: connection refused by 127.0.0.1:9')
  })
})

describe('reuse label', () => {
  it('says which request on which connection', () => {
    expect(reuseLabel({ sequence: 3, clientConnectionId: 'c7' }, 'en')).toBe('3rd request on connection c7')
    expect(reuseLabel({ sequence: 11, clientConnectionId: 'c7' }, 'en')).toBe('11th request on connection c7')
    expect(reuseLabel({ sequence: 1, clientConnectionId: 'c2' }, 'en')).toBe('new connection c2')
    expect(reuseLabel({ sequence: 2, clientConnectionId: 'c2' }, 'ko')).toContain('2번째')
  })
})

describe('lanes', () => {
  beforeEach(() => {
    store.getState().applySnapshot(
      snapshot({
        connections: [
          nthConnection(1, { exchangeIds: ['e1', 'e2'], closedAt: T0 + 900, closedBy: 'server' }),
          nthConnection(2, { exchangeIds: ['e3'] }),
          nthConnection(3),
          // The origin closes its idle keep-alive socket long after the last response: no lane shows it.
          { ...nthConnection(4), kind: 'upstream', closedAt: T0 + 6000, closedBy: 'server' }
        ],
        exchanges: [
          nthExchange(1),
          nthExchange(2, { sequence: 2, url: 'http://tracker.test/pixel.gif' }),
          nthExchange(3, { clientConnectionId: 'c2', status: 404 })
        ],
        tunnels: [
          {
            id: 't1',
            clientConnectionId: 'c3',
            host: 'example.com',
            port: 443,
            openedAt: T0 + 5,
            bytesUp: 10,
            bytesDown: 20
          }
        ]
      })
    )
  })

  it('gives one lane per client connection with its bars, and tunnels their own lane', () => {
    const result = lanes(store.getState())
    expect(result.map((l) => `${l.kind}:${l.id}`)).toEqual(['tunnel:t1', 'connection:c1', 'connection:c2'])
    const c1 = result.find((l) => l.id === 'c1')
    expect(c1?.kind === 'connection' && c1.exchanges.map((x) => x.id)).toEqual(['e1', 'e2'])
    expect(c1?.closedBy).toBe('server')
  })

  it('hides lanes without matches when filtering, and returns the same array when nothing changed', () => {
    const first = lanes(store.getState())
    expect(lanes(store.getState())).toBe(first)
    store.getState().setFilter('host', 'tracker')
    const result = lanes(store.getState())
    expect(result.map((l) => l.id)).toEqual(['c1'])
    expect(result[0]?.kind === 'connection' && result[0].exchanges.map((x) => x.id)).toEqual(['e2'])
  })

  it('makes bars only for the exchanges in view', () => {
    const c1 = lanes(store.getState()).find((l) => l.id === 'c1')
    if (c1?.kind !== 'connection') throw new Error('no lane c1')
    const e2 = nthExchange(2).startedAt
    expect(visibleBars(c1, e2, e2 + 1, 0).map((b) => b.id)).toEqual(['e2'])
    expect(visibleBars(c1, T0, T0 + 50, 0)).toEqual([])
  })

  it('spans the time range of everything drawn, not an upstream socket closing later', () => {
    expect(timeRange(store.getState())).toEqual({ start: T0 + 5, end: T0 + 900 })
  })
})

describe('filters', () => {
  beforeEach(() => store.getState().applySnapshot(loginStory()))
  const ids = (): string[] => filteredExchanges(store.getState()).map((x) => x.id)

  it('filters by method, status class and exact status', () => {
    store.getState().setFilter('method', 'post')
    expect(ids()).toEqual(['e2', 'e4'])
    store.getState().clearFilters()
    store.getState().setFilter('status', '3xx')
    expect(ids()).toEqual(['e2', 'e4'])
    store.getState().setFilter('status', '200')
    expect(ids()).toEqual(['e1', 'e3'])
  })

  it('filters by cookie name (sent or set) and by session id', () => {
    store.getState().setFilter('cookieName', 'theme')
    expect(ids()).toEqual(['e3'])
    store.getState().clearFilters()
    store.getState().setFilter('sessionId', 'anon1111')
    expect(ids()).toEqual(['e1', 'e2'])
  })

  it('searches URLs and header values', () => {
    store.getState().setFilter('search', 'ACCOUNT')
    expect(ids()).toEqual(['e3'])
  })
})

describe('session threads', () => {
  it('follows each session id: issued, sent back, rotated, cleared', () => {
    store.getState().applySnapshot(loginStory())
    const result = threads(store.getState())
    expect(result.map((th) => th.id)).toEqual(['anon111111111111', 'user222222222222'])
    const [anon, user] = result
    expect(anon?.points.map((p) => p.kind)).toEqual(['created', 'issued', 'sent', 'rotated'])
    expect(user?.points.map((p) => `${p.kind}@${p.exchangeId}`)).toEqual([
      'created@e2',
      'issued@e2',
      'sent@e3',
      'sent@e4',
      'destroyed@e4',
      'cleared@e4'
    ])
    expect(user?.user).toBe('alice')
    expect(user?.cookieName).toBe('sid')
  })
})

describe('session sequence', () => {
  it('follows the steps a session takes, in order within each exchange', () => {
    const { exchanges, sessionEvents } = loginStory()
    const steps = sessionSequence('user222222222222', exchanges, sessionEvents)
    const lines = steps.map((s) => `${s.from}>${s.to}:${s.key ?? s.text ?? ''}:${s.cookie?.kind ?? ''}`)
    expect(lines.slice(0, 6)).toEqual([
      'browser>server:seq.reuse:',
      'browser>server:POST /login:',
      'server>store:seq.storeRotate:',
      'server>browser:303 OK:set',
      'browser>browser::stored',
      'browser>server:seq.reuse:'
    ])
    expect(lines).toContain('server>store:seq.storeDestroy:')
    expect(lines.at(-1)).toBe('server>browser:303 OK:set')
  })
})

describe('hiding the browser background traffic', () => {
  it('leaves out exchanges and tunnels marked browser-internal with one switch, and brings them back', () => {
    store.getState().applySnapshot(
      snapshot({
        connections: [
          nthConnection(1, { exchangeIds: ['e1'] }),
          nthConnection(2, { exchangeIds: ['e2'] }),
          nthConnection(3)
        ],
        exchanges: [
          nthExchange(1),
          nthExchange(2, {
            clientConnectionId: 'c2',
            url: 'http://detectportal.firefox.com/canonical.html',
            browserInternal: true
          })
        ],
        tunnels: [
          {
            id: 't1',
            clientConnectionId: 'c3',
            host: 'incoming.telemetry.mozilla.org',
            port: 443,
            openedAt: T0 + 40,
            bytesUp: 0,
            bytesDown: 0,
            browserInternal: true
          }
        ]
      })
    )
    const laneIds = (): string[] => lanes(store.getState()).map((l) => l.id)
    expect(filteredExchanges(store.getState()).map((x) => x.id)).toEqual(['e1', 'e2'])
    expect(laneIds()).toEqual(['c1', 'c2', 't1'])
    store.getState().setHideBrowserInternal(true)
    expect(filteredExchanges(store.getState()).map((x) => x.id)).toEqual(['e1'])
    expect(laneIds()).toEqual(['c1'])
    store.getState().setHideBrowserInternal(false)
    expect(laneIds()).toEqual(['c1', 'c2', 't1'])
  })
})
