// A small real origin on 127.0.0.1, port 0. Kept apart from net.ts (which loads the proxy) so browser
// tests, typechecked with the renderer, can start one too.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Origin {
  url: string
  port: number
  server: http.Server
  close(): Promise<void>
}

/** A keep-alive origin that answers every request with its method and path. */
export async function startOrigin(handler?: http.RequestListener): Promise<Origin> {
  const server = http.createServer(
    handler ??
      ((req, res) => {
        const body = `${req.method} ${req.url}`
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) })
        res.end(body)
      })
  )
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      })
  }
}
