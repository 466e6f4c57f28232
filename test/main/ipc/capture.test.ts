import { describe, expect, it } from 'vitest'
import { CaptureStore } from '../../../src/main/capture/store'
import { registerCaptureIpc } from '../../../src/main/ipc/capture'
import { CHANNELS, EVENTS } from '../../../src/main/ipc/channels'
import type { Handle } from '../../../src/main/ipc/handle'
import type { CapturedConnection, ServerSession } from '../../../src/shared/model'

const connection = (id: string): CapturedConnection => ({
  id,
  kind: 'client',
  remoteAddress: '127.0.0.1',
  remotePort: 5000,
  localAddress: '127.0.0.1',
  localPort: 8080,
  openedAt: 1,
  exchangeIds: []
})

function collectingHandle() {
  const handlers = new Map<string, (...args: unknown[]) => unknown>()
  const handle: Handle = (channel, validate, fn) => {
    handlers.set(channel, (...args) => fn(...validate(channel, args)))
  }
  return { handle, handlers }
}

describe('registerCaptureIpc', () => {
  it('answers snapshot, sessions and clear, and pushes each batch to the page', () => {
    const store = new CaptureStore({ batchMs: 10_000 })
    const sent: [string, unknown][] = []
    const session: ServerSession = {
      id: 's1',
      data: {},
      createdAt: 1,
      lastSeenAt: 1,
      idleExpiresAt: 2,
      absoluteExpiresAt: 3,
      expiresAt: 2
    }
    const { handle, handlers } = collectingHandle()
    const stop = registerCaptureIpc({
      handle,
      store,
      sessions: () => [session],
      send: (c, p) => sent.push([c, p])
    })

    store.putConnection(connection('c1'))
    store.flush()
    expect(sent).toHaveLength(1)
    expect(sent[0]![0]).toBe(EVENTS.captureBatch)
    expect(sent[0]![1]).toMatchObject({ seq: 1, changes: [{ type: 'connection' }] })

    expect(handlers.get(CHANNELS.getSnapshot)!()).toMatchObject({ seq: 1, connections: [{ id: 'c1' }] })
    expect(handlers.get(CHANNELS.getSessions)!()).toEqual([session])
    handlers.get(CHANNELS.clearCapture)!()
    store.flush()
    expect(sent[1]![1]).toMatchObject({ seq: 2, changes: [{ type: 'clear' }] })
    expect(() => handlers.get(CHANNELS.clearCapture)!('all')).toThrow(/takes no arguments/)

    stop()
    store.putConnection(connection('c2'))
    store.flush()
    expect(sent).toHaveLength(2)
  })
})
