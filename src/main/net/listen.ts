// Listening with typed errors: a port in use, a port not allowed, an address not on this machine.
// The error carries a code and its parameters; each door words it (the CLI names its flag, the app
// its window), so the engine never names a command-line flag.
import type { Server } from 'node:net'
import type { AddressInfo } from 'node:net'

/** Which listener: the forward proxy, the sample site, or the web UI and its API. */
export type ListenRole = 'proxy' | 'sample' | 'ui'

export type ListenErrorCode = 'port-in-use' | 'port-not-allowed' | 'address-not-here' | 'listen-failed'

export interface ListenErrorParams {
  role: ListenRole
  port: number
  host: string
  /** The system's error code (EADDRINUSE, EACCES, ...). */
  errno?: string
  /** The system's own words, for `listen-failed`. */
  detail?: string
}

const WHAT: Record<ListenRole, string> = { proxy: 'the proxy', sample: 'the sample site', ui: 'the web UI' }

export class ListenError extends Error {
  override name = 'ListenError'
  constructor(
    readonly code: ListenErrorCode,
    readonly params: ListenErrorParams
  ) {
    super(listenErrorText(code, params))
  }
}

/** The engine's own wording (no flags): used by the app, and as the message of the error. */
export function listenErrorText(code: ListenErrorCode, p: ListenErrorParams): string {
  switch (code) {
    case 'port-in-use':
      return `Port ${p.port} on ${p.host} is already in use, so ${WHAT[p.role]} cannot listen there. Stop the program using it, or choose another port.`
    case 'port-not-allowed':
      return `Not allowed to listen on port ${p.port} on ${p.host} for ${WHAT[p.role]}. Choose a port above 1024.`
    case 'address-not-here':
      return `${p.host} is not an address of this machine, so ${WHAT[p.role]} cannot listen on it. Choose one of this machine's addresses.`
    default:
      return `${WHAT[p.role]} could not listen on ${p.host}:${p.port}: ${p.detail ?? 'unknown error'}`
  }
}

export function toListenError(
  err: NodeJS.ErrnoException,
  role: ListenRole,
  port: number,
  host: string
): ListenError {
  const params: ListenErrorParams = { role, port, host, errno: err.code, detail: err.message }
  if (err.code === 'EADDRINUSE') return new ListenError('port-in-use', params)
  if (err.code === 'EACCES') return new ListenError('port-not-allowed', params)
  if (err.code === 'EADDRNOTAVAIL') return new ListenError('address-not-here', params)
  return new ListenError('listen-failed', params)
}

export function listenOn(server: Server, port: number, host: string, role: ListenRole): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      server.off('listening', onListening)
      reject(toListenError(err, role, port, host))
    }
    const onListening = (): void => {
      server.off('error', onError)
      resolve(server.address() as AddressInfo)
    }
    server.once('error', onError)
    server.once('listening', onListening)
    server.listen(port, host)
  })
}

/**
 * Listens on `port`, or, when `mayMove` and the port is taken, on a free port instead. Returns what
 * it got; `moved` is set when the port changed.
 */
export async function listenOrMove<T>(
  listen: (port: number) => Promise<T>,
  port: number,
  mayMove: boolean
): Promise<{ value: T; moved: boolean }> {
  try {
    return { value: await listen(port), moved: false }
  } catch (err) {
    if (!mayMove || port === 0 || !(err instanceof ListenError) || err.code !== 'port-in-use') throw err
    return { value: await listen(0), moved: true }
  }
}

/** True for addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
}

/** True for the addresses that mean "every interface". */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]'
}
