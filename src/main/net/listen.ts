// Listening with errors a person can act on: a port in use names the port and the flag to change.
import type { Server } from 'node:net'
import type { AddressInfo } from 'node:net'

export class ListenError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined
  ) {
    super(message)
    this.name = 'ListenError'
  }
}

export function listenOn(server: Server, port: number, host: string, flag: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      server.off('listening', onListening)
      if (err.code === 'EADDRINUSE') {
        reject(
          new ListenError(
            `Port ${port} on ${host} is already in use. Stop the program using it, or choose another port with ${flag} (0 picks a free one).`,
            err.code
          )
        )
      } else if (err.code === 'EACCES') {
        reject(
          new ListenError(
            `Not allowed to listen on port ${port} on ${host}. Choose a port above 1024 with ${flag}.`,
            err.code
          )
        )
      } else if (err.code === 'EADDRNOTAVAIL') {
        reject(new ListenError(`${host} is not an address of this machine. Check --host.`, err.code))
      } else reject(new ListenError(`Could not listen on ${host}:${port}: ${err.message}`, err.code))
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

/** True for addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
}
