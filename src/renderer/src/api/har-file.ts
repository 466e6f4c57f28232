// Opening a HAR file in the browser (the desktop app opens files in its main process instead): a
// file picker, then the file read in slices with its progress reported, then the shared lenient
// reader and importer, all in the page. Each long step lets the page paint its progress first.
import type { Har } from 'har-format'
import { parseHar } from '../../../shared/har/read'
import { importCapture } from '../../../shared/har/to-capture'
import type { OpenHarResult, OpenProgress } from '../../../shared/api/contract'

/** Bytes read per slice of the file. */
export const READ_SLICE = 4 * 1024 * 1024

export type ProgressReport = (progress: OpenProgress) => void

/** Reads HAR text from any tool into a capture snapshot, or a sentence saying what is wrong. */
export function harTextToCapture(fileName: string, text: string): OpenHarResult {
  return harTextToOpened(fileName, text).result
}

function harTextToOpened(fileName: string, text: string): { result: OpenHarResult; har?: Har } {
  const parsed = parseHar(text)
  if (!parsed.ok) return { result: { status: 'error', error: `${fileName}: ${parsed.error}` } }
  return convert(fileName, parsed.har, parsed.warnings)
}

function convert(fileName: string, har: Har, warnings: string[]): { result: OpenHarResult; har?: Har } {
  try {
    return { result: { status: 'opened', fileName, snapshot: importCapture(har), warnings }, har }
  } catch (err) {
    return {
      result: {
        status: 'error',
        error: `${fileName} could not be turned into a capture: ${err instanceof Error ? err.message : String(err)}`
      }
    }
  }
}

/** Waits for the next macrotask, so the page can paint the progress just reported. */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/** Reads a file as UTF-8 text in slices, reporting the bytes read after each one. */
export async function readInSlices(file: Blob, onBytes: (loaded: number) => void): Promise<string> {
  const decoder = new TextDecoder('utf-8')
  const parts: string[] = []
  onBytes(0)
  for (let at = 0; at < file.size; at += READ_SLICE) {
    const end = Math.min(at + READ_SLICE, file.size)
    const bytes = new Uint8Array(await file.slice(at, end).arrayBuffer())
    parts.push(decoder.decode(bytes, { stream: end < file.size }))
    onBytes(end)
  }
  parts.push(decoder.decode())
  return parts.join('')
}

/** Opens one file with progress: reading (bytes), parsing, converting, done (also on failure). */
export async function openHarFile(
  file: File,
  report: ProgressReport = () => {}
): Promise<{ result: OpenHarResult; har?: Har }> {
  const fileName = file.name
  try {
    const text = await readInSlices(file, (loaded) =>
      report({ fileName, phase: 'reading', loaded, total: file.size })
    )
    report({ fileName, phase: 'parsing', loaded: file.size, total: file.size })
    await yieldToPage()
    const parsed = parseHar(text)
    if (!parsed.ok) return { result: { status: 'error', error: `${fileName}: ${parsed.error}` } }
    const entries = parsed.har.log.entries.length
    report({ fileName, phase: 'converting', loaded: 0, total: entries })
    await yieldToPage()
    return convert(fileName, parsed.har, parsed.warnings)
  } catch (err) {
    return {
      result: {
        status: 'error',
        error: `Could not read ${fileName}: ${err instanceof Error ? err.message : String(err)}`
      }
    }
  } finally {
    report({ fileName, phase: 'done', loaded: 1, total: 1 })
  }
}

function pickFile(): Promise<File | undefined> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.har,.json,application/json'
    input.addEventListener('change', () => resolve(input.files?.[0]))
    input.addEventListener('cancel', () => resolve(undefined))
    input.click()
  })
}

export async function openHarFromPicker(
  report?: ProgressReport
): Promise<{ result: OpenHarResult; har?: Har }> {
  const file = await pickFile()
  if (!file) return { result: { status: 'canceled' } }
  return openHarFile(file, report)
}
