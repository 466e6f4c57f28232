import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Har } from 'har-format'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openHarWithDialog, saveHarWithDialog, type HarDeps } from '../../../src/main/ipc/har'
import { harToSnapshot } from '../../../src/main/ipc/har-snapshot'
import { parseHar } from '../../../src/shared/har/read'
import type { CaptureSnapshot } from '../../../src/shared/model'

const fixture = (name: string) => join(import.meta.dirname, '..', '..', 'fixtures', 'har', name)

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtrip-har-ipc-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Dialogs that answer with the given paths; the export is a stand-in that records what it was given. */
function deps(answer: { open?: string; save?: string }, calls: unknown[] = []): HarDeps {
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
    snapshot: (): CaptureSnapshot => ({
      seq: 3,
      connections: [],
      exchanges: [],
      tunnels: [],
      sessionEvents: []
    }),
    exportHar: (snapshot, opts) =>
      ({
        log: {
          version: '1.2',
          creator: { name: opts.creator ?? '', version: '' },
          entries: [],
          _seq: snapshot.seq
        }
      }) as unknown as Har,
    parseHar,
    toSnapshot: harToSnapshot,
    creator: 'Roundtrip',
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
})

describe('saveHarWithDialog', () => {
  it('writes the exported capture where the user chose, offering a dated name', async () => {
    const target = join(dir, 'out.har')
    const calls: { defaultPath?: string }[] = []
    const r = await saveHarWithDialog(deps({ save: target }, calls), { redact: true })
    expect(r).toEqual({ status: 'saved', path: target })
    expect(calls[0]!.defaultPath).toBe('roundtrip-2026-11-26-10-20-30-redacted.har')
    const written = JSON.parse(await readFile(target, 'utf8'))
    expect(written.log).toMatchObject({ creator: { name: 'Roundtrip' }, _seq: 3 })
  })

  it('reports a folder it cannot write to as a sentence', async () => {
    const r = await saveHarWithDialog(deps({ save: join(dir, 'no', 'such', 'dir.har') }), {})
    expect(r.status === 'error' && r.error).toMatch(/^Could not save dir\.har: .*Choose another folder/)
    expect(await saveHarWithDialog(deps({}), {})).toEqual({ status: 'canceled' })
  })
})

describe('harToSnapshot', () => {
  it('marks entries without a response as errors and keeps base64 bodies as bytes', () => {
    const har = {
      log: {
        version: '1.2',
        creator: { name: 't', version: '1' },
        entries: [
          {
            startedDateTime: '2026-01-01T00:00:00.000Z',
            time: 5,
            request: { method: 'GET', url: 'http://a.test/', httpVersion: 'HTTP/1.1', headers: [] },
            response: {
              status: 0,
              statusText: '',
              headers: [],
              content: { size: 0, mimeType: '' },
              _error: 'net::ERR'
            },
            timings: { send: 1, wait: 2, receive: 2 }
          },
          {
            startedDateTime: '2026-01-01T00:00:01.000Z',
            time: 9,
            request: { method: 'GET', url: 'http://a.test/i', httpVersion: 'HTTP/1.1', headers: [] },
            response: {
              status: 200,
              statusText: 'OK',
              headers: [['x', 'y']].map(([name, value]) => ({ name, value })),
              content: { size: 3, mimeType: 'image/png', text: 'AAEC', encoding: 'base64' }
            },
            timings: { blocked: -1, connect: 3, send: 1, wait: 2, receive: 1 }
          }
        ]
      }
    } as unknown as Har
    const s = harToSnapshot(har)
    expect(s.exchanges[0]).toMatchObject({ state: 'error', error: { message: 'net::ERR' } })
    expect(s.exchanges[1]).toMatchObject({
      state: 'complete',
      status: 200,
      responseBody: { size: 3, base64: 'AAEC' },
      timings: { upstreamConnected: 3, requestSent: 4, responseHeaders: 6, responseEnd: 9 }
    })
    expect(s.connections).toHaveLength(2)
  })
})
