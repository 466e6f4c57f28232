// Turns socket and parser errors into an error kind, a status for the client, and a sentence a
// person can act on. The same words go into the capture and onto the error page.
import type { ExchangeErrorKind } from '../../shared/model'
import { classifyUpstreamTls } from './tls/errors'

export interface ClassifiedError {
  kind: ExchangeErrorKind
  status: number
  message: string
}

export function classifyUpstreamError(
  err: NodeJS.ErrnoException,
  target: string,
  timedOut: boolean
): ClassifiedError {
  if (timedOut) {
    return {
      kind: 'upstream-timeout',
      status: 504,
      message: `${target} did not answer in time. Check that the server is running and not stuck, or raise the upstream timeout.`
    }
  }
  switch (err.code) {
    case 'ECONNREFUSED':
      return {
        kind: 'upstream-refused',
        status: 502,
        message: `${target} refused the connection: nothing is listening there. Start the server or check the host and port.`
      }
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return {
        kind: 'upstream-unreachable',
        status: 502,
        message: `The name in ${target} could not be resolved. Check the spelling, or your DNS and network.`
      }
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return {
        kind: 'upstream-unreachable',
        status: 502,
        message: `${target} could not be reached (${err.code}). Check your network and that the host is up.`
      }
    case 'ECONNRESET':
    case 'EPIPE':
      return {
        kind: 'upstream-reset',
        status: 502,
        message: `${target} closed the connection before a complete response arrived (${err.code}).`
      }
    case 'HPE_HEADER_OVERFLOW':
      return {
        kind: 'upstream-invalid-response',
        status: 502,
        message: `${target} sent response headers larger than the proxy accepts (16 KB); the response was dropped.`
      }
    default: {
      const tls = classifyUpstreamTls(err, target)
      if (tls) return tls
      if (err.code?.startsWith('HPE_')) {
        return {
          kind: 'upstream-invalid-response',
          status: 502,
          message: `${target} sent a response that is not valid HTTP (${err.code}: ${err.message}).`
        }
      }
      return {
        kind: 'proxy-error',
        status: 502,
        message: `Forwarding to ${target} failed: ${err.message}${err.code ? ` (${err.code})` : ''}.`
      }
    }
  }
}

/** What Node's parser said about a request it could not read, in words. */
export function classifyClientError(err: NodeJS.ErrnoException): ClassifiedError {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        kind: 'bad-request',
        status: 431,
        message:
          'The request headers were too large for the proxy. Send fewer or shorter headers (cookies, usually).'
      }
    case 'HPE_INVALID_HEADER_TOKEN':
      return {
        kind: 'bad-request',
        status: 400,
        message: 'A request header name or value has characters HTTP does not allow; the request was refused.'
      }
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
    case 'HPE_INVALID_CONTENT_LENGTH':
      return {
        kind: 'bad-request',
        status: 400,
        message:
          'The request has a Content-Length that is invalid, repeated, or combined with Transfer-Encoding; it was refused to avoid request smuggling.'
      }
    case 'HPE_INVALID_TRANSFER_ENCODING':
      return {
        kind: 'bad-request',
        status: 400,
        message: 'The request has a Transfer-Encoding the proxy cannot read safely; it was refused.'
      }
    case 'HPE_INVALID_EOF_STATE':
      return {
        kind: 'client-aborted',
        status: 400,
        message: 'The client closed the connection before it had sent its whole request.'
      }
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'HPE_HEADERS_TIMEOUT':
      return {
        kind: 'bad-request',
        status: 408,
        message: 'The client took too long to send its request headers; the connection was closed.'
      }
    default:
      return {
        kind: 'bad-request',
        status: 400,
        message: `The request could not be read as HTTP (${err.code ?? 'parse error'}: ${err.message}).`
      }
  }
}

/** A plain-text error body: never HTML, since parts of it come from the traffic. */
export function errorBody(status: number, message: string): string {
  return `Roundtrip proxy: ${status}\n\n${message}\n`
}
