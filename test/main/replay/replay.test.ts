import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { createRequire } from 'node:module'
import type { Har } from 'har-format'
import { afterEach, describe, expect, it } from 'vitest'
import { replayHar } from '../../../src/main/replay/replay'
import { exportHar } from '../../../src/shared/har/export'
import type { CaptureSnapshot, CapturedExchange } from '../../../src/shared/model'
import { body, connection, exchange } from '../../helpers/capture-factory'

type Validator = (har: unknown) => Promise<unknown>
const { har: validateHar } = createRequire(import.meta.url)('har-validator') as { har: Validator }

interface Seen {
  method: string
  url: string
  socket: number
  headers: string[]
  body: string
}

let server: http.Server | undefined
afterEach(async () => {
  if (server) {
    server.closeAllConnections()
    await new Promise((r) => server!.close(r))
  }
  server = undefined
})

/** A keep-alive origin that numbers its sockets and logs every request it sees. */
async function origin(handler?: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: Seen[] = []
  const sockets = new WeakMap<Socket, number>()
  let n = 0
  server = http.createServer((req, res) => {
    let socket = sockets.get(req.socket)
    if (socket === undefined) sockets.set(req.socket, (socket = ++n))
    let data = ''
    req.on('data', (c) => (data += c))
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, socket, headers: req.rawHeaders, body: data })
      if (handler) return handler(req, res)
      res.setHeader('Set-Cookie', [`hit=${seen.length}; Path=/`, 'fixed=1; Path=/'])
      res.end(`ok ${req.url}`)
    })
  })
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r))
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

function harOf(exchanges: CapturedExchange[]): Har {
  const ids = [...new Set(exchanges.map((e) => e.clientConnectionId))]
  const snapshot: CaptureSnapshot = {
    seq: 0,
    connections: ids.map((id) =>
      connection(id, { exchangeIds: exchanges.filter((e) => e.clientConnectionId === id).map((e) => e.id) })
    ),
    exchanges,
    tunnels: [],
    sessionEvents: []
  }
  return JSON.parse(JSON.stringify(exportHar(snapshot))) as Har
}

