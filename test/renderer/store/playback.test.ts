import { beforeEach, describe, expect, it } from 'vitest'
import { createRoundtripStore, type RoundtripStore } from '../../../src/renderer/src/store'
import {
  filteredExchanges,
  sessionEvents,
  threads,
  timeRange
} from '../../../src/renderer/src/store/selectors'
import { loginStory } from '../../helpers/capture-factory'

let store: RoundtripStore
beforeEach(() => {
  store = createRoundtripStore()
  store.getState().applySnapshot(loginStory(), { kind: 'file', fileName: 'login.har', warnings: [] })
})

describe('playback', () => {
  it('shows the capture as it stood at the playhead, on a time axis that does not move', () => {
    const range = timeRange(store.getState())
    const e2 = store.getState().exchanges.get('e2')!
    store.getState().setPlayhead(e2.startedAt + 15)
    const s = store.getState()
    expect(filteredExchanges(s).map((x) => x.id)).toEqual(['e1', 'e2'])
    expect(sessionEvents(s).map((e) => e.kind)).toEqual(['created', 'rotated'])
    // An exchange that has started is shown whole, its response included.
    expect(
      threads(s)
        .find((th) => th.id === 'user222222222222')
        ?.points.map((p) => p.kind)
    ).toEqual(['created', 'issued'])
    expect(timeRange(s)).toEqual(range)
    store.getState().setPlayhead(undefined)
    expect(filteredExchanges(store.getState())).toHaveLength(4)
  })

  it('advances at the chosen speed only while playing, and stops at the end', () => {
    const s = store.getState()
    s.setPlayhead(1000)
    s.advance(100, 5000)
    expect(store.getState().playhead).toBe(1000)
    s.setSpeed(4)
    s.play()
    store.getState().advance(100, 5000)
    expect(store.getState().playhead).toBe(1400)
    store.getState().advance(10_000, 5000)
    expect(store.getState().playhead).toBe(5000)
    expect(store.getState().playing).toBe(false)
  })

  it('resets when a new capture arrives', () => {
    store.getState().setPlayhead(5)
    store.getState().play()
    store.getState().applySnapshot(loginStory())
    expect(store.getState().playhead).toBeUndefined()
    expect(store.getState().playing).toBe(false)
  })
})
