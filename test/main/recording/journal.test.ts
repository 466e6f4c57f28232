import { spawn } from 'node:child_process'
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Entry } from 'har-format'
import { build } from 'rolldown'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CaptureStore } from '../../../src/main/capture/store'
import { Recorder } from '../../../src/main/recording/journal'
import { readRecording } from '../../../src/main/recording/recording'
import { loginCapture } from '../../helpers/capture-factory'

type Validator = (har: unknown) => Promise<unknown>
const { har: validateHar } = createRequire(import.meta.url)('har-validator') as { har: Validator }

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtrip-journal-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

function feed(store: CaptureStore): void {
  const capture = loginCapture()
  for (const c of capture.connections) store.putConnection(c)
  for (const t of capture.tunnels) store.putTunnel(t)
  for (const e of capture.sessionEvents) store.addSessionEvent(e)
  for (const e of capture.exchanges) store.putExchange(e)
}

describe('Recorder', () => {
  it('journals as it goes and writes a valid HAR on a clean stop', async () => {
    const path = join(dir, 'clean.har')
    const store = new CaptureStore({ batchMs: 10 })
    const recorder = await Recorder.start({ path, store })
    feed(store)
    await recorder.flush()
    const journal = await readFile(recorder.journalPath, 'utf8')
    const types = journal
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { type: string }).type)
    expect(types[0]).toBe('header')
    // The pending exchange waits for its response; the four finished ones are already on disk.
    expect(types.filter((t) => t === 'exchange')).toHaveLength(4)
    expect(types).toContain('session-event')
    expect(types).toContain('tunnel')

    const result = await recorder.stop()
    expect(result.exchanges).toBe(5)
    await expect(stat(recorder.journalPath)).rejects.toThrow()
    const har = JSON.parse(await readFile(path, 'utf8')) as { log: { entries: (Entry & { _id: string })[] } }
    await expect(validateHar(har)).resolves.toBeTruthy()
    expect(har.log.entries.map((e) => e._id)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5'])
    const read = await readRecording(path)
    expect(read.cutShort).toBe(false)
    expect(read.har.log.entries).toHaveLength(5)
    // Connection lines leave out exchangeIds; reading rebuilds them in order.
    const data = (
      read.har.log as unknown as { _roundtrip: { connections: { id: string; exchangeIds: string[] }[] } }
    )._roundtrip
    expect(data.connections.map((c) => [c.id, c.exchangeIds])).toEqual(
      loginCapture().connections.map((c) => [c.id, c.exchangeIds])
    )
    expect(journal).not.toContain('"exchangeIds"')
  })

  it('keeps a journal left by an earlier crash instead of overwriting it', async () => {
    const path = join(dir, 'again.har')
    await writeFile(path + '.journal', '{"type":"header","format":"roundtrip-journal","version":1}\n')
    const recorder = await Recorder.start({ path, store: new CaptureStore(), now: () => 42 })
    expect(recorder.notices[0]).toContain('cut short')
    expect(await readFile(`${path}.journal.42`, 'utf8')).toContain('roundtrip-journal')
    await recorder.stop()
  })

  it('says clearly when the file cannot be written', async () => {
    await expect(
      Recorder.start({ path: join(dir, 'no-such-dir', 'x.har'), store: new CaptureStore() })
    ).rejects.toThrow(/Cannot record to .*x\.har/)
  })
})

describe('readRecording', () => {
  it('recovers a journal whose last line was cut off mid-write', async () => {
    const path = join(dir, 'torn.har')
    const store = new CaptureStore({ batchMs: 10 })
    const recorder = await Recorder.start({ path, store })
    feed(store)
    await recorder.flush()
    await appendFile(recorder.journalPath, '{"type":"exchange","exchange":{"id":"e9","meth')
    const read = await readRecording(path)
    expect(read.cutShort).toBe(true)
    expect(read.source).toBe(recorder.journalPath)
    expect(read.har.log.entries).toHaveLength(4)
    expect(read.warnings.join(' ')).toMatch(/cut short.*4 completed exchanges/)
    expect(read.warnings.join(' ')).toMatch(/last line .* cut off/)
    expect(read.har.log.comment).toMatch(/cut short/)
    await expect(validateHar(read.har)).resolves.toBeTruthy()
    await recorder.stop()
  })

  it('names a missing file and a broken HAR in sentences', async () => {
    await expect(readRecording(join(dir, 'missing.har'))).rejects.toThrow(
      /There is no file at .*missing\.har/
    )
    const broken = join(dir, 'broken.har')
    await writeFile(broken, '{"log": {"entries": [')
    await expect(readRecording(broken)).rejects.toThrow(/broken\.har: .*JSON/)
  })
})

describe('a recording killed with SIGKILL', () => {
  let childJs: string

  beforeAll(async () => {
    childJs = join(dir, 'journal-child.mjs')
    await build({
      input: join(import.meta.dirname, 'journal-child.ts'),
      platform: 'node',
      logLevel: 'silent',
      output: { file: childJs, format: 'esm' }
    })
  })

  it('leaves a journal from which every exchange older than a second is read back', async () => {
    const path = join(dir, 'killed.har')
    const n = 200
    const child = spawn(process.execPath, [childJs, path, String(n)], { stdio: ['ignore', 'pipe', 'pipe'] })
    let err = ''
    child.stderr.on('data', (c) => (err += c))
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal))
    )
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the recording child did not start: ${err}`)), 20_000)
        child.stdout.on('data', (c: Buffer) => {
          if (c.toString().startsWith(`recorded ${n}`)) {
            clearTimeout(timer)
            resolve()
          }
        })
        child.once('exit', () => reject(new Error(`the recording child exited early: ${err}`)))
      })
      await new Promise((r) => setTimeout(r, 1000))
      child.kill('SIGKILL')
      expect(await exited).toBe('SIGKILL')
    } finally {
      child.kill('SIGKILL')
    }
    await expect(stat(path)).rejects.toThrow()
    const read = await readRecording(path)
    expect(read.cutShort).toBe(true)
    const ids = new Set(read.har.log.entries.map((e) => (e as Entry & { _id: string })._id))
    for (let i = 1; i <= n; i++) expect(ids.has(`e${i}`)).toBe(true)
    // It kept recording after the marker, so the kill landed mid-stream.
    expect(ids.size).toBeGreaterThan(n)
    await expect(validateHar(read.har)).resolves.toBeTruthy()
  })
})
