// The request line and framing the origin receives, on real sockets: the path as the client wrote
// it (runs of '/' made one, as Roundtrip has always sent it), and a DELETE without a body announced
// as `Content-Length: 0`; the capture keeps the client's own URL.
import { parse } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { upstreamPath } from '../../../src/main/proxy/outgoing'
import { rawExchange } from '../../helpers/faults'
import { eventually, startOrigin, startProxy, type Origin, type TestProxy } from '../../helpers/net'

let origin: Origin | undefined
let proxy: TestProxy | undefined
afterEach(async () => {
  await proxy?.close()
  await origin?.close()
  proxy = origin = undefined
})

describe('the request the origin receives', () => {
  it('has the path and query of the absolute URL, and a bodiless DELETE says Content-Length: 0', async () => {
    const seen: { url: string; method: string; length: string | undefined }[] = []
    origin = await startOrigin((req, res) => {
      seen.push({ url: req.url ?? '', method: req.method ?? '', length: req.headers['content-length'] })
      req.resume()
      req.on('end', () => res.end('ok'))
    })
    proxy = await startProxy()
    const get = await rawExchange(
      proxy.port,
      `GET ${origin.url}//a//b?x=1//y HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`
    )
    const del = await rawExchange(
      proxy.port,
      `DELETE ${origin.url}/item/7 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`
    )
    expect([get.status, del.status], `${get.text}\n${del.text}`).toEqual([200, 200])
    expect(seen).toEqual([
      { url: '/a/b?x=1//y', method: 'GET', length: undefined },
      { url: '/item/7', method: 'DELETE', length: '0' }
    ])
    const urls = await eventually(() => {
      const list = proxy!.store.snapshot().exchanges
      expect(list.filter((e) => e.state === 'complete')).toHaveLength(2)
      return list.map((e) => e.url)
    })
    expect(urls).toEqual([`${origin.url}//a//b?x=1//y`, `${origin.url}/item/7`])
  })

  it('builds the path as the legacy URL parser reads it', () => {
    expect(upstreamPath('http://h/')).toBe('/')
    expect(upstreamPath('http://h')).toBe('/')
    expect(upstreamPath('http://h/a?b=1?c')).toBe('/a?b=1?c')
    expect(upstreamPath('http://h///x//y/')).toBe('/x/y/')
    expect(upstreamPath('http://h/a b')).toBe('/a%20b')
  })

  it('gives the legacy parser path for plain URLs too (read without the parser) and their near misses', () => {
    const legacy = (raw: string): string => {
      const [pathname = '', ...query] = (parse(raw).path ?? '').split('?')
      const joined = pathname.replace(/\/+/g, '/').replace('http:/', 'http://').replace('https:/', 'https://')
      return query.length > 0 ? `${joined}?${query.join('?')}` : joined
    }
    const hosts = ['h', '127.0.0.1:8080', '[::1]:80', 'H.Example.', 'a-b.c:', 'xn--bcher-kva.example']
    const tails = [
      '',
      '/',
      '?',
      '?q',
      '//a//b?c=1//d',
      "/it's",
      '/a"b',
      '/x#frag',
      '/é',
      '/%7e?x=%20',
      '/http://y'
    ]
    for (const scheme of ['http://', 'https://', 'HTTP://'])
      for (const host of hosts)
        for (const tail of tails) {
          const url = `${scheme}${host}${tail}`
          expect(upstreamPath(url), url).toBe(legacy(url))
        }
  })
})
