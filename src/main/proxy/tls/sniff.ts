// What a client sends first inside a CONNECT tunnel tells what it speaks: a TLS handshake record
// (0x16, then version 3.x) is HTTPS to intercept; an HTTP/1 request line (`GET /path HTTP/1.1`)
// is plain HTTP (undici's ProxyAgent tunnels even http:// URLs); anything else stays opaque.

export type Sniffed = 'tls' | 'http' | 'other' | 'more'

/** Longest request line we wait for before calling the bytes "not HTTP". */
const MAX_LINE = 8192
const REQUEST_LINE = /^[A-Z]{3,20} [\x21-\x7e]+ HTTP\/1\.[01]\r?$/

export function sniff(bytes: Buffer): Sniffed {
  if (bytes.length === 0) return 'more'
  if (bytes[0] === 0x16) {
    if (bytes.length < 2) return 'more'
    return bytes[1] === 0x03 ? 'tls' : 'other'
  }
  // Methods are upper-case tokens: anything else at the start is not HTTP.
  const upTo = Math.min(bytes.length, 21)
  for (let i = 0; i < upTo; i++) {
    const c = bytes[i]!
    if (c === 0x20 && i >= 3) break
    if (c < 0x41 || c > 0x5a) return 'other'
  }
  const end = bytes.indexOf(0x0a)
  if (end < 0) return bytes.length > MAX_LINE ? 'other' : 'more'
  return REQUEST_LINE.test(bytes.subarray(0, end).toString('latin1')) ? 'http' : 'other'
}
