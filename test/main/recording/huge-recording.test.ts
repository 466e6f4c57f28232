// A recording larger than any string V8 can make (about 512 MB) still finishes to a valid HAR with
// every exchange: the final file is streamed entry by entry, never one JSON.stringify. The result
// is checked by Python's json module, an independent parser without V8's string limit, and read
// back by Roundtrip itself (`inspect`, `serve --load`, `replay` all read through readRecording).
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CaptureStore } from '../../../src/main/capture/store'
import { Recorder } from '../../../src/main/recording/journal'
import { readRecording } from '../../../src/main/recording/recording'
import { connection, exchange, T0 } from '../../helpers/capture-factory'

type Validator = (har: unknown) => Promise<unknown>
const { har: validateHar } = createRequire(import.meta.url)('har-validator') as { har: Validator }
const execFileP = promisify(execFile)

/** V8's longest string on 64-bit (2^29 - 24 UTF-16 units): a HAR past it cannot be one string. */
const V8_MAX_STRING = 2 ** 29 - 24
const BODY = 1024 * 1024
const COUNT = 520

let dir: string
beforeAll(async () => {
  // In memory where there is a tmpfs: on a shared VM disk the fsync of 1.1 GB (journal and HAR)
  // measures the disk, not the writer (the fsync order is proven by finish-kill.test.ts).
  const shm = await stat('/dev/shm').then(
    (s) => s.isDirectory(),
    () => false
  )
  dir = await mkdtemp(join(shm ? '/dev/shm' : tmpdir(), 'roundtrip-huge-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

// Reads the HAR in Python, checks every entry, and writes the log with its first and last entries
// only (small enough for har-validator) beside it.
const CHECK = `
import json, sys
path, out, count, body = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with open(path, encoding='utf-8') as f:
    har = json.load(f)
entries = har['log']['entries']
assert len(entries) == count, len(entries)
for i, e in enumerate(entries):
    assert e['_id'] == 'e%d' % (i + 1), e['_id']
    c = e['response']['content']
    assert 'encoding' not in c and c['size'] == body and len(c['text']) == body, (c.get('encoding'), c['size'])
har['log']['entries'] = [entries[0], entries[-1]]
with open(out, 'w', encoding='utf-8') as f:
    json.dump(har, f)
print(len(entries))
`

describe('a recording past V8 string limit', () => {
  it(`finishes to a valid HAR with all ${COUNT} exchanges of 1 MiB text bodies`, async () => {
    const path = join(dir, 'huge.har')
    const store = new CaptureStore({ batchMs: 10_000, maxBodyBytes: 64 * BODY })
    const recorder = await Recorder.start({ path, store, fsyncIntervalMs: false })
    store.putConnection(connection('c1'))
    store.putConnection(connection('u1', { clientConnectionId: 'c1' }))
    // One body shared by every exchange (the test's own memory stays small): text, so the HAR
    // holds it as 1 MiB of characters.
    const base64 = Buffer.from(randomBytes(BODY / 2).toString('hex')).toString('base64')
    for (let i = 1; i <= COUNT; i++) {
      const e = exchange({
        id: `e${i}`,
        sequence: i,
        upstreamReused: i > 1,
        startedAt: T0 + i,
        url: `http://roundtrip.test/blob/${i}`
      })
      e.responseHeaders = [['Content-Type', 'text/plain']]
      e.responseBody = { size: BODY, truncated: false, base64 }
      store.putExchange(e)
      if (i % 10 === 0) await recorder.flush()
    }
    const result = await recorder.stop()
    expect(result.exchanges).toBe(COUNT)
    const { size } = await stat(path)
    // All ASCII, so bytes are characters: past what one JavaScript string can hold.
    expect(size).toBeGreaterThan(V8_MAX_STRING)
    await expect(stat(recorder.journalPath)).rejects.toThrow()

    const small = join(dir, 'ends.har')
    const { stdout } = await execFileP('python3', ['-c', CHECK, path, small, String(COUNT), String(BODY)], {
      maxBuffer: 1024 * 1024
    })
    expect(stdout.trim()).toBe(String(COUNT))
    const ends = JSON.parse(await readFile(small, 'utf8')) as unknown
    await expect(validateHar(ends)).resolves.toBeTruthy()

    // What was written can be read again: parsed as a stream of bytes, never as one string.
    const back = await readRecording(path)
    expect(back.har.log.entries).toHaveLength(COUNT)
    const last = back.har.log.entries[COUNT - 1]!
    expect(last.request.url).toBe(`http://roundtrip.test/blob/${COUNT}`)
    expect(last.response.content.text).toHaveLength(BODY)
  }, 180_000)
})
