// Opening and saving HAR files through the system's file dialogs. The page never names a path:
// the user picks it in a dialog the main process shows, so a compromised page cannot read or
// write files of its choosing.
import { createReadStream } from 'node:fs'
import { stat, writeFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Har } from 'har-format'
import type {
  OpenDialogOptions,
  OpenDialogReturnValue,
  SaveDialogOptions,
  SaveDialogReturnValue
} from 'electron'
import type { OpenHarResult, OpenProgress, SaveHarOptions, SaveHarResult } from '../../shared/api/contract'
import type { CaptureSnapshot } from '../../shared/model'
import type { ParseHarResult } from '../../shared/har/read'
import { CHANNELS } from './channels'
import type { Handle } from './handle'
import { noArgs, saveHarArgs } from './validate'

export type { OpenHarResult, SaveHarResult }

/** Bigger files than this do not fit in one JavaScript string anyway. */
export const MAX_HAR_BYTES = 400 * 1024 * 1024

export interface HarDeps {
  /** The dialogs, already bound to the app's window. */
  dialog: {
    showOpenDialog(opts: OpenDialogOptions): Promise<OpenDialogReturnValue>
    showSaveDialog(opts: SaveDialogOptions): Promise<SaveDialogReturnValue>
  }
  snapshot: () => CaptureSnapshot
  exportHar: (snapshot: CaptureSnapshot, opts: { redact?: boolean; creator?: string }) => Har
  parseHar: (text: string) => ParseHarResult
  toSnapshot: (har: Har) => CaptureSnapshot
  /** Written into the HAR's creator field, e.g. "Roundtrip". */
  creator: string
  now?: () => Date
  /** Told how far opening a file has got (sent to the page as `roundtrip:open-progress`). */
  progress?: (progress: OpenProgress) => void
  /** Told of each file opened, so a replay can re-send it without the page sending it back. */
  opened?: (har: Har, fileName: string) => void
}

const HAR_FILTERS = [
  { name: 'HAR files', extensions: ['har', 'json'] },
  { name: 'All files', extensions: ['*'] }
]

export function registerHarIpc(handle: Handle, deps: HarDeps): void {
  handle(CHANNELS.openHar, noArgs, () => openHarWithDialog(deps))
  handle(CHANNELS.saveHar, saveHarArgs, (opts) => saveHarWithDialog(deps, opts))
}

export async function openHarWithDialog(deps: HarDeps): Promise<OpenHarResult> {
  const picked = await deps.dialog.showOpenDialog({
    title: 'Open a HAR file',
    filters: HAR_FILTERS,
    properties: ['openFile']
  })
  const path = picked.filePaths[0]
  if (picked.canceled || !path) return { status: 'canceled' }
  const fileName = basename(path)
  // Once reading started, the page always hears 'done' (also on failure), so no bar is left behind.
  let report: ((p: OpenProgress) => void) | undefined
  try {
    const info = await stat(path)
    if (info.size > MAX_HAR_BYTES) {
      return {
        status: 'error',
        error: `${fileName} is ${Math.round(info.size / 1024 / 1024)} MB, more than Roundtrip can open (${MAX_HAR_BYTES / 1024 / 1024} MB). Export a shorter recording.`
      }
    }
    const emit = (report = deps.progress ?? (() => {}))
    const text = await readWithProgress(path, info.size, (loaded) =>
      emit({ fileName, phase: 'reading', loaded, total: info.size })
    )
    emit({ fileName, phase: 'parsing', loaded: info.size, total: info.size })
    await nextTurn()
    const parsed = deps.parseHar(text)
    if (!parsed.ok) return { status: 'error', error: `${fileName}: ${parsed.error}` }
    const entries = parsed.har.log.entries.length
    emit({ fileName, phase: 'converting', loaded: 0, total: entries })
    await nextTurn()
    const snapshot = deps.toSnapshot(parsed.har)
    deps.opened?.(parsed.har, fileName)
    return { status: 'opened', fileName, snapshot, warnings: parsed.warnings }
  } catch (err) {
    return { status: 'error', error: `Could not read ${fileName}: ${(err as Error).message}` }
  } finally {
    report?.({ fileName, phase: 'done', loaded: 1, total: 1 })
  }
}

export async function saveHarWithDialog(deps: HarDeps, opts: SaveHarOptions): Promise<SaveHarResult> {
  const stamp = (deps.now?.() ?? new Date()).toISOString().slice(0, 19).replace(/[T:]/g, '-')
  // The dialog says what is saved: what is on screen (the live capture, an opened file, or a replay).
  const view = opts.har === undefined ? 'live' : (opts.view ?? 'file')
  const base = (opts.name ?? '').replace(/\.har$/i, '')
  const what =
    view === 'replay'
      ? `the replay${base ? ` of ${base}` : ''}`
      : view === 'file'
        ? `the opened file${base ? ` ${base}` : ''}`
        : 'the live capture'
  const picked = await deps.dialog.showSaveDialog({
    title: opts.redact ? `Export ${what} as HAR, without cookie values` : `Save ${what} as HAR`,
    defaultPath: `${view === 'live' || !base ? `roundtrip-${stamp}` : `${base}${view === 'replay' ? '-replay' : ''}`}${opts.redact ? '-redacted' : ''}.har`,
    filters: HAR_FILTERS
  })
  if (picked.canceled || !picked.filePath) return { status: 'canceled' }
  try {
    const text =
      opts.har ??
      JSON.stringify(
        deps.exportHar(deps.snapshot(), { redact: opts.redact === true, creator: deps.creator }),
        null,
        2
      )
    await writeFile(picked.filePath, text)
    return { status: 'saved', path: picked.filePath }
  } catch (err) {
    return {
      status: 'error',
      error: `Could not save ${basename(picked.filePath)}: ${(err as Error).message}. Choose another folder and try again.`
    }
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
