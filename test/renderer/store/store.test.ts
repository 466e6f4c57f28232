import { beforeEach, describe, expect, it } from 'vitest'
import { createRoundtripStore, type RoundtripStore } from '../../../src/renderer/src/store'
import { nthConnection, nthExchange, snapshot } from '../../helpers/capture-factory'
import type { SnapshotPart } from '../../../src/renderer/src/api/types'

let store: RoundtripStore

beforeEach(() => {
  store = createRoundtripStore()
})

describe('capture slice', () => {
  it('applies a snapshot with exchanges in id order', () => {
    store
      .getState()
      .applySnapshot(snapshot({ seq: 3, exchanges: [nthExchange(10), nthExchange(2), nthExchange(1)] }))
    const s = store.getState()
    expect(s.exchangeOrder).toEqual(['e1', 'e2', 'e10'])
    expect(s.seq).toBe(3)
  })

  it('takes a big snapshot in parts: the newest first, older parts merged into id order, with progress', () => {
    const s = store.getState
    s().applySnapshot(snapshot({ seq: 4, exchanges: [nthExchange(9), nthExchange(10)] }), undefined, {
      loaded: 2,
      total: 10
    })
    expect(s().loading).toEqual({ loaded: 2, total: 10 })
    s().setLoading({ loaded: 5, total: 10 })
    s().applySnapshotParts([
      {
        exchanges: [6, 7, 8].map((n) => nthExchange(n)),
        connections: [nthConnection(2)],
        loaded: 5,
        total: 10
      },
      { exchanges: [1, 2, 3, 4, 5].map((n) => nthExchange(n)), connections: [], loaded: 10, total: 10 }
    ])
    expect(s().exchangeOrder).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'e9', 'e10'])
    expect(s().connections.has('c2')).toBe(true)
    expect(s().loading).toBeUndefined()
    expect(s().seq).toBe(4)
  })

  it('keeps arrival order when several parts, newest first, are applied together', () => {
    const s = store.getState
    s().applySnapshot(snapshot({ exchanges: [19, 20].map((n) => nthExchange(n)) }), undefined, {
      loaded: 2,
      total: 20
    })
    const part = (from: number, to: number, loaded: number): SnapshotPart => ({
      exchanges: Array.from({ length: to - from + 1 }, (_, i) => nthExchange(from + i)),
      connections: [],
      loaded,
      total: 20
    })
    s().applySnapshotParts([part(13, 18, 8), part(7, 12, 14), part(1, 6, 20)])
    expect(s().exchangeOrder).toEqual(Array.from({ length: 20 }, (_, i) => `e${i + 1}`))
    expect(s().loading).toBeUndefined()
  })

  it('upserts exchanges from a batch and replaces the Map instead of mutating it', () => {
    store
      .getState()
      .applySnapshot(snapshot({ exchanges: [nthExchange(1, { state: 'pending', status: undefined })] }))
    const before = store.getState().exchanges
    store.getState().applyBatch({
      seq: 1,
      changes: [
        { type: 'exchange', exchange: nthExchange(1) },
        { type: 'exchange', exchange: nthExchange(2) }
      ]
    })
    const s = store.getState()
    expect(s.exchanges).not.toBe(before)
    expect(before.get('e1')?.state).toBe('pending')
    expect(s.exchanges.get('e1')?.state).toBe('complete')
    expect(s.exchangeOrder).toEqual(['e1', 'e2'])
    expect(s.seq).toBe(1)
  })

  it('keeps untouched collections identical so selectors stay memoised', () => {
    store.getState().applySnapshot(snapshot({ connections: [nthConnection(1)], exchanges: [nthExchange(1)] }))
    const { connections, tunnels } = store.getState()
    store.getState().applyBatch({ seq: 1, changes: [{ type: 'exchange', exchange: nthExchange(2) }] })
    expect(store.getState().connections).toBe(connections)
    expect(store.getState().tunnels).toBe(tunnels)
  })

  it('handles evictions, session events and clear', () => {
    store.getState().applySnapshot(snapshot({ exchanges: [nthExchange(1), nthExchange(2), nthExchange(3)] }))
    store.getState().applyBatch({
      seq: 1,
      changes: [
        { type: 'evicted', exchangeIds: ['e1'] },
        { type: 'session-event', event: { at: 1, kind: 'created', sessionId: 'abc' } }
      ]
    })
    expect(store.getState().exchangeOrder).toEqual(['e2', 'e3'])
    expect(store.getState().exchanges.has('e1')).toBe(false)
    expect(store.getState().sessionEvents).toHaveLength(1)
    expect(store.getState().evicted).toBe(1)
    store
      .getState()
      .applyBatch({ seq: 2, changes: [{ type: 'clear' }, { type: 'exchange', exchange: nthExchange(9) }] })
    expect(store.getState().exchangeOrder).toEqual(['e9'])
    expect(store.getState().sessionEvents).toEqual([])
    expect(store.getState().evicted).toBe(0)
  })

  it('counts exchanges that left at the capture limit, and drops the connections that left with them', () => {
    store.getState().applySnapshot(
      snapshot({
        exchanges: [nthExchange(7)],
        connections: [
          nthConnection(1, { exchangeIds: ['e5', 'e6'] }),
          nthConnection(2, { exchangeIds: ['e7'] })
        ],
        evicted: 4
      })
    )
    expect(store.getState().evicted).toBe(4)
    store.getState().applyBatch({
      seq: 1,
      changes: [{ type: 'evicted', exchangeIds: ['e5', 'e6'], connectionIds: ['c1'] }]
    })
    expect(store.getState().evicted).toBe(6)
    expect([...store.getState().connections.keys()]).toEqual(['c2'])
  })

  it('applies several batches in one update', () => {
    store.getState().applySnapshot(snapshot({ exchanges: [nthExchange(1)] }))
    let updates = 0
    const off = store.subscribe(() => updates++)
    store.getState().applyBatches([
      { seq: 1, changes: [{ type: 'exchange', exchange: nthExchange(2) }] },
      { seq: 2, changes: [{ type: 'exchange', exchange: nthExchange(3) }] }
    ])
    off()
    expect(updates).toBe(1)
    expect(store.getState().exchangeOrder).toEqual(['e1', 'e2', 'e3'])
    expect(store.getState().seq).toBe(2)
  })

  it('ignores live batches while a file is open', () => {
    store.getState().applySnapshot(snapshot({ exchanges: [nthExchange(1)] }), {
      kind: 'file',
      fileName: 'a.har',
      warnings: []
    })
    store.getState().applyBatch({ seq: 1, changes: [{ type: 'exchange', exchange: nthExchange(2) }] })
    expect(store.getState().exchangeOrder).toEqual(['e1'])
  })
})

describe('ui slice', () => {
  it('sets filters, view mode and bounded zoom', () => {
    const s = store.getState()
    s.setFilter('host', 'roundtrip')
    s.setViewMode('rows')
    for (let i = 0; i < 100; i++) store.getState().zoom(2)
    expect(store.getState().filters.host).toBe('roundtrip')
    expect(store.getState().viewMode).toBe('rows')
    expect(store.getState().pxPerMs).toBe(20)
    store.getState().clearFilters()
    expect(store.getState().filters.host).toBe('')
  })
  it('shows an exchange on the timeline: selected, follow off; without an id only the page changes', () => {
    store.getState().setPage('learn')
    store.getState().showOnTimeline()
    expect(store.getState()).toMatchObject({ page: 'timeline', selectedExchangeId: undefined, follow: true })
    store.getState().setPage('start')
    store.getState().showOnTimeline('e7')
    expect(store.getState()).toMatchObject({ page: 'timeline', selectedExchangeId: 'e7', follow: false })
  })
})
