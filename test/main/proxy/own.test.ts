import { describe, expect, it } from 'vitest'
import { absoluteTarget, mayBeOwn, ownTarget, type OwnAddresses } from '../../../src/main/proxy/own'

const own: OwnAddresses = { ports: new Set([8081]), host: () => '127.0.0.1' }

describe("the proxy's cheap check for its own UI's port", () => {
  // Every spelling that the URL parser reads as port 8081 must reach the full check, so a request
  // for the UI (and its token) is never forwarded and recorded.
  const cases = [
    'http://127.0.0.1:8081/api/info?token=x',
    'http://127.0.0.1:08081/',
    'http://localhost:8081',
    'http://user:pw@127.0.0.1:8081/',
    'http://a@b@127.0.0.1:8081/',
    'http://[::1]:8081/',
    'HTTP://127.0.0.1:8081/',
    'http://127.0.0.1:8081\\api',
    'http://127.0.0.1:8081?x=1',
    'http://127.0.0.1:8081#f',
    'http://127.0.0.1:80/',
    'http://127.0.0.1/',
    'http://[::1]/',
    'http://127.0.0.1:3000/a:8081',
    'http://example.test:8081/',
    'http://127.0.0.1:99999/',
    'http://127.0.0.1:+8081/'
  ]
  for (const url of cases) {
    it(`agrees with the URL parser for ${url}`, () => {
      const to = absoluteTarget(url)
      const isOwn = to !== undefined && ownTarget(own, to.hostname, to.port) !== undefined
      if (isOwn) expect(mayBeOwn(own, url), `${url} names port ${to?.port}`).toBe(true)
      const samePort = to !== undefined && own.ports.has(to.port)
      expect(mayBeOwn(own, url) || !samePort, `${url}: parsed port ${to?.port}`).toBe(true)
    })
  }

  it('skips the parser when no own port is registered or the port differs', () => {
    expect(mayBeOwn({ ports: new Set(), host: () => '127.0.0.1' }, 'http://127.0.0.1:8081/')).toBe(false)
    expect(mayBeOwn(own, 'http://127.0.0.1:3000/')).toBe(false)
    expect(mayBeOwn(own, 'http://127.0.0.1/')).toBe(false)
    expect(mayBeOwn(own, '/relative')).toBe(false)
  })
})
