// How the browser door answers the service's typed errors: an HTTP status per code, and the body
// `{ status: "error", code, error }` with the service's sentence (it names no flag or channel).
import { errorText, isServiceError, type ServiceErrorCode } from '../service/errors'

const STATUS: Record<ServiceErrorCode, number> = {
  'invalid-argument': 400,
  'not-found': 404,
  'port-unavailable': 409,
  busy: 409,
  'too-large': 413,
  unreadable: 400,
  'nothing-to-do': 400,
  failed: 500
}

export function errorReply(err: unknown): { status: number; body: Record<string, unknown> } {
  if (isServiceError(err)) {
    return { status: STATUS[err.code], body: { status: 'error', code: err.code, error: err.message } }
  }
  return {
    status: 500,
    body: {
      status: 'error',
      error: `The API failed on this request (${errorText(err)}). Roundtrip keeps running; try again, and restart it if this keeps happening.`
    }
  }
}
