// Malformed requests from a client, sent byte for byte on raw sockets. Each is refused with a
// status and a readable reason, recorded as an error exchange, and the proxy keeps serving.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { errorExchange, rawExchange, startRig, type FaultRig } from '../helpers/faults'

let rig: FaultRig

beforeEach(async () => {
  rig = await startRig()
})

afterEach(async () => {
  await rig.healthy()
  await rig.close()
})

interface Case {
  name: string
  bytes: (target: string) => string
  status: number
  reason: RegExp
}

const CRLF = '\r\n'
const req = (line: string, ...headers: string[]): string => [line, ...headers, '', ''].join(CRLF)

const cases: Case[] = [
  {
    name: 'a request line that is not HTTP',
    bytes: () => 'HELLO THERE\r\n\r\n',
    status: 400,
    reason: /HTTP/
  },
  {
    name: 'an unknown method',
    bytes: (t) => req(`FROB ${t}/ HTTP/1.1`, 'Host: x'),
    status: 400,
    reason: /HTTP/
  },
  {
    name: 'a lowercase method',
    bytes: (t) => req(`get ${t}/ HTTP/1.1`, 'Host: x'),
    status: 400,
    reason: /HTTP/
  },
  { name: 'HTTP/9.9', bytes: (t) => req(`GET ${t}/ HTTP/9.9`, 'Host: x'), status: 400, reason: /HTTP/ },
  {
    name: 'a version with letters',
    bytes: (t) => req(`GET ${t}/ HTTP/1.x`, 'Host: x'),
    status: 400,
    reason: /HTTP/
  },
  { name: 'NUL in the request line', bytes: (t) => req(`GET ${t}/\0 HTTP/1.1`), status: 400, reason: /HTTP/ },
  {
    name: 'an absolute URL with a broken IPv6 host',
    bytes: () => req('GET http://[::1/ HTTP/1.1', 'Host: x'),
    status: 400,
    reason: /not a URL the proxy can forward/
  },
  {
    name: 'an absolute URL with a bad percent-escape in the host',
    bytes: () => req('GET http://exa%zzmple/ HTTP/1.1', 'Host: x'),
    status: 400,
    reason: /not a URL the proxy can forward/
  },
  {
    name: 'an absolute URL with a port beyond 65535',
    bytes: () => req('GET http://127.0.0.1:99999/ HTTP/1.1', 'Host: x'),
    status: 400,
    reason: /not a URL the proxy can forward/
  },
  {
    name: 'a scheme the proxy does not forward',
    bytes: () => req('GET ftp://127.0.0.1/file HTTP/1.1', 'Host: x'),
    status: 400,
    reason: /plain http:\/\/ URLs/
  },
  {
    name: 'a header name with a space',
    bytes: (t) => req(`GET ${t}/ HTTP/1.1`, 'Host: x', 'Bad Name: 1'),
    status: 400,
    reason: /characters HTTP does not allow/
  },
  {
    name: 'a header name with a bracket',
    bytes: (t) => req(`GET ${t}/ HTTP/1.1`, 'Host: x', 'X-[a]: 1'),
    status: 400,
    reason: /characters HTTP does not allow/
  },
  {
    name: 'a control byte in a header value',
    bytes: (t) => req(`GET ${t}/ HTTP/1.1`, 'Host: x', 'X-Ctl: a\x01b'),
    status: 400,
    reason: /characters HTTP does not allow|could not be read/
  },
  {
    name: 'a bare CR inside a header value',
    bytes: (t) => req(`GET ${t}/ HTTP/1.1`, 'Host: x', 'X-Cr: a\rb'),
    status: 400,
    reason: /HTTP/
  },
  {
    name: 'a header line without a colon',
    bytes: (t) => req(`GET ${t}/ HTTP/1.1`, 'Host: x', 'NoColonHere'),
    status: 400,
    reason: /HTTP/
  },
  {
    name: 'an obs-fold continuation line',
    bytes: (t) => req(`GET ${t}/ HTTP/1.1`, 'Host: x', 'X-Fold: a', ' b'),
    status: 400,
    reason: /HTTP/
  },
  {
    name: 'a non-numeric Content-Length',
    bytes: (t) => req(`POST ${t}/ HTTP/1.1`, 'Host: x', 'Content-Length: abc'),
    status: 400,
    reason: /Content-Length/
  },
  {
    name: 'a negative Content-Length',
    bytes: (t) => req(`POST ${t}/ HTTP/1.1`, 'Host: x', 'Content-Length: -5'),
    status: 400,
    reason: /Content-Length/
  },
  {
    name: 'two different Content-Lengths',
    bytes: (t) => req(`POST ${t}/ HTTP/1.1`, 'Host: x', 'Content-Length: 3', 'Content-Length: 5') + 'abcde',
    status: 400,
    reason: /Content-Length/
  },
  {
    name: 'Content-Length with Transfer-Encoding',
    bytes: (t) =>
      req(`POST ${t}/ HTTP/1.1`, 'Host: x', 'Content-Length: 4', 'Transfer-Encoding: chunked') + '0\r\n\r\n',
    status: 400,
    reason: /Content-Length|Transfer-Encoding/
  },
  {
    name: 'a Transfer-Encoding that does not end in chunked',
    bytes: (t) => req(`POST ${t}/ HTTP/1.1`, 'Host: x', 'Transfer-Encoding: chunked, identity') + '0\r\n\r\n',
    status: 400,
    reason: /Transfer-Encoding/
  },
  {
    name: 'an obfuscated Transfer-Encoding (xchunked)',
    bytes: (t) => req(`POST ${t}/ HTTP/1.1`, 'Host: x', 'Transfer-Encoding: xchunked') + '0\r\n\r\n',
    status: 400,
    reason: /Transfer-Encoding/
  },
  {
    name: 'two Transfer-Encoding lines, the last not chunked',
    bytes: (t) =>
      req(`POST ${t}/ HTTP/1.1`, 'Host: x', 'Transfer-Encoding: chunked', 'Transfer-Encoding: identity') +
      '0\r\n\r\n',
    status: 400,
    reason: /Transfer-Encoding/
  },
  {
    name: 'a vertical tab before chunked',
    bytes: (t) => req(`POST ${t}/ HTTP/1.1`, 'Host: x', 'Transfer-Encoding:\x0bchunked') + '0\r\n\r\n',
    status: 400,
    reason: /HTTP|Transfer-Encoding/
  },
  {
    name: 'a space before the colon of Transfer-Encoding',
    bytes: (t) => req(`POST ${t}/ HTTP/1.1`, 'Host: x', 'Transfer-Encoding : chunked') + '0\r\n\r\n',
    status: 400,
    reason: /HTTP/
  },
  {
    name: 'a chunk size that is not hex',
    bytes: (t) =>
      req(`POST ${t}/ HTTP/1.1`, 'Host: x', 'Transfer-Encoding: chunked') + 'zz\r\nhello\r\n0\r\n\r\n',
    status: 400,
    reason: /HTTP/
  }
]

