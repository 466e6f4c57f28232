// An in-memory RoundtripClient for component tests: the test pushes snapshots and batches.
import type { RoundtripClient, SubscribeHandlers } from '../../src/renderer/src/api/client'
import type { CaptureBatch, CaptureSnapshot, ServerSession } from '../../src/shared/model'
import { snapshot as emptySnapshot } from '../helpers/capture-factory'

export interface FakeClient extends RoundtripClient {
  push(batch: CaptureBatch): void
  sessionsNow: ServerSession[]
  cleared: number
}

export function fakeClient(initial: CaptureSnapshot = emptySnapshot()): FakeClient {
  const handlers = new Set<SubscribeHandlers>()
  const client: FakeClient = {
    kind: 'web',
    sessionsNow: [],
    cleared: 0,
    info: async () => ({ proxy: 'http://127.0.0.1:8080', sample: 'http://127.0.0.1:3000', version: '0.1.0' }),
    snapshot: async () => initial,
    sessions: async () => client.sessionsNow,
    clear: async () => {
      client.cleared++
    },
    subscribe(h) {
      handlers.add(h)
      h.onState?.('live')
      h.onSnapshot(initial)
      return () => handlers.delete(h)
    },
    push(batch) {
      for (const h of handlers) h.onBatch(batch)
    }
  }
  return client
}
