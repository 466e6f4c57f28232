// The Electron door's route table over a real engine and service: each channel answers from the
// service, pushes the live capture's batches to the page, words the service's errors as a result
// with a sentence, and refuses wrong arguments with the schema's sentence.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { BrowserHandle, LaunchOptions } from '../../../src/main/browser/launch'
import { CHANNELS, EVENTS } from '../../../src/main/ipc/channels'
import type { SnapshotPart, SnapshotStart } from '../../../src/shared/api/contract'
import { body, connection, exchange } from '../../helpers/capture-factory'
import { wireIpc, type IpcWiring } from '../../helpers/ipc'

let wired: IpcWiring | undefined
afterEach(async () => {
  await wired?.close()
  wired = undefined
})

describe('IPC routes over the service', () => {
  it('answers snapshot, sessions and clear, and pushes each batch to the page', async () => {
    const w = (wired = await wireIpc())
    w.engine.store.putConnection(connection('c1'))
    w.engine.store.flush()
    expect(w.sent).toHaveLength(1)
    expect(w.sent[0]![0]).toBe(EVENTS.captureBatch)
    expect(w.sent[0]![1]).toMatchObject({ seq: 1, changes: [{ type: 'connection' }] })
    expect(await w.call(CHANNELS.getSnapshot)).toMatchObject({ seq: 1, connections: [{ id: 'c1' }] })
    expect(await w.call(CHANNELS.getSessions)).toEqual([])
    expect(await w.call(CHANNELS.getSessionStore)).toMatchObject({ size: 0 })
    await w.call(CHANNELS.clearCapture)
    w.engine.store.flush()
    expect(w.sent[1]![1]).toMatchObject({ seq: 2, changes: [{ type: 'clear' }] })
    await expect(w.call(CHANNELS.clearCapture, 'all')).rejects.toThrow(/takes no arguments/)
  })

  it('sends a big capture in parts as the web door does: the newest first, every exchange once, no bodies', async () => {
    const w = (wired = await wireIpc())
    const n = 2600
    for (let c = 1; c <= Math.ceil(n / 6); c++) w.engine.store.putConnection(connection(`c${c}`))
    for (let i = 1; i <= n; i++) {
      w.engine.store.putExchange(
        exchange({ id: `e${i}`, clientConnectionId: `c${Math.ceil(i / 6)}`, responseBody: body('<p>x') })
      )
    }
    const start = (await w.call(CHANNELS.getSnapshotStart)) as SnapshotStart
    expect(start.more).toEqual({ loaded: 500, total: n })
    expect(start.snapshot.exchanges.map((x) => x.id)).toEqual(
      Array.from({ length: 500 }, (_, i) => `e${n - 499 + i}`)
    )
    const parts: SnapshotPart[] = []
    for (let k = 0; k < 20; k++) {
      const part = (await w.call(CHANNELS.getSnapshotPart)) as SnapshotPart | null
      if (!part) break
      parts.push(part)
    }
    expect(parts.map((p) => p.loaded)).toEqual([2500, n])
    expect(await w.call(CHANNELS.getSnapshotPart)).toBeNull()
    const all = [...start.snapshot.exchanges, ...parts.flatMap((p) => p.exchanges)]
    expect(new Set(all.map((x) => x.id)).size).toBe(n)
    // Bodies by id, as in the one-message snapshot.
    expect(all.every((x) => x.responseBody === undefined && x.responseBodyInfo?.size === 4)).toBe(true)
    // Each exchange's connection came with it or before it.
    const known = new Set(start.snapshot.connections.map((c) => c.id))
    for (const part of parts) {
      for (const c of part.connections) known.add(c.id)
      for (const x of part.exchanges) expect(known.has(x.clientConnectionId), x.id).toBe(true)
    }
    // A new start begins again; a small capture is one message with nothing to follow.
    expect(((await w.call(CHANNELS.getSnapshotStart)) as SnapshotStart).more).toEqual({
      loaded: 500,
      total: n
    })
    await w.call(CHANNELS.clearCapture)
    const small = (await w.call(CHANNELS.getSnapshotStart)) as SnapshotStart
    expect(small).toEqual({ snapshot: expect.objectContaining({ exchanges: [] }) })
    expect(await w.call(CHANNELS.getSnapshotPart)).toBeNull()
    await expect(w.call(CHANNELS.getSnapshotPart, 1)).rejects.toThrow(/takes no arguments/)
  })

  it("gives an exchange's bodies by id, and says so for an id the capture does not hold", async () => {
    const w = (wired = await wireIpc())
    w.engine.store.putConnection(connection('c1'))
    w.engine.store.putExchange(
      exchange({ id: 'e1', method: 'POST', requestBody: body('a=b&c'), responseBody: body('<p>x') })
    )
    const bodies = (await w.call(CHANNELS.getBody, 'e1')) as { request?: { base64: string } }
    expect(bodies).toMatchObject({ id: 'e1', request: { size: 5 }, response: { size: 4 } })
    expect(Buffer.from(bodies.request!.base64, 'base64').toString()).toBe('a=b&c')
    await expect(w.call(CHANNELS.getBody, 'e99')).rejects.toThrow(/no exchange e99 in the capture/)
    await expect(w.call(CHANNELS.getBody, '../etc')).rejects.toThrow(/capture's ids/)
  })

  it("passes a host's HTTPS tunnels through when the page asks, and refuses what is not a host", async () => {
    const w = (wired = await wireIpc())
    expect(w.engine.proxy.passthrough.list()).not.toContain('bank.example')
    expect(await w.call(CHANNELS.addPassthrough, 'Bank.Example')).toBe(true)
    expect(w.engine.proxy.passthrough.list()).toContain('bank.example')
    for (const bad of [42, '', 'a b', '<script>', ['bank.example']]) {
      await expect(w.call(CHANNELS.addPassthrough, bad), String(bad)).rejects.toThrow(/host/)
    }
    await expect(w.call(CHANNELS.addPassthrough)).rejects.toThrow(/takes one host name/)
  })

  it('saves what the page shows: the HAR text it sends for an opened file or a replay, as sent', async () => {
    const w = (wired = await wireIpc())
    const dir = await mkdtemp(join(tmpdir(), 'roundtrip-ipc-save-'))
    try {
      const onScreen = JSON.stringify({ log: { version: '1.2', creator: { name: 'x' }, entries: [] } })
      w.answer.save = join(dir, 'shop.har')
      const saved = await w.call(CHANNELS.saveHar, { view: 'file', name: 'shop.har', har: onScreen })
      expect(saved).toEqual({ status: 'saved', path: join(dir, 'shop.har') })
      expect(await readFile(join(dir, 'shop.har'), 'utf8')).toBe(onScreen)
      await expect(w.call(CHANNELS.saveHar, { view: 'file', path: '/etc/passwd' })).rejects.toThrow(
        /unknown option "path"/
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('moves the proxy, and words a taken port as a result without naming a flag', async () => {
    const w = (wired = await wireIpc())
    const taken = createServer()
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r))
    const port = (taken.address() as { port: number }).port
    try {
      const refused = (await w.call(CHANNELS.setProxyPort, port)) as { status: string; error: string }
      expect(refused).toMatchObject({ status: 'error', code: 'port-unavailable' })
      expect(refused.error).toMatch(new RegExp(`Port ${port} .* already in use`))
      expect(refused.error).not.toMatch(/--/)
    } finally {
      taken.close()
    }
    const moved = (await w.call(CHANNELS.setProxyPort, 0)) as { status: string; proxy: string }
    expect(moved.status).toBe('moved')
    expect((await w.call(CHANNELS.getInfo)) as { proxy: string }).toMatchObject({ proxy: moved.proxy })
  })

  it('lists the installed browsers and starts one by id through the current proxy', async () => {
    const launched: LaunchOptions[] = []
    const closed: string[] = []
    const fail: { with?: string } = {}
    const set = new Set(['/usr/bin/chromium', '/usr/bin/firefox'])
    const w = (wired = await wireIpc({
      browsers: {
        discovery: () => ({ platform: 'linux', env: { PATH: '/usr/bin' }, exists: (p) => set.has(p) }),
        launch: async (opts) => {
          if (fail.with) throw new Error(fail.with)
          launched.push(opts)
          let done!: (code: number | null) => void
          const exited = new Promise<number | null>((r) => (done = r))
          const h: BrowserHandle = {
            browser: opts.browser,
            pid: 1,
            profileDir: '/tmp/p',
            exited,
            exitReport: () => undefined,
            close: async () => {
              closed.push(opts.browser.id)
              done(0)
            }
          }
          return h
        }
      }
    }))
    expect(await w.call(CHANNELS.listBrowsers)).toEqual([
      { id: 'chromium', name: 'Chromium', family: 'chromium', path: '/usr/bin/chromium' },
      { id: 'firefox', name: 'Firefox', family: 'firefox', path: '/usr/bin/firefox' }
    ])
    expect(await w.call(CHANNELS.launchBrowser, 'firefox')).toEqual({ status: 'launched', name: 'Firefox' })
    expect(launched[0]).toMatchObject({ proxyUrl: w.engine.proxyUrl, browser: { path: '/usr/bin/firefox' } })

    await expect(w.call(CHANNELS.launchBrowser, '/bin/sh')).rejects.toThrow(
      /one of the ids from the browser list/
    )
    expect(await w.call(CHANNELS.launchBrowser, 'brave')).toEqual({
      status: 'error',
      code: 'not-found',
      error: 'No browser "brave" is installed here any more. Refresh the list.'
    })
    fail.with = 'Could not start Chromium at /usr/bin/chromium (EACCES).'
    expect(await w.call(CHANNELS.launchBrowser, 'chromium')).toEqual({
      status: 'error',
      code: 'failed',
      error: 'Could not start Chromium at /usr/bin/chromium (EACCES).'
    })
    await w.close()
    wired = undefined
    expect(closed).toEqual(['firefox'])
  })
})
