// Small readers of HTTP text shared by the proxy's request and response paths: header pairs and
// the absolute-form URL with a sentence when it is unusable (hop-by-hop names: src/shared/http).
import type { HeaderPair } from '../../shared/model'
import { headerValue } from '../../shared/http'

export function pairs(raw: string[]): HeaderPair[] {
  const out: HeaderPair[] = []
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!])
  return out
}

/** The first value of a header among ordered pairs (the shared look-up, under the proxy's old name). */
export const pairHeader = headerValue

/** The URL of an absolute-form request, or a sentence saying why it cannot be forwarded. */
export function parseAbsoluteUrl(raw: string, allowHttps = false): URL | string {
  if (raw.startsWith('/')) {
    return `"${raw.slice(0, 200)}" is a path, not a full URL: this is Roundtrip's proxy, not a web server. Set it as your browser's HTTP proxy (or use curl -x) and ask for http://roundtrip.test/.`
  }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return `"${raw.slice(0, 200)}" is not a URL the proxy can forward. Send an absolute http:// URL.`
  }
  if (url.protocol !== 'http:' && !(allowHttps && url.protocol === 'https:')) {
    return `The proxy forwards plain http:// URLs; for ${url.protocol}// the client must open a CONNECT tunnel.`
  }
  if (!url.hostname) return `"${raw.slice(0, 200)}" has no host name to forward to.`
  return url
}
