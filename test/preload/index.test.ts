// Loads the preload with electron's contextBridge and ipcRenderer mocked, and checks that the
// page gets exactly one function per channel and never the event object or ipcRenderer.
import { beforeEach, describe, expect, it, vi } from 'vitest'

type Listener = (event: unknown, payload: unknown) => void

const fake = vi.hoisted(() => {
  const listeners = new Map<string, Set<Listener>>()
  return {
    exposed: new Map<string, unknown>(),
    listeners,
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ channel, args })),
    emit(channel: string, payload: unknown) {
      for (const l of listeners.get(channel) ?? []) l({ sender: 'the-event-object' }, payload)
    }
  }
})

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
  ipcRenderer: {
    invoke: fake.invoke,
    on: (channel: string, l: Listener) => {
      if (!fake.listeners.has(channel)) fake.listeners.set(channel, new Set())
      fake.listeners.get(channel)!.add(l)
    },
    removeListener: (channel: string, l: Listener) => fake.listeners.get(channel)?.delete(l)
  }
}))

await import('../../src/preload/index')
const api = fake.exposed.get('roundtrip') as Record<string, (...a: unknown[]) => unknown>

beforeEach(() => fake.invoke.mockClear())

describe('preload', () => {
  it('exposes exactly one function per channel under window.roundtrip, and nothing else', () => {
    expect([...fake.exposed.keys()]).toEqual(['roundtrip'])
    expect(Object.keys(api).sort()).toEqual([
      'addPassthrough',
      'clearCapture',
      'getBody',
      'getInfo',
      'getSessionStore',
      'getSessions',
      'getSnapshot',
      'getSnapshotPart',
      'getSnapshotStart',
      'launchBrowser',
      'listBrowsers',
      'onCaptureBatch',
      'onMenuCommand',
      'onOpenProgress',
      'openHar',
      'replay',
      'saveHar',
      'setProxyPort'
    ])
    for (const fn of Object.values(api)) expect(typeof fn).toBe('function')
  })

  it('invokes the named channel for each call', async () => {
    const calls: [string, unknown][] = [
      ['getInfo', await api.getInfo!()],
      ['getSnapshot', await api.getSnapshot!()],
      ['getSnapshotStart', await api.getSnapshotStart!()],
      ['getSnapshotPart', await api.getSnapshotPart!()],
      ['getSessions', await api.getSessions!()],
      ['clearCapture', await api.clearCapture!()],
      ['openHar', await api.openHar!()],
      ['listBrowsers', await api.listBrowsers!()]
    ]
    expect(calls.map(([, r]) => (r as { channel: string }).channel)).toEqual([
      'roundtrip:get-info',
      'roundtrip:get-snapshot',
      'roundtrip:get-snapshot-start',
      'roundtrip:get-snapshot-part',
      'roundtrip:get-sessions',
      'roundtrip:clear-capture',
      'roundtrip:open-har',
      'roundtrip:list-browsers'
    ])
    expect(await api.saveHar!({ redact: true })).toEqual({
      channel: 'roundtrip:save-har',
      args: [{ redact: true }]
    })
    expect(await api.launchBrowser!('firefox')).toEqual({
      channel: 'roundtrip:launch-browser',
      args: ['firefox']
    })
    expect(await api.setProxyPort!(9090)).toEqual({ channel: 'roundtrip:set-proxy-port', args: [9090] })
    expect(await api.getBody!('e12')).toEqual({ channel: 'roundtrip:get-body', args: ['e12'] })
    expect(await api.replay!({ jar: 'fresh', source: 'opened' })).toEqual({
      channel: 'roundtrip:replay',
      args: [{ jar: 'fresh', source: 'opened' }]
    })
    expect(await api.addPassthrough!('bank.example')).toEqual({
      channel: 'roundtrip:add-passthrough',
      args: ['bank.example']
    })
  })

  it('checks arguments before anything reaches the main process', async () => {
    await expect(api.saveHar!({ redact: 1 })).rejects.toThrow(/"redact" must be true or false/)
    await expect(api.saveHar!({ path: '/etc/passwd' })).rejects.toThrow(/unknown option "path"/)
    await expect(api.launchBrowser!('/usr/bin/env')).rejects.toThrow(/one of the ids/)
    await expect(api.setProxyPort!(70000)).rejects.toThrow(/whole number from 0/)
    await expect(api.setProxyPort!('8080' as unknown as number)).rejects.toThrow(/whole number from 0/)
    await expect(api.replay!({ jar: 'stale', source: 'live' })).rejects.toThrow(/"jar" must be/)
    await expect(api.replay!({ jar: 'fresh', source: 'live', har: {} })).rejects.toThrow(
      /unknown replay option/
    )
    await expect(api.replay!()).rejects.toThrow(/must be an object/)
    await expect(api.getBody!('../e1')).rejects.toThrow(/capture's ids/)
    await expect(api.addPassthrough!('bank.example; rm -rf /')).rejects.toThrow(/host/)
    expect(() => api.onCaptureBatch!('not a function')).toThrow(/expected a function/)
    expect(fake.invoke).not.toHaveBeenCalled()
  })

  it('hands capture batches to the callback without the event object, until unsubscribed', () => {
    const got: unknown[][] = []
    const off = api.onCaptureBatch!((...args: unknown[]) => got.push(args)) as () => void
    const batch = { seq: 1, changes: [] }
    fake.emit('roundtrip:capture-batch', batch)
    fake.emit('roundtrip:capture-batch', 'not a batch')
    expect(got).toEqual([[batch]])
    off()
    fake.emit('roundtrip:capture-batch', { seq: 2, changes: [] })
    expect(got).toHaveLength(1)
    expect(fake.listeners.get('roundtrip:capture-batch')?.size).toBe(0)
  })

  it('forwards only known menu commands', () => {
    const got: unknown[] = []
    const off = api.onMenuCommand!((c: unknown) => got.push(c)) as () => void
    fake.emit('roundtrip:menu-command', 'find')
    fake.emit('roundtrip:menu-command', 'rm -rf')
    off()
    fake.emit('roundtrip:menu-command', 'clear')
    expect(got).toEqual(['find'])
  })

  it('forwards only well-formed open progress, without the event object, until unsubscribed', () => {
    const got: unknown[][] = []
    const off = api.onOpenProgress!((...args: unknown[]) => got.push(args)) as () => void
    const progress = { fileName: 'big.har', phase: 'reading', loaded: 10, total: 100 }
    fake.emit('roundtrip:open-progress', progress)
    fake.emit('roundtrip:open-progress', { ...progress, phase: 'exploding' })
    fake.emit('roundtrip:open-progress', { ...progress, loaded: '10' })
    fake.emit('roundtrip:open-progress', null)
    expect(got).toEqual([[progress]])
    off()
    fake.emit('roundtrip:open-progress', progress)
    expect(got).toHaveLength(1)
  })
})
