// The first bytes of a tunnel decide what it carries; split input waits, odd input stays opaque.
import { describe, expect, it } from 'vitest'
import { sniff } from '../../../../src/main/proxy/tls/sniff'

describe('sniff', () => {
  it('tells TLS, HTTP and anything else apart', () => {
    expect(sniff(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00]))).toBe('tls')
    expect(sniff(Buffer.from('GET / HTTP/1.1\r\nHost: roundtrip.test\r\n\r\n'))).toBe('http')
    expect(sniff(Buffer.from('POST /login HTTP/1.0\n'))).toBe('http')
    expect(sniff(Buffer.from('hello tunnel'))).toBe('other')
    expect(sniff(Buffer.from('SSH-2.0-OpenSSH_9.2\r\n'))).toBe('other')
    expect(sniff(Buffer.from('GET / SPDY/3\r\n'))).toBe('other')
    expect(sniff(Buffer.from([0x16, 0x01]))).toBe('other')
    expect(sniff(Buffer.from('\r\n\r\nping'))).toBe('other')
  })

  it('waits for more when the start could still be either', () => {
    expect(sniff(Buffer.alloc(0))).toBe('more')
    expect(sniff(Buffer.from([0x16]))).toBe('more')
    expect(sniff(Buffer.from('GE'))).toBe('more')
    expect(sniff(Buffer.from('GET /very/long'))).toBe('more')
    expect(sniff(Buffer.from('GET /' + 'a'.repeat(9000)))).toBe('other')
  })
})
