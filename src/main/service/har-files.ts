// Opening and saving HAR files by path, for the service: the file read in chunks with its progress
// (bytes, then parsing, then converting), the shared lenient reader and importer, and writing what is
// saved. Which path is the door's business (the app's dialogs); nothing here knows about windows.
import { createReadStream } from 'node:fs'
import { stat, writeFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Har } from 'har-format'
import type { OpenProgress } from '../../shared/api/contract'
import type { CaptureSnapshot } from '../../shared/model'
import { parseHar } from '../../shared/har/read'
import { importCapture } from '../../shared/har/to-capture'
import { ServiceError } from './errors'

/** Bigger files than this do not fit in one JavaScript string anyway. */
export const MAX_HAR_BYTES = 400 * 1024 * 1024

export interface OpenedHar {
  fileName: string
  har: Har
  snapshot: CaptureSnapshot
  warnings: string[]
}

export interface HarFileDeps {
  parseHar: (text: string) => ReturnType<typeof parseHar>
  toSnapshot: (har: Har) => CaptureSnapshot
}

const DEFAULT_DEPS: HarFileDeps = { parseHar, toSnapshot: importCapture }

/**
 * Reads, parses and converts one HAR file; `progress` hears every phase, and 'done' once reading
 * started, also on failure (so no progress bar is left behind). Throws a ServiceError.
 */
export async function openHarFile(
  path: string,
  progress: (p: OpenProgress) => void = () => {},
  deps: HarFileDeps = DEFAULT_DEPS
): Promise<OpenedHar> {
  const fileName = basename(path)
  let started = false
  try {
    const info = await stat(path).catch((err: Error) => {
      throw new ServiceError('unreadable', `Could not read ${fileName}: ${err.message}`, { fileName })
    })
    if (info.size > MAX_HAR_BYTES) {
      throw new ServiceError(
        'too-large',
        `${fileName} is ${Math.round(info.size / 1024 / 1024)} MB, more than Roundtrip can open (${MAX_HAR_BYTES / 1024 / 1024} MB). Export a shorter recording.`,
        { fileName, size: info.size, max: MAX_HAR_BYTES }
      )
    }
    started = true
    const text = await readWithProgress(path, info.size, (loaded) =>
      progress({ fileName, phase: 'reading', loaded, total: info.size })
    ).catch((err: Error) => {
      throw new ServiceError('unreadable', `Could not read ${fileName}: ${err.message}`, { fileName })
    })
    progress({ fileName, phase: 'parsing', loaded: info.size, total: info.size })
    await nextTurn()
    const parsed = deps.parseHar(text)
    if (!parsed.ok) throw new ServiceError('unreadable', `${fileName}: ${parsed.error}`, { fileName })
    progress({ fileName, phase: 'converting', loaded: 0, total: parsed.har.log.entries.length })
    await nextTurn()
    const snapshot = deps.toSnapshot(parsed.har)
    return { fileName, har: parsed.har, snapshot, warnings: parsed.warnings }
  } catch (err) {
    if (err instanceof ServiceError) throw err
    throw new ServiceError('unreadable', `Could not read ${fileName}: ${(err as Error).message}`, {
      fileName
    })
  } finally {
    if (started) progress({ fileName, phase: 'done', loaded: 1, total: 1 })
  }
}

/** Writes `text` to `path`; a failure is a ServiceError naming the file. */
export async function saveHarText(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text)
  } catch (err) {
    throw new ServiceError(
      'failed',
      `Could not save ${basename(path)}: ${(err as Error).message}. Choose another folder and try again.`,
      { fileName: basename(path) }
    )
  }
}

/** Reads a file as UTF-8 in 4 MiB chunks, reporting bytes read at most every 50 ms. */
async function readWithProgress(
  path: string,
  size: number,
  onBytes: (loaded: number) => void
): Promise<string> {
  const chunks: Buffer[] = []
  let loaded = 0
  let last = 0
  onBytes(0)
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024 })) {
    chunks.push(chunk as Buffer)
    loaded += (chunk as Buffer).length
    const now = Date.now()
    if (now - last >= 50 || loaded >= size) {
      last = now
      onBytes(loaded)
    }
  }
  return Buffer.concat(chunks, loaded).toString('utf8')
}

/** Lets queued messages (progress to the page) go out before a long synchronous step. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
