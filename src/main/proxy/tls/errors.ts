// TLS failures in words: the origin's certificate Roundtrip would not accept (upstream), and a
// client that would not finish its handshake with Roundtrip (usually: it does not trust the CA).
import type { ClassifiedError } from '../errors'

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA'
])

/** A sentence for why an origin's certificate failed verification, or undefined when it is not that. */
export function certificateProblem(code: string | undefined, target: string): string | undefined {
  if (!code) return undefined
  const fix =
    'If you trust this server, start Roundtrip with --upstream-ca FILE (its CA certificate) or, for a development server only, --insecure-upstream.'
  if (code === 'CERT_HAS_EXPIRED') return `${target}'s certificate has expired. ${fix}`
  if (code === 'CERT_NOT_YET_VALID')
    return `${target}'s certificate is not valid yet (check the clocks). ${fix}`
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return `${target}'s certificate is for another host name (wrong host). ${fix}`
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN')
    return `${target}'s certificate is self-signed, so its issuer is unknown to Roundtrip. ${fix}`
  if (UNTRUSTED.has(code)) return `${target}'s certificate was issued by an unknown issuer (${code}). ${fix}`
  if (code.startsWith('CERT_') || code.endsWith('_CERT') || code.includes('CERTIFICATE'))
    return `${target}'s certificate could not be verified (${code}). ${fix}`
  return undefined
}

/** Roundtrip's TLS connection to the origin failed: the certificate, or the handshake itself. */
export function classifyUpstreamTls(err: NodeJS.ErrnoException, target: string): ClassifiedError | undefined {
  const cert = certificateProblem(err.code, target)
  if (cert) return { kind: 'upstream-tls', status: 502, message: cert }
  if (err.code?.startsWith('ERR_SSL_') || err.code === 'EPROTO' || /TLS|SSL/.test(err.message)) {
    return {
      kind: 'upstream-tls',
      status: 502,
      message: `Roundtrip could not set up TLS with ${target} (${err.code ?? 'handshake failed'}: ${err.message.slice(0, 200)}). Check that the server speaks HTTPS on that port and sends a certificate.`
    }
  }
  return undefined
}

export const DISTRUST_SENTENCE =
  "This client does not trust Roundtrip's CA: start the browser from Roundtrip, or install ca.pem (`roundtrip ca --path` prints where it is)."

/**
 * Why a client's handshake with Roundtrip failed. `sawCertificate`: Roundtrip had already sent its
 * certificate when the client gave up, so a silent close most likely means it refused it.
 */
export function classifyClientTls(
  err: NodeJS.ErrnoException | undefined,
  host: string,
  sawCertificate: boolean
): { message: string; distrust: boolean } {
  const code = err?.code ?? ''
  if (
    /ALERT_(UNKNOWN_CA|BAD_CERTIFICATE|CERTIFICATE_UNKNOWN|UNSUPPORTED_CERTIFICATE|DECRYPT_ERROR|ACCESS_DENIED)/.test(
      code
    )
  ) {
    return {
      message: `${host}: the client rejected Roundtrip's certificate (${code}). ${DISTRUST_SENTENCE}`,
      distrust: true
    }
  }
  if (err?.message?.includes('timed out')) {
    return {
      message: `${host}: the client started a TLS handshake and never finished it; Roundtrip closed the tunnel.`,
      distrust: false
    }
  }
  if (!err || code === 'ECONNRESET' || code === 'EPIPE') {
    return sawCertificate
      ? {
          message: `${host}: the client closed the connection after seeing Roundtrip's certificate. ${DISTRUST_SENTENCE}`,
          distrust: true
        }
      : {
          message: `${host}: the client left in the middle of its TLS handshake, before it had sent its whole ClientHello.`,
          distrust: false
        }
  }
  return {
    message: `${host}: the client's TLS handshake with Roundtrip failed (${code || 'error'}: ${(err.message ?? '').slice(0, 200)}).`,
    distrust: false
  }
}
