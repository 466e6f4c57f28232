// An origin whose kept-alive sockets go stale: the case where a proxy's retry rules matter.
import type http from 'node:http'
import type net from 'node:net'
import { startOrigin, type Origin } from './origin'

export const STALE_AFTER_MS = 40

/**
 * An origin that closes a kept-alive socket idle for more than STALE_AFTER_MS the moment it is used
 * again (a reset, the request unread): the race a real origin's idle timer makes with a proxy
 * reusing the socket, made certain instead of timing-dependent. `handled` lists what it answered.
 */
export async function staleOrigin(
  handled: string[],
  onBody?: (req: http.IncomingMessage, body: Buffer) => void
): Promise<Origin> {
  const lastUsed = new WeakMap<net.Socket, number>()
  const o = await startOrigin((req, res) => {
    const socket = req.socket
    const last = lastUsed.get(socket)
    if (last !== undefined && Date.now() - last > STALE_AFTER_MS) return void socket.resetAndDestroy()
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      handled.push(`${req.method} ${req.url}`)
      onBody?.(req, Buffer.concat(chunks))
      res.end('ok', () => lastUsed.set(socket, Date.now()))
    })
  })
  o.server.keepAliveTimeout = 60_000
  return o
}
