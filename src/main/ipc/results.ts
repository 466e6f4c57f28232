// How the Electron door words the service's typed errors for the window: the operations that answer
// `{ status: 'error', error }` get the service's sentence (it names no flag or route), with the code
// beside it for the page.
import { errorText, isServiceError } from '../service/errors'

export function errorResult(err: unknown): { status: 'error'; error: string; code?: string } {
  if (isServiceError(err)) return { status: 'error', error: err.message, code: err.code }
  return { status: 'error', error: errorText(err) }
}
