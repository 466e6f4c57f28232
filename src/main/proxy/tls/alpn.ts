// ALPN in one place: what Roundtrip offers a client it intercepts and an origin it connects to.
// HTTP/2 (h2) joins here: offer it, and hand an `h2` socket to its own handler.

/** Offered to intercepted clients, in preference order. */
export const CLIENT_ALPN = ['http/1.1']
/** Offered to origins. */
export const UPSTREAM_ALPN = ['http/1.1']

/** The protocol a decrypted socket speaks: what ALPN agreed, else HTTP/1.1. */
export function negotiated(alpnProtocol: string | false | null | undefined): string {
  return typeof alpnProtocol === 'string' && alpnProtocol ? alpnProtocol : 'http/1.1'
}
