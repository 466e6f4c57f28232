import { describe, expect, it, vi } from 'vitest'
import { BatchSequencer } from '../../../src/renderer/src/api/client'
import { createIpcClient } from '../../../src/renderer/src/api/ipc'
import type { RoundtripPreloadApi, SnapshotPart, SnapshotStart } from '../../../src/shared/api/contract'
import type { CaptureBatch, CaptureSnapshot } from '../../../src/shared/model'
import { nthExchange, snapshot } from '../../helpers/capture-factory'

const batch = (seq: number, n = seq): CaptureBatch => ({
  seq,
  changes: [{ type: 'exchange', exchange: nthExchange(n) }]
})

describe('BatchSequencer', () => {
  it('drops batches the snapshot holds, delivers the next ones, and resyncs on a gap', () => {
    const delivered: number[] = []
    const resync = vi.fn()
    const seq = new BatchSequencer((b) => delivered.push(b.seq), resync)
    seq.push(batch(1))
    expect(delivered).toEqual([])
    seq.reset(2)
    seq.push(batch(2))
    seq.push(batch(3))
    seq.push(batch(4))
    seq.push(batch(6))
    seq.push(batch(7))
    expect(delivered).toEqual([3, 4])
    expect(resync).toHaveBeenCalledTimes(1)
  })
})

function fakePreload(snapshots: CaptureSnapshot[]) {
  let listener: ((b: CaptureBatch) => void) | undefined
  const api: RoundtripPreloadApi = {
    getInfo: async () => ({ proxy: 'http://127.0.0.1:1', sample: 'http://127.0.0.1:2', version: '0' }),
    getSnapshot: async () => snapshots.shift() ?? snapshot(),
    onCaptureBatch: (cb) => {
      listener = cb
      return () => {
        listener = undefined
      }
    },
    getSessions: async () => [],
    clearCapture: async () => {},
    openHar: async () => ({ status: 'canceled' }),
    saveHar: async () => ({ status: 'canceled' }),
    listBrowsers: async () => [
      { id: 'firefox', name: 'Firefox', family: 'firefox', path: '/usr/bin/firefox' }
    ],
    launchBrowser: async (id) => ({ status: 'launched', name: id })
  }
  return { api, emit: (b: CaptureBatch) => listener?.(b), subscribed: () => listener !== undefined }
}

describe('IPC client', () => {
  it('subscribes before reading the snapshot, then fetches a new one when a batch is missed', async () => {
    const preload = fakePreload([snapshot({ seq: 5, exchanges: [nthExchange(1)] }), snapshot({ seq: 9 })])
    const client = createIpcClient(preload.api)
    const snaps: number[] = []
    const batches: number[] = []
    const states: string[] = []
    const off = client.subscribe({
      onSnapshot: (s) => snaps.push(s.seq),
      onBatch: (b) => batches.push(b.seq),
      onState: (s) => states.push(s)
    })
    expect(preload.subscribed()).toBe(true)
    await vi.waitFor(() => expect(snaps).toEqual([5]))
    preload.emit(batch(5))
    preload.emit(batch(6))
    preload.emit(batch(8))
    await vi.waitFor(() => expect(snaps).toEqual([5, 9]))
    preload.emit(batch(10))
    expect(batches).toEqual([6, 10])
    expect(states).toEqual(['connecting', 'reconnecting', 'live', 'reconnecting', 'live'])
    off()
    expect(preload.subscribed()).toBe(false)
  })

  it('takes a big capture in parts when the shell offers them, and asks for nothing after the last', async () => {
    const preload = fakePreload([])
    const part = (loaded: number): SnapshotPart => ({
      exchanges: [nthExchange(10 - loaded)],
      connections: [],
      loaded,
      total: 4
    })
    const starts: SnapshotStart[] = [
      { snapshot: snapshot({ seq: 3, exchanges: [nthExchange(9)] }), more: { loaded: 1, total: 4 } }
    ]
    const queue = [part(2), part(3), part(4)]
    let asked = 0
    const client = createIpcClient({
      ...preload.api,
      getSnapshotStart: async () => starts.shift() ?? { snapshot: snapshot({ seq: 7 }) },
      getSnapshotPart: async () => {
        asked++
        return queue.shift() ?? null
      }
    })
    const seen: string[] = []
    const off = client.subscribe({
      onSnapshot: (s, more) => seen.push(`snapshot ${s.seq} ${more ? `${more.loaded}/${more.total}` : ''}`),
      onSnapshotPart: (p) => seen.push(`part ${p.loaded}/${p.total}`),
      onBatch: (b) => seen.push(`batch ${b.seq}`)
    })
    await vi.waitFor(() => expect(seen).toHaveLength(4))
    expect(seen).toEqual(['snapshot 3 1/4', 'part 2/4', 'part 3/4', 'part 4/4'])
    // The last part says so: nothing more is asked for.
    expect(asked).toBe(3)
    preload.emit(batch(4))
    expect(seen.at(-1)).toBe('batch 4')
    off()
  })

  it('passes the shell extras through', async () => {
    const client = createIpcClient(fakePreload([]).api)
    expect(await client.browsers?.()).toHaveLength(1)
    expect(await client.launchBrowser?.('firefox')).toEqual({ status: 'launched', name: 'firefox' })
    expect(await client.openHar?.()).toEqual({ status: 'canceled' })
  })
})

describe('createIpcClient: replay and open progress', () => {
  it('passes replay requests and open progress through, and leaves them out for an older preload', async () => {
    const { api } = fakePreload([])
    expect(createIpcClient(api).replay).toBeUndefined()
    expect(createIpcClient(api).onOpenProgress).toBeUndefined()
    const asked: unknown[] = []
    let emit: ((p: { fileName: string; phase: 'reading'; loaded: number; total: number }) => void) | undefined
    const client = createIpcClient({
      ...api,
      replay: async (request) => {
        asked.push(request)
        return { status: 'error', error: 'No recording is open to replay. Open a HAR file first.' }
      },
      onOpenProgress: (cb) => {
        emit = cb
        return () => (emit = undefined)
      }
    })
    expect(await client.replay!({ jar: 'fresh', source: 'opened' })).toMatchObject({ status: 'error' })
    expect(asked).toEqual([{ jar: 'fresh', source: 'opened' }])
    const seen: number[] = []
    const off = client.onOpenProgress!((p) => seen.push(p.loaded))
    emit!({ fileName: 'a.har', phase: 'reading', loaded: 7, total: 9 })
    off()
    expect(seen).toEqual([7])
    expect(emit).toBeUndefined()
  })
})
