// Small real servers and clients for socket tests; everything on 127.0.0.1, port 0.
import http from 'node:http'
import net from 'node:net'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { AddressInfo } from 'node:net'
import { CaptureStore } from '../../src/main/capture/store'
import { createProxy, type ProxyOptions, type RoundtripProxy } from '../../src/main/proxy'

export const execFileP = promisify(execFile)

export { startOrigin, type Origin } from './origin'

/** A TCP server that echoes every byte back. */
export async function startEcho(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
    s.on('error', () => undefined)
    s.pipe(s)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy()
        server.close(() => r())
      })
  }
}

export interface TestProxy {
  proxy: RoundtripProxy
  store: CaptureStore
  url: string
  port: number
  close(): Promise<void>
}

export async function startProxy(options: Partial<ProxyOptions> = {}): Promise<TestProxy> {
  const store = new CaptureStore({ batchMs: 10 })
  const proxy = createProxy({ store, ...options })
  const url = await proxy.listen(0)
  return { proxy, store, url, port: Number(new URL(url).port), close: () => proxy.close() }
}

/** A GET through a proxy, absolute-form, on the given agent. */
export function proxiedGet(
  proxyPort: number,
  url: string,
  opts: { agent?: http.Agent; headers?: http.OutgoingHttpHeaders; method?: string } = {}
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: proxyPort,
        method: opts.method ?? 'GET',
        path: url,
        headers: { host: new URL(url).host, ...opts.headers },
        agent: opts.agent
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            headers: res.headers
          })
        )
        res.on('error', reject)
      }
    )
    req.on('error', reject)
    req.end()
  })
}

/** Waits until `check` passes, polling; bounded so a failure shows the last error. */
export async function eventually<T>(check: () => T, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return check()
    } catch (err) {
      if (Date.now() > deadline) throw err
      await new Promise((r) => setTimeout(r, 20))
    }
  }
}

/** A port that nothing listens on (bound, then released). */
export async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  await new Promise<void>((r) => server.close(() => r()))
  return port
}
