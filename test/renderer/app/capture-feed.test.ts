// @vitest-environment jsdom
// The page's feed: a big capture's parts are applied together once the last has come, and batches
// (newer than every part) wait behind them, since the IPC door sends batches while parts still come.
import { cleanup, renderHook } from '@testing-library/react'
import { afterEach, expect, it, vi } from 'vitest'
import type { RoundtripClient, SubscribeHandlers } from '../../../src/renderer/src/api/types'
import { useCaptureFeed } from '../../../src/renderer/src/app/useCaptureFeed'
import { createRoundtripStore } from '../../../src/renderer/src/store'
import { nthExchange, snapshot } from '../../helpers/capture-factory'

afterEach(cleanup)

function fakeClient(): { client: RoundtripClient; handlers: () => SubscribeHandlers } {
  let handlers: SubscribeHandlers | undefined
  const client = {
    kind: 'ipc',
    info: async () => ({ proxy: 'http://127.0.0.1:1', sample: 'http://127.0.0.1:2', version: '0' }),
    snapshot: async () => snapshot(),
    sessions: async () => [],
    clear: async () => {},
    subscribe: (h: SubscribeHandlers) => {
      handlers = h
      return () => (handlers = undefined)
    }
  } as RoundtripClient
  return { client, handlers: () => handlers! }
}

it('applies a batch after the parts of the capture it follows, so an older part does not undo it', async () => {
  const store = createRoundtripStore()
  const { client, handlers } = fakeClient()
  const { unmount } = renderHook(() => useCaptureFeed(client, store))
  const h = handlers()
  h.onSnapshot(snapshot({ seq: 5, exchanges: [nthExchange(4)] }), { loaded: 1, total: 4 })
  // e2 completes after the snapshot was taken; the part below still holds it as it was then.
  h.onBatch({ seq: 6, changes: [{ type: 'exchange', exchange: nthExchange(2, { status: 201 }) }] })
  // Bounded: the feed applies what came within 50 ms; the batch waits for the parts the snapshot announced.
  await new Promise((r) => setTimeout(r, 120))
  expect(store.getState().exchangeOrder).toEqual(['e4'])
  h.onSnapshotPart?.({
    exchanges: [nthExchange(2, { state: 'pending', status: undefined }), nthExchange(3)],
    connections: [],
    loaded: 3,
    total: 4
  })
  await vi.waitFor(() => expect(store.getState().loading).toEqual({ loaded: 3, total: 4 }))
  expect(store.getState().exchangeOrder).toEqual(['e4'])
  h.onSnapshotPart?.({ exchanges: [nthExchange(1)], connections: [], loaded: 4, total: 4 })
  await vi.waitFor(() => expect(store.getState().exchangeOrder).toEqual(['e1', 'e2', 'e3', 'e4']))
  expect(store.getState().exchanges.get('e2')).toMatchObject({ state: 'complete', status: 201 })
  expect(store.getState().loading).toBeUndefined()
  expect(store.getState().seq).toBe(6)
  unmount()
})
