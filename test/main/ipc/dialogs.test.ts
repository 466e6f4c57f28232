import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Engine } from '../../../src/main/engine'
import { openHarWithDialog, saveHarWithDialog, type DialogDeps } from '../../../src/main/ipc/dialogs'
import { createService } from '../../../src/main/service'
import { exportHar } from '../../../src/shared/har/export'
import type { OpenProgress } from '../../../src/shared/api/contract'
import type { CaptureSnapshot } from '../../../src/shared/model'

const fixture = (name: string) => join(import.meta.dirname, '..', '..', 'fixtures', 'har', name)

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtrip-har-ipc-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const live: CaptureSnapshot = {
  seq: 3,
  connections: [
    {
      id: 'c1',
      kind: 'client',
      remoteAddress: '127.0.0.1',
      remotePort: 50000,
      localAddress: '127.0.0.1',
      localPort: 8080,
      openedAt: Date.parse('2026-11-26T10:00:00Z'),
      exchangeIds: ['e1']
    }
  ],
  exchanges: [
    {
      id: 'e1',
      clientConnectionId: 'c1',
      sequence: 1,
      method: 'GET',
      url: 'http://roundtrip.test/',
      httpVersion: 'HTTP/1.1',
      requestHeaders: [
        ['Host', 'roundtrip.test'],
        ['Cookie', 'sid=abc123']
      ],
      status: 200,
      statusText: 'OK',
      responseHeaders: [['Set-Cookie', 'sid=def456; HttpOnly']],
      startedAt: Date.parse('2026-11-26T10:00:00Z'),
      timings: { requestSent: 1, responseHeaders: 3, responseEnd: 4 },
      state: 'complete'
    }
  ],
  tunnels: [],
  sessionEvents: []
}

/** Dialogs that answer with the given paths, as if the user had picked them. */
/** The real service over a capture that holds `live`. */
const service = createService({
  engine: { store: { snapshot: () => live } } as unknown as Engine,
  version: '1'
})

function deps(answer: { open?: string; save?: string }, calls: unknown[] = []): DialogDeps {
  return {
    dialog: {
      showOpenDialog: async (o) => {
        calls.push(o)
        return answer.open ? { canceled: false, filePaths: [answer.open] } : { canceled: true, filePaths: [] }
      },
      showSaveDialog: async (o) => {
        calls.push(o)
        return answer.save ? { canceled: false, filePath: answer.save } : { canceled: true, filePath: '' }
      }
    },
    service,
    now: () => new Date('2026-11-26T10:20:30Z')
  }
}

