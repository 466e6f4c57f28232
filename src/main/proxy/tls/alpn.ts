// ALPN in one place: what Roundtrip offers a client it intercepts and an origin it connects to.
// `--http2 off` leaves h2 out, so every client speaks HTTP/1.1 to Roundtrip.

/** Offered to intercepted clients, in preference order. */
export const CLIENT_ALPN = ['h2', 'http/1.1']
/** Offered to intercepted clients with HTTP/2 off. */
export const CLIENT_ALPN_HTTP1 = ['http/1.1']
/** Offered to origins on behalf of an HTTP/1.1 client (an HTTP/2 client's origins are offered h2 too). */
export const UPSTREAM_ALPN = ['http/1.1']

/** The protocol a decrypted socket speaks: what ALPN agreed, else HTTP/1.1. */
export function negotiated(alpnProtocol: string | false | null | undefined): string {
  return typeof alpnProtocol === 'string' && alpnProtocol ? alpnProtocol : 'http/1.1'
}
