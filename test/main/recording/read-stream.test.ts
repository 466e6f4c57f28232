// Reading a HAR as a stream of bytes (the road for files past what one string can hold) makes the same
// recording as JSON.parse does, for every real HAR from other tools in test/fixtures/har; a file cut
// short or not JSON at all is a sentence, never a thrown parser error.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readRecording } from '../../../src/main/recording/recording'
import { parseJsonFile } from '../../../src/main/recording/read-stream'

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'har')
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtrip-read-stream-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('reading a HAR as a stream', async () => {
  const files = (await readdir(FIXTURES)).filter((f) => f.endsWith('.har'))

  it.each(files)('%s: the same recording and warnings as the one-string road', async (name) => {
    const path = join(FIXTURES, name)
    const small = await readRecording(path)
    const streamed = await readRecording(path, { streamAboveBytes: 0 })
    expect(streamed.har.log.entries.length).toBeGreaterThan(0)
    expect(streamed).toEqual(small)
  })

  it('reads past a byte order mark and trailing blank lines', async () => {
    const path = join(dir, 'bom.har')
    await writeFile(path, '\ufeff{"log":{"version":"1.2","entries":[]}}\n\n  \n')
    const r = await parseJsonFile(path)
    expect(r).toEqual({ ok: true, value: { log: { version: '1.2', entries: [] } } })
  })

  it.each([
    [
      'cut short',
      '{"log":{"version":"1.2","entries":[{"request":',
      /This is not valid JSON: it ends after 46 bytes, in the middle of a value\. Check that the file was written completely\.$/
    ],
    ['not JSON', 'HTTP/1.1 200 OK\r\n\r\n', /This is not valid JSON: an unexpected "H" at byte 0\./],
    ['empty', '', /The file is empty\./]
  ])('%s: a sentence, never a thrown parser error', async (label, text, said) => {
    const path = join(dir, `${label.replace(/ /g, '-')}.har`)
    await writeFile(path, text)
    const r = await parseJsonFile(path)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatch(said)
    await expect(readRecording(path, { streamAboveBytes: 0 })).rejects.toThrow(said)
  })
})
