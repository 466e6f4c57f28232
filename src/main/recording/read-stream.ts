// Reading a HAR file too big to hold as one string. V8 cannot make a string past about 512 MB, and a
// recording written as a stream (har-writer.ts) can be bigger than that: read it the same way, as a
// stream of bytes parsed into the same tree JSON.parse would make, never as one string. Slower than
// JSON.parse per byte, so `readRecording` takes this road only for files past STREAM_ABOVE_BYTES.
import { createReadStream } from 'node:fs'
import { JSONParser } from '@streamparser/json'

/** Files up to this size are read as one string and parsed with JSON.parse (faster); bigger ones stream. */
export const STREAM_ABOVE_BYTES = 256 * 1024 * 1024

export type JsonFileResult = { ok: true; value: unknown } | { ok: false; error: string }

/** Parses the JSON text of `path` chunk by chunk. Never throws: a failure is a sentence. */
export async function parseJsonFile(path: string): Promise<JsonFileResult> {
  // Strings buffered in a typed array: a long base64 body is not built by repeated concatenation.
  const parser = new JSONParser({ paths: ['$'], stringBufferSize: 64 * 1024 })
  let root: unknown
  let failure: Error | undefined
  parser.onValue = ({ value }) => {
    root = value
  }
  parser.onError = (err) => {
    failure ??= err
  }
  let offset = 0
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
      const bytes = chunk as Buffer
      // (A UTF-8 byte order mark before the first brace, as some tools write, the parser skips itself.)
      parser.write(bytes)
      offset += bytes.length
      if (failure) break
    }
    if (!failure && !parser.isEnded) parser.end()
  } catch (err) {
    failure ??= err as Error
  }
  if (failure) return { ok: false, error: sentence(failure, offset) }
  if (root === undefined)
    return { ok: false, error: 'The file is empty. A HAR file is a JSON object with a "log" inside.' }
  return { ok: true, value: root }
}

function sentence(err: Error, bytesRead: number): string {
  if (err instanceof RangeError) {
    return 'It holds a single value longer than JavaScript can hold as one string (about 512 MB), so Roundtrip cannot read it.'
  }
  const at = /absolute position "?(\d+)/.exec(err.message)?.[1]
  const what = /^Unexpected "(.{1,8})"/.exec(err.message)?.[1]
  if (at !== undefined) {
    const found = what === undefined ? 'something unexpected' : `an unexpected ${JSON.stringify(what)}`
    return `This is not valid JSON: ${found} at byte ${Number(at).toLocaleString('en')}. Check that it is a HAR file.`
  }
  return `This is not valid JSON: it ends after ${bytesRead.toLocaleString('en')} bytes, in the middle of a value. Check that the file was written completely.`
}
