// ELECTRON_RENDERER_URL decides the window's page only in an unpackaged run and only for an http(s)
// dev server on this machine's loopback; otherwise the built page on app:// loads, with a sentence.
import { describe, expect, it } from 'vitest'
import { isLoopbackHostname, rendererUrlFrom } from '../../../src/main/shell-policy/renderer-url'

describe('rendererUrlFrom', () => {
  it('uses the built page when the variable is unset or empty', () => {
    expect(rendererUrlFrom({ isPackaged: false, envUrl: undefined })).toEqual({ use: 'app' })
    expect(rendererUrlFrom({ isPackaged: true, envUrl: '  ' })).toEqual({ use: 'app' })
  })

  it('honours a loopback http(s) dev server in an unpackaged run', () => {
    for (const url of [
      'http://localhost:5173',
      'http://127.0.0.1:5173/',
      'https://localhost:5173/',
      'http://[::1]:5173/',
      'http://127.8.9.10:5173/'
    ]) {
      const d = rendererUrlFrom({ isPackaged: false, envUrl: url })
      expect(d, url).toEqual({ use: 'dev', url: new URL(url).href })
    }
  })

  it('ignores it in a packaged app, whatever it says', () => {
    const d = rendererUrlFrom({ isPackaged: true, envUrl: 'http://localhost:5173' })
    expect(d).toEqual({
      use: 'app',
      ignored: expect.stringMatching(/installed Roundtrip only loads its own page/)
    })
  })

  it('ignores addresses off this machine, other schemes, credentials and junk, with a sentence', () => {
    const cases: [string, RegExp][] = [
      ['http://evil.example:5173/', /evil\.example:5173 is not this machine/],
      ['http://localhost.evil.example/', /not this machine/],
      ['http://192.168.1.5:5173/', /not this machine/],
      ['http://0.0.0.0:5173/', /not this machine/],
      ['http://user:pw@localhost:5173/', /not this machine/],
      ['file:///tmp/index.html', /only http\(s\) dev servers/],
      ['javascript:alert(1)', /only http\(s\) dev servers/],
      ['not a url', /is not a URL/]
    ]
    for (const [url, sentence] of cases) {
      const d = rendererUrlFrom({ isPackaged: false, envUrl: url })
      expect(d.use, url).toBe('app')
      expect('ignored' in d ? d.ignored : '', url).toMatch(sentence)
    }
  })
})

describe('isLoopbackHostname', () => {
  it('knows loopback names and addresses', () => {
    for (const h of ['localhost', 'LOCALHOST', '127.0.0.1', '127.255.255.254', '::1', '[::1]']) {
      expect(isLoopbackHostname(h), h).toBe(true)
    }
    for (const h of ['localhost.', '128.0.0.1', '127.0.0.256', '0.0.0.0', '::', 'example.com', '']) {
      expect(isLoopbackHostname(h), h).toBe(false)
    }
  })
})
