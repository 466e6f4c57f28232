// Opening a HAR file in the browser (the desktop app opens files in its main process instead): a
// file picker, then the shared lenient reader and importer, all in the page.
import { parseHar } from '../../../shared/har/read'
import { importCapture } from '../../../shared/har/to-capture'
import type { OpenHarResult } from './preload-api'

/** Reads HAR text from any tool into a capture snapshot, or a sentence saying what is wrong. */
export function harTextToCapture(fileName: string, text: string): OpenHarResult {
  const parsed = parseHar(text)
  if (!parsed.ok) return { status: 'error', error: `${fileName}: ${parsed.error}` }
  try {
    return { status: 'opened', fileName, snapshot: importCapture(parsed.har), warnings: parsed.warnings }
  } catch (err) {
    return {
      status: 'error',
      error: `${fileName} could not be turned into a capture: ${err instanceof Error ? err.message : String(err)}`
    }
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

export async function openHarFromPicker(): Promise<OpenHarResult> {
  const file = await pickFile()
  if (!file) return { status: 'canceled' }
  return harTextToCapture(file.name, await file.text())
}
