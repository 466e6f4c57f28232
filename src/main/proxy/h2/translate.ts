// Headers between HTTP/2 and HTTP/1.1 (RFC 9113 §8.2-8.3): pseudo-headers become the request line
// and Host, several `cookie` fields become one Cookie header joined with "; " (§8.2.3), and fields
// that only mean something to one connection never cross.
import type { OutgoingHttpHeaders } from 'node:http'
import type { HeaderPair } from '../../../shared/model'
import { HOP_BY_HOP, joinCookieFields } from '../../../shared/http'

/** Field names HTTP/2 forbids (§8.2.2), besides `te` other than "trailers". */
const CONNECTION_SPECIFIC = new Set([...HOP_BY_HOP, 'host', 'http2-settings'])

export interface RequestHead {
  method: string
  authority: string
  scheme: string
  path: string
}

/** The request's pseudo-headers, or a sentence saying which one is missing. */
export function requestHead(raw: readonly HeaderPair[]): RequestHead | string {
  const get = (name: string): string | undefined => raw.find(([n]) => n === name)?.[1]
  const method = get(':method')
  const authority = get(':authority') ?? raw.find(([n]) => n.toLowerCase() === 'host')?.[1]
  const scheme = get(':scheme') ?? 'https'
  const path = get(':path')
  if (!method) return 'The HTTP/2 request had no :method pseudo-header.'
  if (method === 'CONNECT')
    return 'CONNECT inside an HTTP/2 connection (a tunnel or WebSocket over HTTP/2) is not supported by Roundtrip.'
  if (!authority)
    return 'The HTTP/2 request had neither :authority nor Host: Roundtrip cannot tell which site it is for.'
  if (!path) return 'The HTTP/2 request had no :path pseudo-header.'
  return { method, authority, scheme, path }
}

/** The request's headers for an HTTP/1.1 origin: Host from :authority, one Cookie header, no pseudo-headers. */
export function toHttp1Headers(raw: HeaderPair[], authority: string): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = { host: authority }
  for (const [name, value] of joinCookieFields(raw).headers) {
    const lower = name.toLowerCase()
    if (lower.startsWith(':') || CONNECTION_SPECIFIC.has(lower)) continue
    const prev = out[lower]
    out[lower] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [String(prev), value]
  }
  return out
}

/** The request's headers for an HTTP/2 origin: the same fields, pseudo-headers for its authority. */
export function toHttp2Headers(raw: readonly HeaderPair[], head: RequestHead): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {
    ':method': head.method,
    ':authority': head.authority,
    ':scheme': head.scheme,
    ':path': head.path
  }
  for (const [name, value] of raw) {
    const lower = name.toLowerCase()
    if (lower.startsWith(':') || CONNECTION_SPECIFIC.has(lower)) continue
    if (lower === 'te' && value.trim().toLowerCase() !== 'trailers') continue
    const prev = out[lower]
    out[lower] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [String(prev), value]
  }
  return out
}

/** An origin's response headers for the client's HTTP/2 stream: no connection-specific fields. */
export function responseForH2(status: number, raw: readonly HeaderPair[]): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = { ':status': status }
  for (const [name, value] of raw) {
    const lower = name.toLowerCase()
    if (lower.startsWith(':') || CONNECTION_SPECIFIC.has(lower)) continue
    const prev = out[lower]
    out[lower] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [String(prev), value]
  }
  return out
}

/** Bytes of a header list as HTTP/2 counts them (RFC 9113 §6.5.2: name + value + 32 per field). */
export function headerListSize(raw: readonly HeaderPair[]): number {
  let size = 0
  for (const [n, v] of raw) size += n.length + v.length + 32
  return size
}