describe('openHarWithDialog', () => {
  it('reads a real DevTools HAR into the capture model, keeping its two shared connections', async () => {
    const r = await openHarWithDialog(deps({ open: fixture('chrome-devtools_run.sitespeed.io.har') }))
    if (r.status !== 'opened') throw new Error(JSON.stringify(r))
    expect(r.fileName).toBe('chrome-devtools_run.sitespeed.io.har')
    expect(r.snapshot.exchanges).toHaveLength(10)
    expect(r.snapshot.connections.map((c) => c.exchangeIds.length).sort()).toEqual([2, 8])
    const reused = r.snapshot.exchanges.filter((e) => e.sequence > 1)
    expect(reused).toHaveLength(8)
    const first = r.snapshot.exchanges[0]!
    expect(first.url).toMatch(/^https:\/\/run\.sitespeed\.io\//)
    expect(first.state).toBe('complete')
    expect(first.requestHeaders.some(([n]) => n.toLowerCase() === 'cookie')).toBe(true)
    expect(first.timings.responseEnd).toBeGreaterThan(0)
  })

  it('says what is wrong with a file that is not HAR, naming the file', async () => {
    const bad = join(dir, 'broken.har')
    await writeFile(bad, '{"log": {"entries": [')
    const r = await openHarWithDialog(deps({ open: bad }))
    expect(r.status).toBe('error')
    expect(r.status === 'error' && r.error).toMatch(/^broken\.har: The file is not complete JSON/)
    const missing = await openHarWithDialog(deps({ open: join(dir, 'gone.har') }))
    expect(missing.status === 'error' && missing.error).toMatch(/^Could not read gone\.har: ENOENT/)
  })

  it('does nothing when the dialog is canceled', async () => {
    expect(await openHarWithDialog(deps({}))).toEqual({ status: 'canceled' })
  })

  it('reports its progress while a big file is read, parsed and converted', async () => {
    const big = join(dir, 'big.har')
    const har = exportHar(live)
    har.log.comment = 'x'.repeat(9 * 1024 * 1024)
    await writeFile(big, JSON.stringify(har))
    const seen: OpenProgress[] = []
    const r = await openHarWithDialog({ ...deps({ open: big }), progress: (p) => seen.push(p) })
    expect(r.status).toBe('opened')
    expect([...new Set(seen.map((p) => p.phase))]).toEqual(['reading', 'parsing', 'converting', 'done'])
    const reads = seen.filter((p) => p.phase === 'reading')
    expect(reads[0]!.loaded).toBe(0)
    expect(reads.at(-1)!.loaded).toBe(reads.at(-1)!.total)
    expect(reads.at(-1)!.total).toBeGreaterThan(9 * 1024 * 1024)
    expect(r.status === 'opened' && r.snapshot.exchanges).toHaveLength(1)
  })

  it('ends its progress with done on a broken file', async () => {
    const bad = join(dir, 'broken.har')
    await writeFile(bad, '{"log": ')
    const seen: string[] = []
    const r = await openHarWithDialog({ ...deps({ open: bad }), progress: (p) => seen.push(p.phase) })
    expect(r.status).toBe('error')
    expect(seen.at(-1)).toBe('done')
  })
})

describe('saveHarWithDialog', () => {
  it('writes the capture where the user chose, offering a dated name, and it opens again as the same capture', async () => {
    const target = join(dir, 'out.har')
    const calls: { defaultPath?: string }[] = []
    const r = await saveHarWithDialog(deps({ save: target }, calls), {})
    expect(r).toEqual({ status: 'saved', path: target })
    expect(calls[0]!.defaultPath).toBe('roundtrip-2026-11-26-10-20-30.har')
    const written = JSON.parse(await readFile(target, 'utf8'))
    expect(written.log.creator.name).toBe('Roundtrip')
    const back = await openHarWithDialog(deps({ open: target }))
    if (back.status !== 'opened') throw new Error(JSON.stringify(back))
    expect(back.snapshot.exchanges.map((e) => [e.url, e.status, e.clientConnectionId])).toEqual([
      ['http://roundtrip.test/', 200, 'c1']
    ])
  })

  it('leaves cookie values out of a redacted export', async () => {
    const target = join(dir, 'redacted.har')
    const calls: { defaultPath?: string }[] = []
    expect(await saveHarWithDialog(deps({ save: target }, calls), { redact: true })).toMatchObject({
      status: 'saved'
    })
    expect(calls[0]!.defaultPath).toBe('roundtrip-2026-11-26-10-20-30-redacted.har')
    const text = await readFile(target, 'utf8')
    expect(text).not.toContain('abc123')
    expect(text).not.toContain('def456')
  })

  it('saves what is on screen: an opened file or a replay, with a dialog title that says which', async () => {
    const calls: { defaultPath?: string; title?: string }[] = []
    const onScreen = JSON.stringify({
      log: { version: '1.2', creator: { name: 'Roundtrip', version: '1' }, entries: [] }
    })
    const file = join(dir, 'opened-copy.har')
    await saveHarWithDialog(deps({ save: file }, calls), { view: 'file', name: 'shop.har', har: onScreen })
    expect(calls[0]).toMatchObject({ title: 'Save the opened file shop as HAR', defaultPath: 'shop.har' })
    expect(await readFile(file, 'utf8')).toBe(onScreen)
    const replay = join(dir, 'replay-copy.har')
    await saveHarWithDialog(deps({ save: replay }, calls), {
      view: 'replay',
      name: 'shop.har',
      har: onScreen
    })
    expect(calls[1]).toMatchObject({
      title: 'Save the replay of shop as HAR',
      defaultPath: 'shop-replay.har'
    })
    expect(await readFile(replay, 'utf8')).toBe(onScreen)
    await saveHarWithDialog(deps({ save: join(dir, 'live.har') }, calls), {})
    expect(calls[2]!.title).toBe('Save the live capture as HAR')
  })

  it('reports a folder it cannot write to as a sentence', async () => {
    const r = await saveHarWithDialog(deps({ save: join(dir, 'no', 'such', 'dir.har') }), {})
    expect(r.status === 'error' && r.error).toMatch(/^Could not save dir\.har: .*Choose another folder/)
    expect(await saveHarWithDialog(deps({}), {})).toEqual({ status: 'canceled' })
  })
})
