// The server's own view of its TCP connections. Every accepted socket gets an id `s1, s2, ...`
// and a count of the requests it has carried: with keep-alive one connection carries many
// requests, and the count going past 1 is that reuse seen from the server's side.
import type { Server } from 'node:http'
import type { Socket } from 'node:net'

/** How long a closed socket's port still names it. */
export const CLOSED_GRACE_MS = 1000

export interface ServerConnection {
  id: string
  remotePort: number
  /** Requests received on this socket so far. */
  requests: number
}

/** The sample server's accepted sockets, by socket and by client port (not the proxy's ConnectionTracker). */
export class ServerSockets {
  private next = 1
  private readonly bySocket = new WeakMap<Socket, ServerConnection>()
  private readonly byPort = new Map<number, ServerConnection>()

  /** Starts tracking the sockets a server accepts. */
  attach(server: Server): void {
    server.on('connection', (socket: Socket) => this.add(socket))
  }

  private add(socket: Socket): void {
    const connection: ServerConnection = {
      id: `s${this.next++}`,
      remotePort: socket.remotePort ?? 0,
      requests: 0
    }
    this.bySocket.set(socket, connection)
    this.byPort.set(connection.remotePort, connection)
    socket.once('close', () => {
      // Forget it a moment later, not at once: a proxy reading the last response of a connection
      // the server just closed (Connection: close) still needs to ask which connection carried it.
      // A new socket on the same port replaces the entry anyway, so only remove it if it is still ours.
      const forget = setTimeout(() => {
        if (this.byPort.get(connection.remotePort) === connection) this.byPort.delete(connection.remotePort)
      }, CLOSED_GRACE_MS)
      forget.unref()
    })
  }

  /** Counts one more request on a socket and says which connection and which request it was. */
  countRequest(socket: Socket): ServerConnection | undefined {
    const connection = this.bySocket.get(socket)
    if (connection) connection.requests++
    return connection
  }

  idForPeerPort(port: number): string | undefined {
    return this.byPort.get(port)?.id
  }
}
