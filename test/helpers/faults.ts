// Shared pieces for the fault suite: raw sockets to the proxy, misbehaving origins made from
// plain TCP servers, a watcher for unhandled errors, and the "still healthy?" check run after
// every case. Everything on 127.0.0.1, port 0.
import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { expect } from 'vitest'
import type { CapturedExchange } from '../../src/shared/model'
import type { ProxyOptions } from '../../src/main/proxy'
import { eventually, proxiedGet, startOrigin, startProxy, type Origin, type TestProxy } from './net'

export interface RawReply {
  /** Everything the proxy sent, as latin1 text. */
  text: string
  /** The status of the first response, or 0 when none came. */
  status: number
  /** True when the proxy closed (or reset) the connection before the wait ended. */
  closed: boolean
}

/**
 * Opens a raw TCP connection to the proxy, writes `parts` (waiting `gapMs` between them), and
 * collects the reply until `until` says so (by default: one whole Content-Length response), the
 * proxy closes the connection, or `waitMs` passes.
 */
export function rawExchange(
  port: number,
  parts: string | Buffer | (string | Buffer)[],
  opts: { waitMs?: number; gapMs?: number; endAfterWrite?: boolean; until?: (text: string) => boolean } = {}
): Promise<RawReply> {
  const list = Array.isArray(parts) ? parts : [parts]
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let done = false
    const socket = net.connect(port, '127.0.0.1')
    const finish = (closed: boolean): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      socket.destroy()
      const text = Buffer.concat(chunks).toString('latin1')
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text)
      resolve({ text, status: m ? Number(m[1]) : 0, closed })
    }
    const timer = setTimeout(() => finish(false), opts.waitMs ?? 2000)
    const until = opts.until ?? firstResponseComplete
    socket.on('data', (c: Buffer) => {
      chunks.push(c)
      if (until(Buffer.concat(chunks).toString('latin1'))) finish(false)
    })
    socket.on('close', () => finish(true))
    socket.on('error', () => finish(true))
    socket.once('connect', async () => {
      for (let i = 0; i < list.length; i++) {
        if (i > 0 && opts.gapMs) await new Promise((r) => setTimeout(r, opts.gapMs))
        if (socket.destroyed) return
        socket.write(list[i]!)
      }
      if (opts.endAfterWrite) socket.end()
    })
  })
}

/** True once `text` holds a whole response framed by Content-Length (the default stop rule). */
export function firstResponseComplete(text: string): boolean {
  const end = text.indexOf('\r\n\r\n')
  if (end < 0) return false
  const m = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, end))
  return m !== null && Buffer.byteLength(text.slice(end + 4), 'latin1') >= Number(m[1])
}

/** Collects uncaught exceptions and unhandled rejections raised while a test runs. */
export function watchProcess(): { errors: unknown[]; stop(): void } {
  const errors: unknown[] = []
  const onError = (err: unknown): void => void errors.push(err)
  process.on('uncaughtException', onError)
  process.on('unhandledRejection', onError)
  return {
    errors,
    stop() {
      process.off('uncaughtException', onError)
      process.off('unhandledRejection', onError)
    }
  }
}

export interface RawOrigin {
  port: number
  url: string
  /** Every socket the origin accepted, in order. */
  sockets: net.Socket[]
  close(): Promise<void>
}

/** A TCP "origin" whose behaviour is written by hand: `onData` sees each request's bytes. */
export async function startRawOrigin(
  onData: (socket: net.Socket, data: Buffer, soFar: string) => void
): Promise<RawOrigin> {
  const sockets: net.Socket[] = []
  const server = net.createServer((s) => {
    sockets.push(s)
    s.on('error', () => undefined)
    let soFar = ''
    s.on('data', (d: Buffer) => {
      soFar += d.toString('latin1')
      onData(s, d, soFar)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    sockets,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy()
        server.close(() => r())
      })
  }
}

export interface FaultRig {
  proxy: TestProxy
  origin: Origin
  watch: ReturnType<typeof watchProcess>
  /** A normal request through the same proxy succeeds and nothing unhandled was raised. */
  healthy(): Promise<void>
  close(): Promise<void>
}

/** A proxy plus a well-behaved origin for the after-each health check. */
export async function startRig(options: Partial<ProxyOptions> = {}): Promise<FaultRig> {
  const watch = watchProcess()
  const origin = await startOrigin()
  const proxy = await startProxy(options)
  return {
    proxy,
    origin,
    watch,
    async healthy() {
      // A fresh non-keep-alive agent: the check leaves no connection behind.
      const r = await proxiedGet(proxy.port, `${origin.url}/health-check`, { agent: new http.Agent() })
      expect(r.status).toBe(200)
      expect(r.body).toBe('GET /health-check')
      expect(proxy.proxy.server.listening).toBe(true)
      expect(watch.errors).toEqual([])
    },
    async close() {
      watch.stop()
      await proxy.close()
      await origin.close()
    }
  }
}

/** Waits for an error exchange matching `match` and checks its reason reads as a sentence. */
export async function errorExchange(
  proxy: TestProxy,
  match: (e: CapturedExchange) => boolean = () => true,
  timeoutMs = 3000
): Promise<CapturedExchange> {
  const ex = await eventually(() => {
    const found = proxy.store.snapshot().exchanges.find((e) => e.state === 'error' && match(e))
    expect(found, 'an error exchange in the capture').toBeDefined()
    return found!
  }, timeoutMs)
  expect(ex.error?.message.length ?? 0).toBeGreaterThan(20)
  expect(ex.error?.message).toMatch(/[.)]$/)
  return ex
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