describe('malformed requests', () => {
  for (const c of cases) {
    it(`refuses ${c.name} with ${c.status} and records why`, async () => {
      const reply = await rawExchange(rig.proxy.port, c.bytes(rig.origin.url))
      expect(reply.status).toBe(c.status)
      expect(reply.text).toMatch(c.reason)
      const ex = await errorExchange(rig.proxy)
      expect(ex.error?.kind).toBe('bad-request')
      expect(ex.error?.message).toMatch(c.reason)
      expect(ex.status).toBe(c.status)
    })
  }

  it('answers oversized headers with 431 and says what to do', async () => {
    const big = 'a'.repeat(20_000)
    const reply = await rawExchange(
      rig.proxy.port,
      req(`GET ${rig.origin.url}/ HTTP/1.1`, 'Host: x', `Cookie: big=${big}`, `X-More: ${big}`)
    )
    expect(reply.status).toBe(431)
    expect(reply.text).toMatch(/too large/)
    const ex = await errorExchange(rig.proxy)
    expect(ex.status).toBe(431)
  })

  it('forwards a body framed by a single valid Content-Length', async () => {
    const reply = await rawExchange(
      rig.proxy.port,
      req(`POST ${rig.origin.url}/ok HTTP/1.1`, 'Host: x', 'Content-Length: 5', 'Connection: close') + 'hello'
    )
    expect(reply.status).toBe(200)
    expect(reply.text).toContain('POST /ok')
  })

  it('forwards an odd but valid method the parser accepts (PROPFIND)', async () => {
    const reply = await rawExchange(
      rig.proxy.port,
      req(`PROPFIND ${rig.origin.url}/dav HTTP/1.1`, 'Host: x', 'Connection: close')
    )
    expect(reply.status).toBe(200)
    expect(reply.text).toContain('PROPFIND /dav')
  })
})
