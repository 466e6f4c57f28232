import { describe, expect, it } from 'vitest'
import { manualSetup, noBrowserFound } from '../../../src/main/browser/manual'

describe('manualSetup', () => {
  it('gives copyable one-liners for curl, wget and the proxy environment variables', () => {
    const m = manualSetup('http://127.0.0.1:8080', { pacUrl: 'http://127.0.0.1:4000/proxy.pac' })
    expect(m).toMatchObject({ host: '127.0.0.1', port: 8080, pacUrl: 'http://127.0.0.1:4000/proxy.pac' })
    expect(m.curl).toBe('curl -x http://127.0.0.1:8080 http://roundtrip.test/')
    expect(m.wget).toBe(
      'wget -e use_proxy=yes -e http_proxy=http://127.0.0.1:8080 -O - http://roundtrip.test/'
    )
    expect(m.env).toContain('export HTTP_PROXY=http://127.0.0.1:8080 HTTPS_PROXY=http://127.0.0.1:8080')
    expect(m.powershell).toBe(
      "$env:HTTP_PROXY='http://127.0.0.1:8080'; $env:HTTPS_PROXY='http://127.0.0.1:8080'"
    )
  })
})

describe('noBrowserFound', () => {
  it('names every browser looked for and how to set a proxy by hand', () => {
    const s = noBrowserFound('http://127.0.0.1:8081', { pacUrl: 'http://127.0.0.1:4000/proxy.pac' })
    for (const name of ['Chromium', 'Google Chrome', 'Microsoft Edge', 'Brave', 'Firefox'])
      expect(s).toContain(name)
    expect(s).toContain('127.0.0.1 port 8081')
    expect(s).toContain('http://127.0.0.1:4000/proxy.pac')
    expect(s).toContain('curl -x http://127.0.0.1:8081 http://roundtrip.test/')
  })
})
