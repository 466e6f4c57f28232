// Multiplexing facts: sub-rows for streams in flight together, how many others overlapped, and the
// lesson proved only by real concurrency on an HTTP/2 connection.
import { describe, expect, it } from 'vitest'
import { analyzeCapture } from '../../../src/shared/analysis'
import { multiplexLesson, othersInFlight, streamRows } from '../../../src/shared/analysis/multiplex'
import type { CapturedExchange } from '../../../src/shared/model'
import { connection, exchange, T0 } from '../../helpers/capture-factory'

const at = (id: string, start: number, end: number, over: Partial<CapturedExchange> = {}): CapturedExchange =>
  exchange({
    id,
    startedAt: T0 + start,
    timings: { responseHeaders: (end - start) / 2, responseEnd: end - start },
    ...over
  })

describe('streamRows', () => {
  it('stacks overlapping streams and reuses a row once its stream has ended', () => {
    const list = [at('a', 0, 100), at('b', 10, 50), at('c', 20, 60), at('d', 55, 90), at('e', 120, 130)]
    const { rows, count } = streamRows(list)
    expect(count).toBe(3)
    expect([...rows]).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
      ['d', 1],
      ['e', 0]
    ])
  })

  it('keeps one-at-a-time exchanges on one row', () => {
    expect(streamRows([at('a', 0, 10), at('b', 10, 20), at('c', 30, 40)]).count).toBe(1)
  })

  it('holds a pending stream on its row', () => {
    const { rows } = streamRows([at('a', 0, 10, { state: 'pending', timings: {} }), at('b', 50, 60)])
    expect(rows.get('b')).toBe(1)
  })
})

describe('othersInFlight', () => {
  it('counts the exchanges whose time overlapped, not the ones before or after', () => {
    const list = [at('a', 0, 100), at('b', 10, 50), at('c', 100, 120), at('d', 99, 101)]
    expect(othersInFlight(list[0]!, list)).toBe(2)
    expect(othersInFlight(list[2]!, list)).toBe(1)
  })
})

describe('multiplexLesson', () => {
  it('is proved by two streams at once on an HTTP/2 connection, with the busiest one as proof', () => {
    const list = [
      at('a', 0, 100, { streamId: 1 }),
      at('b', 10, 50, { streamId: 3 }),
      at('c', 20, 60, { streamId: 5 })
    ]
    const p = multiplexLesson(list, [connection('c1', { protocol: 'h2', exchangeIds: ['a', 'b', 'c'] })])
    expect(p).toEqual({ step: 'multiplex', done: true, exchangeId: 'a', streams: 3 })
  })

  it('is not proved by HTTP/1.1 keep-alive, nor by streams one after another', () => {
    const h1 = [at('a', 0, 100), at('b', 10, 50)]
    expect(multiplexLesson(h1, [connection('c1')]).done).toBe(false)
    const serial = [at('a', 0, 10, { streamId: 1 }), at('b', 20, 30, { streamId: 3 })]
    expect(multiplexLesson(serial, [connection('c1', { protocol: 'h2' })]).done).toBe(false)
  })
})

describe('a Cookie header split into HTTP/2 fields', () => {
  it('is read as one header, with the reason as a code, whether the fields arrive apart or joined', () => {
    const apart = exchange({
      requestHeaders: [
        [':method', 'GET'],
        ['cookie', 'a=1'],
        ['cookie', 'b=2']
      ]
    })
    const joined = exchange({
      requestHeaders: [['cookie', 'a=1; b=2']],
      cookieSplit: true,
      startedAt: T0 + 500
    })
    const plain = exchange({ requestHeaders: [['cookie', 'a=1; b=2']], startedAt: T0 + 900 })
    const report = analyzeCapture({ exchanges: [apart, joined, plain], sessionEvents: [] })
    expect(report.requests.map((r) => r.sentCookie)).toEqual(['a=1; b=2', 'a=1; b=2', 'a=1; b=2'])
    expect(report.requests.map((r) => r.cookieSplit)).toEqual([
      { code: 'request.cookieSplit', fields: 2 },
      { code: 'request.cookieSplit' },
      undefined
    ])
  })
})