describe('replayHar', () => {
  it('sends in order and keeps the recorded connection grouping', async () => {
    const { base, seen } = await origin()
    const groups = ['c1', 'c1', 'c2', 'c1', 'c2']
    const har = harOf(
      groups.map((c, i) => exchange({ id: `e${i + 1}`, clientConnectionId: c, url: `${base}/r${i + 1}` }))
    )
    const { results } = await replayHar(har, { jar: 'recorded' })
    expect(seen.map((s) => s.url)).toEqual(['/r1', '/r2', '/r3', '/r4', '/r5'])
    const socketOf = (url: string) => seen.find((s) => s.url === url)!.socket
    expect(socketOf('/r2')).toBe(socketOf('/r1'))
    expect(socketOf('/r4')).toBe(socketOf('/r1'))
    expect(socketOf('/r5')).toBe(socketOf('/r3'))
    expect(socketOf('/r3')).not.toBe(socketOf('/r1'))
    expect(results.map((r) => r.reusedConnection)).toEqual([false, true, false, true, true])
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
  })

  it('without connection ids, sends everything on one connection', async () => {
    const { base, seen } = await origin()
    const har = harOf([1, 2, 3].map((i) => exchange({ id: `e${i}`, url: `${base}/n${i}` })))
    for (const e of har.log.entries as unknown as Record<string, unknown>[]) {
      delete e.connection
      delete e._connectionId
      delete e._offsets
    }
    await replayHar(har, { jar: 'recorded' })
    expect(new Set(seen.map((s) => s.socket)).size).toBe(1)
    expect(seen).toHaveLength(3)
  })

  it('drops hop-by-hop headers, recomputes Content-Length and sends recorded cookies as they were', async () => {
    const { base, seen } = await origin()
    const har = harOf([
      exchange({
        method: 'POST',
        url: `${base}/form`,
        requestHeaders: [
          ['Host', 'stale.example'],
          ['Connection', 'close'],
          ['Keep-Alive', 'timeout=5'],
          ['Transfer-Encoding', 'chunked'],
          ['Content-Length', '999'],
          ['Cookie', 'sid=stale'],
          ['X-Custom', 'kept'],
          ['Content-Type', 'application/x-www-form-urlencoded']
        ],
        requestBody: body('a=1&b=2')
      })
    ])
    const { results } = await replayHar(har, { jar: 'recorded' })
    const h = seen[0]!.headers
    const names = h.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase())
    expect(names).not.toContain('transfer-encoding')
    expect(names).not.toContain('keep-alive')
    expect(h[h.findIndex((n) => n.toLowerCase() === 'content-length') + 1]).toBe('7')
    expect(h[h.findIndex((n) => n.toLowerCase() === 'host') + 1]).toBe(new URL(base).host)
    expect(h[h.indexOf('X-Custom') + 1]).toBe('kept')
    expect(h[h.indexOf('Cookie') + 1]).toBe('sid=stale')
    expect(seen[0]!.body).toBe('a=1&b=2')
    expect(results[0]!.sentCookie).toBe('sid=stale')
  })

  it('with a fresh jar, the new Set-Cookie headers drive the Cookie headers', async () => {
    const { base, seen } = await origin()
    const har = harOf([
      exchange({ id: 'e1', url: `${base}/a`, requestHeaders: [['Cookie', 'hit=old']] }),
      exchange({ id: 'e2', url: `${base}/b`, requestHeaders: [['Cookie', 'hit=old']] })
    ])
    const { results } = await replayHar(har, { jar: 'fresh' })
    expect(results[0]!.sentCookie).toBeNull()
    expect(results[0]!.setCookies).toEqual(['hit=1; Path=/', 'fixed=1; Path=/'])
    expect(results[1]!.sentCookie).toBe('hit=1; fixed=1')
    expect(seen[1]!.headers).toContain('hit=1; fixed=1')
  })

  it('swaps a recorded hidden form token for the one the new page gave out', async () => {
    let token = 'live-token'
    const { base, seen } = await origin((req, res) => {
      res.setHeader('Content-Type', 'text/html')
      res.end(
        req.method === 'GET' ? `<form><input type="hidden" name="csrf" value="${token}"></form>` : 'posted'
      )
    })
    const recordedPage = '<form><input name="csrf" type="hidden" value="old-token"/></form>'
    const har = harOf([
      exchange({
        id: 'e1',
        url: `${base}/login`,
        responseHeaders: [['Content-Type', 'text/html']],
        responseBody: body(recordedPage)
      }),
      exchange({
        id: 'e2',
        method: 'POST',
        url: `${base}/login`,
        requestHeaders: [['Content-Type', 'application/x-www-form-urlencoded']],
        requestBody: body('csrf=old-token&user=alice')
      })
    ])
    const fresh = await replayHar(har, { jar: 'fresh' })
    expect(seen[1]!.body).toBe('csrf=live-token&user=alice')
    expect(fresh.results[1]!.swappedFields).toEqual(['csrf'])
    token = 'other'
    await replayHar(har, { jar: 'recorded' })
    expect(seen[3]!.body).toBe('csrf=old-token&user=alice')
  })

  it('lists https as skipped, honours --only-host, and makes a dead host an error row', async () => {
    const { base } = await origin()
    const har = harOf([
      exchange({ id: 'e1', url: 'https://secure.example/' }),
      exchange({ id: 'e2', url: 'http://other.example/' }),
      exchange({ id: 'e3', url: 'http://127.0.0.1:9/dead' }),
      exchange({ id: 'e4', url: `${base}/alive` })
    ])
    const { results } = await replayHar(har, { jar: 'fresh', onlyHost: '127.0.0.1' })
    expect(results[0]!.skipped).toMatch(/plain http:\/\/ requests only/)
    expect(results[1]!.skipped).toMatch(/another host/)
    expect(results[2]!.error).toMatch(/127\.0\.0\.1:9 refused the connection: nothing is listening there/)
    expect(results[2]!.status).toBeNull()
    expect(results[3]!.status).toBe(200)
  })

  it('suggests --via when a .test name cannot be resolved directly', async () => {
    const { results } = await replayHar(harOf([exchange({ id: 'e1', url: 'http://roundtrip.test/' })]), {
      jar: 'fresh'
    })
    expect(results[0]!.error).toMatch(/roundtrip\.test could not be resolved.*add --via PROXY/)
  })

  it('records the replay as a capture that exports to valid HAR', async () => {
    const { base } = await origin()
    const har = harOf([
      exchange({ id: 'e1', clientConnectionId: 'c1', url: `${base}/x` }),
      exchange({ id: 'e2', clientConnectionId: 'c1', url: `${base}/y` }),
      exchange({ id: 'e3', clientConnectionId: 'c2', url: 'http://127.0.0.1:9/dead' })
    ])
    const { capture } = await replayHar(har, { jar: 'fresh', record: true })
    const out = exportHar(capture!)
    await expect(validateHar(out)).resolves.toBeTruthy()
    const entries = out.log.entries as (Har['log']['entries'][number] & Record<string, unknown>)[]
    expect(entries.map((e) => e.response.status)).toEqual([200, 200, 0])
    expect(entries[1]!.connection).toBe(entries[0]!.connection)
    expect(entries[1]!.timings.connect).toBe(-1)
    expect(entries[0]!.timings.connect).toBeGreaterThanOrEqual(0)
    expect(entries[0]!.serverIPAddress).toBe('127.0.0.1')
    expect(entries[2]!._error).toMatchObject({ kind: 'upstream-refused' })
  })
})
