// Every socket and parser error the proxy can meet becomes a kind, a status and a sentence that
// says what happened and what to do. The cases a test cannot provoke on loopback alone (DNS
// failures, unreachable networks) are checked here on the classifier itself.
import { describe, expect, it } from 'vitest'
import { classifyClientError, classifyUpstreamError, errorBody } from '../../src/main/proxy/errors'

const err = (code: string, message = 'boom'): NodeJS.ErrnoException =>
  Object.assign(new Error(message), { code })

describe('error classification', () => {
  it.each([
    ['ECONNREFUSED', 'upstream-refused', /refused/],
    ['ENOTFOUND', 'upstream-unreachable', /could not be resolved/],
    ['EAI_AGAIN', 'upstream-unreachable', /could not be resolved/],
    ['EHOSTUNREACH', 'upstream-unreachable', /could not be reached/],
    ['ENETUNREACH', 'upstream-unreachable', /could not be reached/],
    ['ECONNRESET', 'upstream-reset', /closed the connection/],
    ['EPIPE', 'upstream-reset', /closed the connection/],
    ['HPE_INVALID_CONSTANT', 'upstream-invalid-response', /not valid HTTP/],
    ['ESOMETHINGNEW', 'proxy-error', /failed/]
  ])('upstream %s is %s with a sentence naming the target', (code, kind, words) => {
    const e = classifyUpstreamError(err(code), 'example.test:80', false)
    expect(e.kind).toBe(kind)
    expect(e.status).toBe(502)
    expect(e.message).toMatch(words)
    expect(e.message).toContain('example.test:80')
    expect(e.message).toMatch(/[.)]$/)
  })

  it('a timeout is a 504 whatever the code', () => {
    const e = classifyUpstreamError(err('ECONNRESET'), 'slow.test:80', true)
    expect([e.kind, e.status]).toEqual(['upstream-timeout', 504])
  })

  it.each([
    ['HPE_HEADER_OVERFLOW', 431],
    ['HPE_INVALID_HEADER_TOKEN', 400],
    ['HPE_UNEXPECTED_CONTENT_LENGTH', 400],
    ['HPE_INVALID_CONTENT_LENGTH', 400],
    ['HPE_INVALID_TRANSFER_ENCODING', 400],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408],
    ['HPE_INVALID_METHOD', 400]
  ])('client error %s answers %i with a sentence', (code, status) => {
    const e = classifyClientError(err(code))
    expect(e.status).toBe(status)
    expect(e.kind).toBe('bad-request')
    expect(e.message.length).toBeGreaterThan(30)
  })

  it('error bodies are plain text that names the status', () => {
    expect(errorBody(502, 'Nothing there.')).toBe('Roundtrip proxy: 502\n\nNothing there.\n')
  })
})
