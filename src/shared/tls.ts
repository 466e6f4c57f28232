// TLS facts the proxy records: what the client negotiated with Roundtrip when it intercepted a
// CONNECT tunnel, and what the origin presented to Roundtrip upstream. Plain data (HAR `_tls`).

/**
 * What became of a CONNECT tunnel: `intercepted` (TLS ended at Roundtrip, requests recorded),
 * `http` (plain HTTP inside the tunnel, recorded), `passthrough` (a --passthrough host, bytes
 * copied untouched), `tunnel` (not TLS nor HTTP, or interception off: bytes copied untouched).
 */
export type TunnelMode = 'intercepted' | 'http' | 'passthrough' | 'tunnel'

/** The client's side of an intercepted connection. */
export interface ClientTlsFacts {
  /** The server name the client asked for (SNI); absent when it sent none. */
  sni?: string
  version?: string
  cipher?: string
  /** The application protocol agreed by ALPN (`http/1.1`), absent when the client offered none. */
  alpn?: string
}

export interface CertificateFacts {
  subject: string
  issuer: string
  validFrom: string
  validTo: string
  /** SHA-256 fingerprint, colon-separated hex. */
  fingerprint256: string
  /** DNS names and addresses it covers. */
  subjectAltName?: string
}

/** Roundtrip's own TLS connection to the origin. */
export interface UpstreamTlsFacts {
  version?: string
  cipher?: string
  alpn?: string
  /** The certificate chain the origin sent, leaf first. */
  chain: CertificateFacts[]
  /** True when Roundtrip checked the chain and the name and both were good. */
  verified: boolean
  /** Why verification failed (with --insecure-upstream the exchange went ahead anyway). */
  verifyError?: string
}

/** TLS facts of one exchange (`_tls` in HAR). */
export interface ExchangeTls {
  client: ClientTlsFacts
  upstream?: UpstreamTlsFacts
}
