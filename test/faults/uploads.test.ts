// No request twice: slow uploads through a proxy whose origin drops kept-alive sockets that sat
// idle. A body still arriving must never be re-sent from a half-read stream, and no upload may be
// lost either: each one reaches the origin exactly once, whole.
import http from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { eventually, startProxy, type Origin, type TestProxy } from '../helpers/net'
import { STALE_AFTER_MS, staleOrigin } from '../helpers/stale-origin'

let origin: Origin | undefined
let proxy: TestProxy | undefined
afterEach(async () => {
  await proxy?.close()
  await origin?.close()
  proxy = origin = undefined
})

const CHUNKS = 5
const CHUNK = 2000
const GAP_MS = 30

function request(
  agent: http.Agent,
  method: string,
  path: string,
  body?: { id: string; chunked: boolean }
): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { host: new URL(origin!.url).host }
    if (body && !body.chunked) headers['content-length'] = CHUNKS * CHUNK
    const req = http.request(
      { host: '127.0.0.1', port: proxy!.port, method, path: `${origin!.url}${path}`, agent, headers },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      }
    )
    req.on('error', reject)
    if (!body) return void req.end()
    // The body trickles in: CHUNKS pieces, GAP_MS apart, each piece naming its upload.
    let sent = 0
    const next = (): void => {
      req.write(body.id.padEnd(CHUNK, '.'))
      if (++sent === CHUNKS) req.end()
      else setTimeout(next, GAP_MS)
    }
    next()
  })
}

describe('slow uploads over stale kept-alive upstream sockets', () => {
  it('20 in parallel each reach the origin exactly once, whole', async () => {
    const bodies = new Map<string, string[]>()
    origin = await staleOrigin([], (req, body) => {
      const id = body.subarray(0, body.indexOf('.')).toString()
      const list = bodies.get(id) ?? []
      list.push(`${req.method} ${body.length}`)
      bodies.set(id, list)
    })
    proxy = await startProxy()
    // Half PUT (idempotent: small bodies are held whole and may be re-sent), a quarter POST (never
    // re-sent), a quarter chunked PUT (a body of unknown size: streamed, never re-sent).
    const kinds = Array.from({ length: 20 }, (_, i) => ({
      id: `upload${i}`,
      method: i % 2 === 0 ? 'PUT' : 'POST',
      chunked: i % 4 === 1
    }))
    const agents = kinds.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }))
    // Each client connection first warms an upstream socket, then lets it go stale.
    expect(await Promise.all(agents.map((a) => request(a, 'GET', '/warm')))).toEqual(kinds.map(() => 200))
    await new Promise((r) => setTimeout(r, STALE_AFTER_MS * 2))
    const statuses = await Promise.all(
      kinds.map((k, i) => request(agents[i]!, k.method, `/${k.id}`, { id: k.id, chunked: k.chunked }))
    )
    expect(statuses).toEqual(kinds.map(() => 200))
    for (const k of kinds) expect(bodies.get(k.id), k.id).toEqual([`${k.method} ${CHUNKS * CHUNK}`])

    const exchanges = await eventually(() => {
      const list = proxy!.store.snapshot().exchanges.filter((e) => e.url.includes('/upload'))
      expect(list.filter((e) => e.state === 'complete')).toHaveLength(20)
      return list
    })
    for (const e of exchanges) {
      expect(e.requestBody?.size).toBe(CHUNKS * CHUNK)
      const held =
        e.method === 'PUT' && !e.requestHeaders.some(([n]) => n.toLowerCase() === 'transfer-encoding')
      // A held request went out on the stale socket, met the reset, and was sent again once;
      // anything else went out on a fresh socket in the first place.
      expect(Boolean(e.retried), `${e.id} ${e.method}`).toBe(held)
      expect(e.upstreamReused).toBe(false)
    }
    for (const a of agents) a.destroy()
  })

  it('a chunked PUT is streamed on a fresh socket even where a kept-alive one is ready', async () => {
    const bodies = new Map<string, string[]>()
    origin = await staleOrigin([], (req, body) => {
      const id = body.subarray(0, body.indexOf('.')).toString()
      bodies.set(id, [...(bodies.get(id) ?? []), `${req.method} ${body.length}`])
    })
    proxy = await startProxy()
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    try {
      // A fresh kept-alive upstream socket (used just now, not stale): a GET would reuse it.
      expect(await request(agent, 'GET', '/warm')).toBe(200)
      expect(await request(agent, 'PUT', '/chunked', { id: 'chunked', chunked: true })).toBe(200)
      expect(bodies.get('chunked')).toEqual([`PUT ${CHUNKS * CHUNK}`])
      const put = await eventually(() => {
        const e = proxy!.store.snapshot().exchanges.find((x) => x.url.endsWith('/chunked'))
        expect(e?.state).toBe('complete')
        return e!
      })
      // Its size was unknown when it started, so it could never be held and re-sent: no reuse risked.
      expect(put.upstreamReused).toBe(false)
      expect(Boolean(put.retried)).toBe(false)
    } finally {
      agent.destroy()
    }
  })
})
