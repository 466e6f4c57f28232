// The service's typed errors: a stable code and its parameters, with the engine's own sentence (which
// names no command-line flag, IPC channel or HTTP route). Each door words its own hints from the code:
// the web API maps it to a status (web/errors.ts), IPC returns the sentence to the window.
import type { ListenError } from '../net/listen'

export type ServiceErrorCode =
  /** An argument the contract's schema refused (the doors check first; the service checks ids). */
  | 'invalid-argument'
  /** The record asked for is not in the capture (never was, or left at the capture limit). */
  | 'not-found'
  /** The port asked for is taken or not allowed. */
  | 'port-unavailable'
  /** Another run of the same operation is under way (one replay at a time). */
  | 'busy'
  /** A file or body larger than the engine opens. */
  | 'too-large'
  /** A file that cannot be read, or is not HAR. */
  | 'unreadable'
  /** Nothing to work on (no file opened, a recording without requests). */
  | 'nothing-to-do'
  /** Anything else the operation could not do; the sentence says what. */
  | 'failed'

export class ServiceError extends Error {
  override name = 'ServiceError'
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly params: Record<string, unknown> = {}
  ) {
    super(message)
  }
}

export function isServiceError(err: unknown): err is ServiceError {
  return err instanceof ServiceError
}

/** A port the engine could not move to, as the service's error (the ListenError's sentence names no flag). */
export function portError(err: unknown): ServiceError {
  const listen = err as ListenError
  if (listen?.name === 'ListenError') {
    return new ServiceError('port-unavailable', listen.message, { ...listen.params, reason: listen.code })
  }
  return new ServiceError('failed', `The proxy could not move: ${(err as Error).message}`)
}

/** Any error as a sentence (500 characters at most). */
export function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 500)
}
