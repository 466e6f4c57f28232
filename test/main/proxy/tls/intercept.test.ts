// HTTPS interception on real sockets with real curl: the client's TLS ends at Roundtrip with a
// leaf from the local CA, the request is recorded like plain http (cookies and all), and
// Roundtrip's own upstream TLS is verified.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportHar } from '../../../../src/shared/har/export'
import {
  curl,
  startHttpsEngine,
  startSelfSignedOrigin,
  until,
  type SelfSignedOrigin
} from '../../../helpers/https'

describe('HTTPS interception', () => {
  let env: Awaited<ReturnType<typeof startHttpsEngine>>
  let origin: SelfSignedOrigin
  beforeAll(async () => {
    env = await startHttpsEngine()
    origin = await startSelfSignedOrigin()
  })
  afterAll(async () => {
    await env.close()
    await origin.close()
  })

  it('decrypts https://roundtrip.test/login for a client that trusts ca.pem, with __Host-sid', async () => {
    const r = await curl([
      '--http1.1', // this test reads the HTTP/1.1 door (HTTP/2 is offered by default)
      '--cacert',
      env.caPath,
      '-x',
      env.engine.proxyUrl,
      '-i',
      '--suppress-connect-headers',
      'https://roundtrip.test/login'
    ])
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/^HTTP\/1\.1 200/)
    expect(r.stdout).toMatch(/set-cookie: __Host-sid=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax/i)
    const snap = env.engine.store.snapshot()
    const ex = await until(
      () =>
        env.engine.store
          .snapshot()
          .exchanges.find((e) => e.url === 'https://roundtrip.test/login' && e.state === 'complete'),
      'the decrypted exchange'
    )
    expect(ex.status).toBe(200)
    expect(ex.tls?.client.sni).toBe('roundtrip.test')
    expect(ex.tls?.client.version).toMatch(/^TLSv1\.[23]$/)
    expect(ex.tls?.client.alpn).toBe('http/1.1')
    expect(ex.tls?.upstream?.verified).toBe(true)
    expect(ex.tls?.upstream?.chain[0]?.subject).toContain('roundtrip.test')
    // The CONNECT and the request it carried share one client connection.
    const tunnel = snap.tunnels.find((t) => t.host === 'roundtrip.test')!
    expect(tunnel.mode).toBe('intercepted')
    expect(tunnel.clientConnectionId).toBe(ex.clientConnectionId)
    const har = exportHar(env.engine.store.snapshot(), {})
    const entry = har.log.entries.find((e) => e.request.url === 'https://roundtrip.test/login')!
    expect(entry.response.cookies.map((c) => [c.name, c.secure])).toContainEqual(['__Host-sid', true])
  })

  it('records a client that does not trust the CA, with a sentence', async () => {
    const r = await curl(['-x', env.engine.proxyUrl, 'https://tracker.test/'])
    expect(r.code).toBe(60) // curl: peer certificate cannot be authenticated
    const tunnel = await until(
      () => env.engine.store.snapshot().tunnels.find((t) => t.host === 'tracker.test' && t.error),
      'the refused tunnel'
    )
    expect(tunnel.error?.kind).toBe('client-distrust')
    expect(tunnel.error?.message).toMatch(
      /does not trust Roundtrip's CA: start the browser from Roundtrip, or install ca\.pem/
    )
  })

  it('refuses a self-signed origin with a 502 naming the reason', async () => {
    const r = await curl([
      '--http1.1', // this test reads the HTTP/1.1 door (HTTP/2 is offered by default)
      '--cacert',
      env.caPath,
      '-x',
      env.engine.proxyUrl,
      '-i',
      '--suppress-connect-headers',
      `https://127.0.0.1:${origin.port}/dev`
    ])
    expect(r.stdout).toMatch(/^HTTP\/1\.1 502/)
    expect(r.stdout).toMatch(/self-signed.*--upstream-ca/)
    const ex = await until(
      () =>
        env.engine.store
          .snapshot()
          .exchanges.find((e) => e.url === `https://127.0.0.1:${origin.port}/dev` && e.state === 'error'),
      'the failed exchange'
    )
    expect(ex.error?.kind).toBe('upstream-tls')
    expect(ex.status).toBe(502)
  })
})

describe('--upstream-ca and --insecure-upstream', () => {
  it('trusts an origin signed by the given CA file', async () => {
    const origin = await startSelfSignedOrigin()
    const { readFileSync } = await import('node:fs')
    const env = await startHttpsEngine({ upstreamCa: readFileSync(origin.certPath, 'utf8') })
    try {
      const r = await curl([
        '--cacert',
        env.caPath,
        '-x',
        env.engine.proxyUrl,
        `https://127.0.0.1:${origin.port}/ok`
      ])
      expect(r.stdout).toBe('secure GET /ok')
      const ex = env.engine.store.snapshot().exchanges.find((e) => e.url.endsWith('/ok'))!
      expect(ex.tls?.upstream?.verified).toBe(true)
    } finally {
      await env.close()
      await origin.close()
    }
  })

  it('goes ahead with an untrusted origin when told to, recording why it was not verified', async () => {
    const origin = await startSelfSignedOrigin()
    const env = await startHttpsEngine({ insecureUpstream: true })
    try {
      const r = await curl([
        '--cacert',
        env.caPath,
        '-x',
        env.engine.proxyUrl,
        `https://127.0.0.1:${origin.port}/dev`
      ])
      expect(r.stdout).toBe('secure GET /dev')
      const ex = await until(
        () => env.engine.store.snapshot().exchanges.find((e) => e.url.endsWith('/dev') && e.tls?.upstream),
        'the upstream facts'
      )
      expect(ex.tls?.upstream?.verified).toBe(false)
      expect(ex.tls?.upstream?.verifyError).toMatch(/SELF_SIGNED|self[- ]signed/i)
    } finally {
      await env.close()
      await origin.close()
    }
  })
})
