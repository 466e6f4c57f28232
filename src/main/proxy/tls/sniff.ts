// What a client sends first inside a CONNECT tunnel tells what it speaks: a TLS handshake record
// (0x16, then version 3.x) is HTTPS to intercept; an HTTP request line (a method token and a space)
// is plain HTTP (undici's ProxyAgent tunnels even http:// URLs); anything else stays opaque.

export type Sniffed = 'tls' | 'http' | 'other' | 'more'

/** Longest method token we wait for before calling the bytes "not HTTP". */
const MAX_METHOD = 24

export function sniff(bytes: Buffer): Sniffed {
  if (bytes.length === 0) return 'more'
  if (bytes[0] === 0x16) {
    if (bytes.length < 2) return 'more'
    return bytes[1] === 0x03 ? 'tls' : 'other'
  }
  for (let i = 0; i < bytes.length && i <= MAX_METHOD; i++) {
    const c = bytes[i]!
    if (c === 0x20) return i > 0 ? 'http' : 'other'
    // RFC 9110 token characters (methods are tokens; in practice upper-case letters).
    const token = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d
    if (!token) return 'other'
  }
  return bytes.length > MAX_METHOD ? 'other' : 'more'
}
