// originOf keeps origins per scheme://authority prefix: every URL still gets what the URL parser says.
import { describe, expect, it } from 'vitest'
import { authorityPrefix, originOf } from '../../../src/shared/http'

/** The origin read from the whole URL, as originOf did before it kept any. */
function parsed(url: string): string {
  try {
    const u = new URL(url)
    const port = u.port || (u.protocol === 'https:' || u.protocol === 'wss:' ? '443' : '80')
    return `${u.protocol}//${u.hostname}:${port}`
  } catch {
    return url
  }
}

describe('originOf', () => {
  it('gives each URL the origin its parser reads, also after another URL with the same prefix', () => {
    const urls = [
      'http://a.test/x?y=1',
      'http://a.test/other#frag',
      'HTTP://A.TEST:80/upper',
      'http://a.test\\back\\slash',
      'http:///b.test/empty-authority',
      'http:///c.test/empty-authority',
      'http:/d.test/one-slash',
      'https://u:p@e.test:8443/p',
      'https://u:p@e.test:8443/q?x#y',
      'http://user/name@f.test/',
      'ws://[::1]:8080/socket',
      'wss://[::1]:8080/socket',
      ' http://g.test/leading-space',
      'http://h.test:99999/bad-port',
      'http://h.test:99999/bad-port-again',
      'http://x y.test/space',
      'http://a.test/%zz\u0000\t\n[]{}|^`<>',
      'http://a.test?\uD800#\uDFFF',
      'not a url',
      'data:text/plain,hi'
    ]
    for (const url of urls) expect(originOf(url), url).toBe(parsed(url))
    // Asked again, in reverse: the same answers.
    for (const url of [...urls].reverse()) expect(originOf(url), url).toBe(parsed(url))
  })
})

describe('authorityPrefix', () => {
  it('ends where the authority ends, for http(s) and ws(s) only', () => {
    expect(authorityPrefix('http://a.test/x?y=1')).toBe('http://a.test')
    expect(authorityPrefix('HTTPS://u:p@e.test:8443?q#f')).toBe('HTTPS://u:p@e.test:8443')
    expect(authorityPrefix('http://a.test\\back')).toBe('http://a.test')
    expect(authorityPrefix('wss://[::1]:8080#x')).toBe('wss://[::1]:8080')
    expect(authorityPrefix('http://a.test')).toBe('http://a.test')
    expect(authorityPrefix('http:///empty-authority')).toBeUndefined()
    expect(authorityPrefix(' http://leading-space.test/')).toBeUndefined()
    expect(authorityPrefix('ftp://a.test/')).toBeUndefined()
    expect(authorityPrefix('not a url')).toBeUndefined()
  })
})
