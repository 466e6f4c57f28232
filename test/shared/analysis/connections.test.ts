// Connection grouping from every tool's variant, and inference from timings.connect only when unambiguous.
import { describe, expect, it } from 'vitest'
import type { Har } from 'har-format'
import { analyzeHar } from '../../../src/shared/analysis'
import {
  groupConnections as modelGrouping,
  type ConnectionGroup
} from '../../../src/shared/analysis/connections'
import type { CapturedExchange } from '../../../src/shared/model'
import { exchange } from '../../helpers/capture-factory'

/** Connections as the import reads them from the file and the analysis groups them from the model. */
const groupConnections = (har: Har) => analyzeHar(har).connections
import { harOf, type ExchangeSpec } from '../../helpers/har-factory'

const ids = (r: ReturnType<typeof groupConnections>): [string, number[]][] =>
  r.groups.map((g) => [g.id, g.entries])

describe('groupConnections', () => {
  it("reads Roundtrip's own connection fields, upstream connections included", () => {
    const own = (at: number, c: string, u: string, seq: number): ExchangeSpec => ({
      url: 'http://roundtrip.test/',
      at,
      extra: {
        connection: c,
        _connectionId: c,
        _upstreamConnectionId: u,
        _sequence: seq,
        _upstreamReused: seq > 1
      }
    })
    const r = groupConnections(harOf([own(0, 'c1', 'u1', 1), own(10, 'c2', 'u2', 1), own(20, 'c1', 'u1', 2)]))
    expect(r.source).toBe('recorded')
    expect(ids(r)).toEqual([
      ['c1', [0, 2]],
      ['c2', [1]]
    ])
    expect(r.groups[0]).toMatchObject({ reused: 1, upstream: ['u1'], origin: 'http://roundtrip.test:80' })
    expect(r.note).toContain('Roundtrip')
  })

  it("reads Chrome's _connectionId and Safari's numeric connection ids", () => {
    const chrome = groupConnections(
      harOf([
        { url: 'https://a.test/', at: 0, extra: { _connectionId: '812' } },
        { url: 'https://a.test/x', at: 5, extra: { _connectionId: '812' } }
      ])
    )
    expect(ids(chrome)).toEqual([['812', [0, 1]]])
    const safari = groupConnections(
      harOf([
        { url: 'https://a.test/', at: 0, extra: { connection: '5' } },
        { url: 'https://b.test/', at: 1, extra: { connection: '7' } },
        { url: 'https://a.test/y', at: 2, extra: { connection: '5' } }
      ])
    )
    expect(safari.source).toBe('recorded')
    expect(ids(safari)).toEqual([
      ['5', [0, 2]],
      ['7', [1]]
    ])
  })

  it('treats a connection field that holds the server port as no id, and infers from timings instead', () => {
    const r = groupConnections(
      harOf([
        { url: 'https://a.test/', at: 0, connect: 30, extra: { connection: '443' } },
        { url: 'https://a.test/x', at: 100, connect: -1, extra: { connection: '443' } },
        { url: 'https://b.test/', at: 150, connect: 12, extra: { connection: '443' } },
        { url: 'https://a.test/y', at: 200, connect: -1, extra: { connection: '443' } }
      ])
    )
    expect(r.source).toBe('inferred')
    expect(ids(r)).toEqual([
      ['c1', [0, 1, 3]],
      ['c2', [2]]
    ])
  })

  it('uses the idle HTTP/1.1 connection when two are open, but gives up when nothing decides', () => {
    const specs: ExchangeSpec[] = [
      { url: 'http://a.test/1', at: 0, connect: 5, time: 1000 },
      { url: 'http://a.test/2', at: 10, connect: 5, time: 20 },
      { url: 'http://a.test/3', at: 100, connect: -1, time: 20 }
    ]
    const r = groupConnections(harOf(specs))
    expect(ids(r)).toEqual([
      ['c1', [0]],
      ['c2', [1, 2]]
    ])
    specs[0] = { ...specs[0], time: 20 } as ExchangeSpec
    const ambiguous = groupConnections(harOf(specs))
    expect(ambiguous).toMatchObject({ source: 'none', groups: [] })
    expect(ambiguous.note).toContain('entry 2 reused one of 2 open connections to http://a.test:80')
  })

  it('says there is no information when a reuse has no opening or timings are missing', () => {
    const r = groupConnections(harOf([{ url: 'http://a.test/', at: 0, connect: -1 }]))
    expect(r.source).toBe('none')
    expect(r.note).toContain('does not show being opened')
    const ff = groupConnections(
      harOf([{ url: 'https://a.test/', at: 0, connect: 0, extra: { connection: '443' } }], 'Firefox')
    )
    expect(ff.note).toBe(
      'No connection information: the file\'s "connection" field holds the server port, not a connection id, and entry 0 has connect 0, which Firefox writes for new and reused connections alike.'
    )
  })
})

const modelGroups = (xs: CapturedExchange[]): ConnectionGroup[] =>
  modelGrouping(xs, { source: 'recorded', note: { code: 'conn.recorded.roundtrip' } }).groups

describe('groupConnections over the model', () => {
  const at = (startedAt: number, id: string): CapturedExchange =>
    exchange({ startedAt, clientConnectionId: id, upstreamConnectionId: undefined })

  it('lists each connection’s entries in time order whether or not the capture is in time order', () => {
    const sorted = [at(0, 'a'), at(5, 'b'), at(5, 'a'), at(9, 'b')]
    expect(modelGroups(sorted).map((g) => [g.id, g.entries, g.reused])).toEqual([
      ['a', [0, 2], 1],
      ['b', [1, 3], 1]
    ])
    const shuffled = [at(9, 'b'), at(0, 'a'), at(5, 'a'), at(1, 'b')]
    expect(modelGroups(shuffled).map((g) => [g.id, g.entries])).toEqual([
      ['a', [1, 2]],
      ['b', [3, 0]]
    ])
  })

  it('orders a capture with a time that is not a number as the sort by time, then position, does', () => {
    const odd = [at(5, 'a'), at(NaN, 'b'), at(3, 'a'), at(4, 'b')]
    const time = (i: number): number => (odd[i] as CapturedExchange).startedAt
    const order = [0, 1, 2, 3].sort((x, y) => time(x) - time(y) || x - y)
    const groups = modelGroups(odd)
    for (const id of ['a', 'b']) {
      const entries = order.filter((i) => odd[i]?.clientConnectionId === id)
      expect(groups.find((g) => g.id === id)?.entries, id).toEqual(entries)
    }
  })
})
