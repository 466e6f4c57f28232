// HTTP/2 clients and origins for tests on real sockets: a TLS connection through the proxy's CONNECT
// that agrees h2 by ALPN (for Node's http2 client or hand-written frames), and an HTTP/2 origin with
// a self-signed certificate.
import http2 from 'node:http2'
import https from 'node:https'
import type http from 'node:http'
import net from 'node:net'
import tls from 'node:tls'
import type { AddressInfo } from 'node:net'
import { selfSignedCert } from './https'

/** A decrypted TLS socket to host:port through the proxy, with ALPN `h2` agreed. */
export async function tlsThroughProxy(
  proxyUrl: string,
  host: string,
  port: number,
  caPem: string,
  alpn = ['h2']
): Promise<tls.TLSSocket> {
  const proxy = new URL(proxyUrl)
  const raw = net.connect(Number(proxy.port), proxy.hostname)
  await new Promise<void>((resolve, reject) => {
    raw.once('error', reject)
    raw.once('connect', () => resolve())
  })
  raw.write(`CONNECT ${host}:${port} HTTP/1.1\r\nHost: ${host}:${port}\r\n\r\n`)
  await new Promise<void>((resolve, reject) => {
    let got = ''
    const timer = setTimeout(() => reject(new Error('no answer to CONNECT')), 10_000)
    const onData = (chunk: Buffer): void => {
      got += chunk.toString('latin1')
      if (!got.includes('\r\n\r\n')) return
      clearTimeout(timer)
      raw.off('data', onData)
      raw.pause()
      if (!got.startsWith('HTTP/1.1 200')) reject(new Error(`CONNECT refused: ${got.split('\r\n')[0]}`))
      else resolve()
    }
    raw.on('data', onData)
  })
  const socket = tls.connect({
    socket: raw,
    host,
    ...(net.isIP(host) ? {} : { servername: host }),
    ALPNProtocols: alpn,
    ca: caPem
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject)
    socket.once('secureConnect', () => resolve())
  })
  return socket
}

/** Node's HTTP/2 client on a connection through the proxy. */
export async function h2ThroughProxy(
  proxyUrl: string,
  host: string,
  port: number,
  caPem: string
): Promise<http2.ClientHttp2Session> {
  const socket = await tlsThroughProxy(proxyUrl, host, port, caPem)
  const session = http2.connect(`https://${host}:${port}`, { createConnection: () => socket })
  session.on('error', () => undefined)
  return session
}

export interface H2Response {
  status: number
  headers: http2.IncomingHttpHeaders
  body: string
}

/** One request on a session; resolves with the whole response, rejects when the stream fails. */
export function h2Get(
  session: http2.ClientHttp2Session,
  headers: http2.OutgoingHttpHeaders
): Promise<H2Response> {
  return new Promise((resolve, reject) => {
    const req = session.request(headers)
    let status = 0
    let got: http2.IncomingHttpHeaders = {}
    const chunks: Buffer[] = []
    req.on('response', (h) => {
      got = h
      status = Number(h[':status'])
    })
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve({ status, headers: got, body: Buffer.concat(chunks).toString('utf8') }))
    req.on('error', reject)
    req.end()
  })
}

export interface TestOrigin {
  port: number
  certPath: string
  /** Raw request headers of every request the origin saw, in order. */
  seen: string[][]
  close(): Promise<void>
}

/**
 * An HTTPS origin on 127.0.0.1 that offers h2 and http/1.1 by ALPN (`h2: false`: HTTP/1.1 only) and
 * answers with the protocol it spoke and the headers it received; `?ms=N` waits first, `/big`
 * sends 2 MB in pieces, `/origin-goaway` (over HTTP/2) sends GOAWAY and ends its session mid-body.
 */
export async function startTestOrigin(opts: { h2: boolean }): Promise<TestOrigin> {
  const { key, cert, certPath } = await selfSignedCert()
  const seen: string[][] = []
  // Node's http and http2 compatibility objects answer alike; typed as the first.
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    seen.push(req.rawHeaders)
    const url = new URL(req.url ?? '/', 'https://origin')
    const answer = (): void => {
      if (url.pathname === '/origin-goaway' && 'stream' in req) {
        // An HTTP/2 origin that gives up on its session in the middle of a response.
        const session = (req as unknown as http2.Http2ServerRequest).stream.session
        res.writeHead(200, { 'content-type': 'application/octet-stream' })
        res.write(Buffer.alloc(16 * 1024, 0x62))
        setTimeout(() => {
          session?.goaway(http2.constants.NGHTTP2_INTERNAL_ERROR)
          session?.destroy()
        }, 50)
        return
      }
      if (url.pathname === '/big') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' })
        let left = 32
        const more = (): void => {
          if (res.destroyed || res.writableEnded) return
          if (left-- === 0) return void res.end()
          res.write(Buffer.alloc(64 * 1024, 0x61))
          setTimeout(more, 20)
        }
        return more()
      }
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'origin=1; Secure; Path=/' })
      res.end(JSON.stringify({ httpVersion: req.httpVersion, headers: req.rawHeaders }))
    }
    const ms = Number(url.searchParams.get('ms') ?? 0)
    if (ms > 0) setTimeout(answer, ms)
    else answer()
  }
  const server = opts.h2
    ? http2
        .createSecureServer(
          { key, cert, allowHTTP1: true },
          handler as unknown as Parameters<typeof http2.createSecureServer>[1]
        )
        .on('sessionError', () => undefined)
    : https.createServer({ key, cert }, handler)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    port: (server.address() as AddressInfo).port,
    certPath,
    seen,
    close: () =>
      new Promise<void>((r) => {
        // Sessions the proxy still holds would keep close() waiting: bounded.
        const timer = setTimeout(r, 2000)
        server.close(() => {
          clearTimeout(timer)
          r()
        })
      })
  }
}
