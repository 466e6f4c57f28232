// Roundtrip's side towards the origin of an intercepted tunnel: the client connection's upstream
// sockets (pool.ts, as for plain http) speaking TLS, verified against the system's roots (Node's
// bundled ones plus NODE_EXTRA_CA_CERTS), an --upstream-ca file, or nothing with
// --insecure-upstream; and the facts of each upstream TLS socket for the exchange's record.
import { readFileSync } from 'node:fs'
import net from 'node:net'
import tls from 'node:tls'
import type { CertificateFacts, UpstreamTlsFacts } from '../../../shared/tls'
import { UPSTREAM_ALPN } from './alpn'
import { UpstreamPool } from '../pool'

export interface UpstreamTrust {
  /** Extra CA certificates (PEM) trusted besides the system's roots. */
  extraCa?: string
  /** Accept any certificate (development servers), still recording why it would have failed. */
  insecure?: boolean
}

/** The CA list for upstream verification: undefined keeps Node's defaults untouched. */
export function trustedCas(extraCa: string | undefined): string[] | undefined {
  if (!extraCa) return undefined
  const fromEnv: string[] = []
  const envFile = process.env.NODE_EXTRA_CA_CERTS
  if (envFile) {
    try {
      fromEnv.push(readFileSync(envFile, 'utf8'))
    } catch {
      // Node itself warned at start about an unreadable NODE_EXTRA_CA_CERTS.
    }
  }
  return [...tls.rootCertificates, ...fromEnv, extraCa]
}

/**
 * One TLS context per set of trusted CAs, made once and shared by every upstream connection.
 * Handing `ca` itself to an agent costs on every request: https.Agent's getName() joins the whole
 * PEM list (~200 KB with the system's roots) into the pool key, and each new socket parses it all again.
 */
const contexts = new WeakMap<readonly string[], tls.SecureContext>()
let defaultContext: tls.SecureContext | undefined
export function trustContext(ca: readonly string[] | undefined): tls.SecureContext {
  if (!ca) return (defaultContext ??= tls.createSecureContext({}))
  let context = contexts.get(ca)
  if (!context) contexts.set(ca, (context = tls.createSecureContext({ ca: [...ca] })))
  return context
}

/**
 * The upstream sockets of one tunnel's client connection. Its first socket is the TCP connection
 * opened when the CONNECT arrived (so the origin sees one connection, as without Roundtrip);
 * later ones are opened as usual.
 */
export function tunnelAgent(opts: {
  secure: boolean
  preopened?: net.Socket
  ca?: readonly string[]
  insecure?: boolean
}): UpstreamPool {
  if (!opts.secure) return new UpstreamPool({ secure: false, preopened: opts.preopened })
  return new UpstreamPool({
    secure: true,
    preopened: opts.preopened,
    secureContext: trustContext(opts.ca),
    rejectUnauthorized: !opts.insecure,
    ALPNProtocols: UPSTREAM_ALPN,
    onSecure: (socket) => handshaken.add(socket)
  })
}

/** Upstream TLS sockets whose handshake has finished (their facts can be read). */
export const handshaken = new WeakSet<tls.TLSSocket>()

/** One certificate as the UI shows it. */
export function certificateFacts(cert: tls.PeerCertificate): CertificateFacts {
  const name = (n: tls.Certificate | undefined): string =>
    n
      ? Object.entries(n)
          .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
          .join(', ')
      : ''
  return {
    subject: name(cert.subject),
    issuer: name(cert.issuer),
    validFrom: cert.valid_from,
    validTo: cert.valid_to,
    fingerprint256: cert.fingerprint256,
    ...(cert.subjectaltname ? { subjectAltName: cert.subjectaltname } : {})
  }
}

/** What one upstream TLS socket negotiated and what the origin sent. */
export function upstreamFacts(socket: tls.TLSSocket): UpstreamTlsFacts {
  const chain: CertificateFacts[] = []
  let cert = socket.getPeerCertificate(true) as tls.DetailedPeerCertificate | undefined
  const seen = new Set<string>()
  while (cert && cert.fingerprint256 && !seen.has(cert.fingerprint256) && chain.length < 10) {
    seen.add(cert.fingerprint256)
    chain.push(certificateFacts(cert))
    cert = cert.issuerCertificate
  }
  const error = socket.authorizationError
  return {
    version: socket.getProtocol() ?? undefined,
    cipher: socket.getCipher()?.name,
    ...(socket.alpnProtocol ? { alpn: socket.alpnProtocol } : {}),
    chain,
    verified: socket.authorized,
    ...(error ? { verifyError: typeof error === 'string' ? error : error.message } : {})
  }
}
