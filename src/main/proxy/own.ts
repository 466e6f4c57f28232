// Roundtrip's own UI and API, reached through the proxy (a browser Roundtrip started sends even
// loopback addresses through it): such requests and CONNECT tunnels are passed straight through
// and never recorded, so the run's token, in `?token=`, `Authorization` and the `roundtrip_token`
// cookie, never lands in the capture, its exports or a recording.
import http from 'node:http'
import net from 'node:net'

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0', '::'])

export interface OwnAddresses {
  /** Ports of Roundtrip's own servers (the web UI and API) that are passed through unrecorded. */
  readonly ports: Set<number>
  /** The address the proxy listens on, also a name for this machine. */
  host: () => string
}

/** Whether an absolute-form target may name one of Roundtrip's own ports (cheap; no URL built). */
export function mayBeOwn(own: OwnAddresses, url: string | undefined): boolean {
  if (own.ports.size === 0 || !url || !/^http:\/\//i.test(url)) return false
  const port = quickPort(url)
  return port === undefined || own.ports.has(port)
}

/** Where host:port goes when it is one of Roundtrip's own servers, else undefined. */
export function ownTarget(own: OwnAddresses, hostname: string, port: number): string | undefined {
  if (!own.ports.has(port)) return undefined
  const name = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  const host = own.host()
  if (!LOOPBACK_NAMES.has(name) && name !== host) return undefined
  return name === 'localhost' || name === '0.0.0.0' || name === '::' ? '127.0.0.1' : name
}

/**
 * The port an absolute-form http:// target names, read from the text without building a URL
 * (the proxy asks this of every request); undefined when the text is odd enough to need a parser.
 */
function quickPort(url: string): number | undefined {
  let end = url.length
  for (const stop of ['/', '?', '#', '\\']) {
    const at = url.indexOf(stop, 7)
    if (at >= 0 && at < end) end = at
  }
  const authority = url.slice(url.lastIndexOf('@', end) + 1 || 7, end)
  const colon = authority.lastIndexOf(':')
  if (colon < 0 || colon < authority.lastIndexOf(']')) return 80
  const digits = authority.slice(colon + 1)
  if (digits === '') return 80
  return /^\d{1,5}$/.test(digits) ? Number(digits) : undefined
}

/** host and port of an absolute-form request target, if it is one. */
export function absoluteTarget(url: string | undefined): { hostname: string; port: number } | undefined {
  if (!url || !/^http:\/\//i.test(url)) return undefined
  try {
    const u = new URL(url)
    return { hostname: u.hostname, port: Number(u.port || 80) }
  } catch {
    return undefined
  }
}

/** Forwards one request to our own server as it is, recording nothing. */
export function passThroughRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  host: string,
  port: number
): void {
  const url = new URL(req.url ?? '/')
  const headers = { ...req.headers }
  delete headers['proxy-connection']
  delete headers['proxy-authorization']
  const upstream = http.request(
    { host, port, method: req.method, path: url.pathname + url.search, headers, agent: false },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers)
      answer.pipe(res)
    }
  )
  const fail = (): void => {
    if (!res.headersSent) {
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' })
      res.end(`Roundtrip's own UI at ${host}:${port} did not answer.\n`)
    } else res.destroy()
  }
  upstream.on('error', fail)
  req.on('error', () => upstream.destroy())
  res.on('close', () => upstream.destroy())
  req.pipe(upstream)
}

/** Opens a CONNECT tunnel to our own server (the UI's live stream), recording nothing. */
export function passThroughTunnel(client: net.Socket, head: Buffer, host: string, port: number): void {
  const upstream = net.connect({ host, port })
  client.on('error', () => upstream.destroy())
  upstream.on('error', () => client.destroy())
  upstream.once('connect', () => {
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
    if (head.length > 0) upstream.write(head)
    upstream.pipe(client)
    client.pipe(upstream)
  })
  client.on('close', () => upstream.destroy())
  upstream.on('close', () => client.destroy())
}
