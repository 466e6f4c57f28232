import { describe, expect, it } from 'vitest'
import { buildPac, proxyAddress } from '../../../src/main/browser/pac'

/** Evaluates the PAC text the way a browser would, with the one helper it uses. */
function findProxy(pac: string, url: string): string {
  const dnsDomainIs = (host: string, domain: string) => host.endsWith(domain)
  const fn = new Function('dnsDomainIs', `${pac}\nreturn FindProxyForURL;`)(dnsDomainIs) as (
    u: string,
    h: string
  ) => string
  return fn(url, new URL(url).hostname)
}

describe('buildPac', () => {
  const pac = buildPac('http://127.0.0.1:8123')

  it('sends the sample site and the tracker only through the proxy', () => {
    expect(findProxy(pac, 'http://roundtrip.test/')).toBe('PROXY 127.0.0.1:8123')
    expect(findProxy(pac, 'http://tracker.test/pixel.gif')).toBe('PROXY 127.0.0.1:8123')
    expect(findProxy(pac, 'http://www.roundtrip.test/a')).toBe('PROXY 127.0.0.1:8123')
  })

  it('sends everything else through the proxy too, direct only if the proxy is not running', () => {
    expect(findProxy(pac, 'http://example.com/')).toBe('PROXY 127.0.0.1:8123; DIRECT')
    expect(findProxy(pac, 'https://localhost:3000/')).toBe('PROXY 127.0.0.1:8123; DIRECT')
    expect(findProxy(pac, 'http://notroundtrip.test/')).toBe('PROXY 127.0.0.1:8123; DIRECT')
  })

  it('brackets an IPv6 proxy address', () => {
    expect(findProxy(buildPac('http://[::1]:9000'), 'http://roundtrip.test/')).toBe('PROXY [::1]:9000')
  })

  it('rejects an address that is not http://HOST:PORT with a sentence', () => {
    expect(() => buildPac('https://127.0.0.1:8080')).toThrow(/must be http:\/\/HOST:PORT/)
    expect(() => buildPac('http://127.0.0.1:8080/x')).toThrow(/must be http:\/\/HOST:PORT/)
    expect(proxyAddress('http://proxy.lan')).toEqual({ host: 'proxy.lan', port: 80 })
    expect(() => proxyAddress('not a url')).toThrow(/is not a URL/)
  })
})
