// Opening and saving HAR files through the system's file dialogs. The page never names a path: the
// user picks it in a dialog the main process shows, so a compromised page cannot read or write files
// of its choosing. The reading and writing are the service's (src/main/service/har-files.ts).
import type {
  OpenDialogOptions,
  OpenDialogReturnValue,
  SaveDialogOptions,
  SaveDialogReturnValue
} from 'electron'
import type { OpenHarResult, OpenProgress, SaveHarOptions, SaveHarResult } from '../../shared/api/contract'
import type { RoundtripService } from '../service'
import { errorResult } from './results'

export interface Dialogs {
  showOpenDialog(opts: OpenDialogOptions): Promise<OpenDialogReturnValue>
  showSaveDialog(opts: SaveDialogOptions): Promise<SaveDialogReturnValue>
}

export interface DialogDeps {
  /** The dialogs, already bound to the app's window. */
  dialog: Dialogs
  service: Pick<RoundtripService, 'openHar' | 'saveHar'>
  now?: () => Date
  /** Told how far opening a file has got (sent to the page as `roundtrip:open-progress`). */
  progress?: (progress: OpenProgress) => void
}

const HAR_FILTERS = [
  { name: 'HAR files', extensions: ['har', 'json'] },
  { name: 'All files', extensions: ['*'] }
]

export async function openHarWithDialog(deps: DialogDeps): Promise<OpenHarResult> {
  const picked = await deps.dialog.showOpenDialog({
    title: 'Open a HAR file',
    filters: HAR_FILTERS,
    properties: ['openFile']
  })
  const path = picked.filePaths[0]
  if (picked.canceled || !path) return { status: 'canceled' }
  try {
    const { fileName, snapshot, warnings } = await deps.service.openHar(path, deps.progress)
    return { status: 'opened', fileName, snapshot, warnings }
  } catch (err) {
    return errorResult(err)
  }
}

export async function saveHarWithDialog(deps: DialogDeps, opts: SaveHarOptions): Promise<SaveHarResult> {
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
    await deps.service.saveHar(picked.filePath, { redact: opts.redact, har: opts.har })
    return { status: 'saved', path: picked.filePath }
  } catch (err) {
    return errorResult(err)
  }
}
