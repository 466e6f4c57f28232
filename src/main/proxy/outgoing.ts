// The request the proxy sends upstream, built as http-proxy 1.18 built it (so the origin sees the
// same request line and headers it saw before the proxy stopped going through http-proxy): the
// path is url.parse's path with runs of '/' made one, and a DELETE or OPTIONS without
// Content-Length says `Content-Length: 0` rather than leave the origin to guess.
import type http from 'node:http'
import type https from 'node:https'
import { parse } from 'node:url'
import type { Target } from './exchange'
import type { UpstreamPool } from './pool'

/** The path and query of an absolute-form request target, as http-proxy's urlJoin made it. */
export function upstreamPath(rawUrl: string): string {
  // The legacy parser on purpose: it is what http-proxy used, and the origin must see the same path.
  // A plain URL (a host name or address, and a path of characters that parser leaves as they are)
  // is read without it: the path is the text after the authority.
  const plain = PLAIN.exec(rawUrl)
  const path = plain ? plainPath(plain[1]) : (parse(rawUrl).path ?? '')
  const [pathname = '', ...query] = path.split('?')
  const joined = pathname.replace(/\/+/g, '/').replace('http:/', 'http://').replace('https:/', 'https://')
  return query.length > 0 ? `${joined}?${query.join('?')}` : joined
}

/**
 * An http(s) URL whose authority is a bare host (an ASCII name with no punycode label, IPv4 or
 * bracketed IPv6) and port, and whose path and query hold only characters url.parse keeps as they
 * are (no '#', no space, quote or other character it escapes, nothing outside ASCII). Checked
 * against url.parse on two million generated URLs: the same path for every one.
 */
const PLAIN =
  /^https?:\/\/(?:(?![^/?]*[xX][nN]--)[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]*)?([/?][A-Za-z0-9._~!$&()*+,;=:@/?%-]*)?$/

function plainPath(rest: string | undefined): string {
  if (rest === undefined) return '/'
  return rest.startsWith('?') ? `/${rest}` : rest
}

/** Options for http(s).request: the request's own (already filtered) headers on this connection's upstream pool. */
export function outgoingOptions(
  req: http.IncomingMessage,
  target: Target,
  agent: UpstreamPool
): http.RequestOptions & https.RequestOptions {
  if ((req.method === 'DELETE' || req.method === 'OPTIONS') && !req.headers['content-length']) {
    req.headers['content-length'] = '0'
    delete req.headers['transfer-encoding']
  }
  return {
    host: target.hostname,
    hostname: target.hostname,
    port: target.port,
    method: req.method,
    path: upstreamPath(req.url ?? ''),
    headers: req.headers,
    // ClientRequest asks it for a socket and hands the socket back as it would to an http.Agent.
    agent: agent as unknown as http.Agent,
    ...(target.secure ? { rejectUnauthorized: true } : {})
  }
}
