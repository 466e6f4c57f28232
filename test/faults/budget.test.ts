// Total bytes held for in-flight exchanges are bounded: every kept body part and held request body
// comes from one budget. Past it the capture keeps bodies truncated (the client still gets every
// byte), and the budget is whole again once the exchanges end.
import http from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { eventually, startOrigin, startProxy, type Origin, type TestProxy } from '../helpers/net'

let origin: Origin | undefined
let proxy: TestProxy | undefined
afterEach(async () => {
  await proxy?.close()
  await origin?.close()
  proxy = origin = undefined
})

const SIZE = 200 * 1024

describe('the in-flight byte budget', () => {
  it('bounds what parallel downloads hold, truncating the capture, never the client, and fills again', async () => {
    // Every response waits until all of them have started, so they are in flight together.
    const waiting: http.ServerResponse[] = []
    origin = await startOrigin((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': SIZE })
      res.write(Buffer.alloc(SIZE / 2, 1))
      waiting.push(res)
      if (waiting.length === 4) for (const r of waiting) r.end(Buffer.alloc(SIZE / 2, 2))
    })
    proxy = await startProxy({ maxBufferedBytes: 300 * 1024 })
    const got = await Promise.all(
      [1, 2, 3, 4].map(
        (i) =>
          new Promise<number>((resolve, reject) => {
            http
              .get({ host: '127.0.0.1', port: proxy!.port, path: `${origin!.url}/${i}` }, (res) => {
                let n = 0
                res.on('data', (c: Buffer) => (n += c.length))
                res.on('end', () => resolve(n))
              })
              .on('error', reject)
          })
      )
    )
    expect(got).toEqual([SIZE, SIZE, SIZE, SIZE])
    const exchanges = await eventually(() => {
      const list = proxy!.store.snapshot().exchanges
      expect(list.filter((e) => e.state === 'complete')).toHaveLength(4)
      return list
    })
    // Four 200 KiB bodies were half-way at once (400 KiB) with 300 KiB to hold them in: the capture
    // had to let some bytes go, while every client got every byte.
    expect(exchanges.some((e) => e.responseBody!.truncated)).toBe(true)
    for (const e of exchanges) expect(e.responseBody!.size).toBe(SIZE)
    // The budget is whole again once they ended: a body as large as all of it is kept entire.
    origin.server.removeAllListeners('request')
    origin.server.on('request', (_req, res: http.ServerResponse) => res.end(Buffer.alloc(300 * 1024, 3)))
    await new Promise<void>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: proxy!.port, path: `${origin!.url}/after` }, (res) => {
          res.resume()
          res.on('end', () => resolve())
        })
        .on('error', reject)
    })
    const after = await eventually(() => {
      const e = proxy!.store.snapshot().exchanges.find((x) => x.url.endsWith('/after'))
      expect(e?.state).toBe('complete')
      return e!
    })
    expect(after.responseBody).toMatchObject({ size: 300 * 1024, truncated: false })
  })
})
