// `roundtrip ca` and the HTTPS side of `roundtrip serve`, run as a user would: the real command,
// real curl with --cacert, openssl for the SPKI hash, the web API for the capture.
import { readFileSync, statSync } from 'node:fs'
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, ROOT, apiRequest, startServe, type RunningServe } from '../../helpers/serve'
import { curl, startSelfSignedOrigin, tempHome, type SelfSignedOrigin } from '../../helpers/https'
import { execFileP } from '../../helpers/net'

async function ca(
  home: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await execFileP(process.execPath, [BIN, 'ca', ...args], {
      cwd: ROOT,
      env: { ...process.env, ROUNDTRIP_HOME: home }
    })
    return { code: 0, stdout: r.stdout, stderr: r.stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

/** Sends one CONNECT and resolves with the proxy's reply. */
function rawConnect(port: number, target: string): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () =>
      s.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`)
    )
    let text = ''
    s.on('data', (d: Buffer) => (text += d.toString('latin1')))
    s.on('close', () => resolve(text))
    s.on('error', () => resolve(text))
  })
}

async function opensslSpki(certPath: string): Promise<string> {
  const { stdout } = await execFileP('sh', [
    '-c',
    `openssl x509 -in "${certPath}" -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`
  ])
  return stdout.trim()
}

describe('roundtrip ca', () => {
  it('prints the path, the PEM and the SPKI hash openssl computes; the key is 0600; homes differ', async () => {
    const a = tempHome()
    const b = tempHome()
    const path = (await ca(a, '--path')).stdout.trim()
    expect(path).toBe(`${a}/ca.pem`)
    expect(statSync(`${a}/ca.key`).mode & 0o777).toBe(0o600)
    const pem = (await ca(a, '--pem')).stdout
    expect(pem).toBe(readFileSync(path, 'utf8'))
    expect(pem).not.toContain('PRIVATE KEY')
    const spkiA = (await ca(a, '--spki')).stdout.trim()
    expect(spkiA).toBe(await opensslSpki(path))
    const spkiB = (await ca(b, '--spki')).stdout.trim()
    expect(spkiB).toBe(await opensslSpki(`${b}/ca.pem`))
    expect(spkiB).not.toBe(spkiA)
  })

  it('--regenerate replaces the CA; wrong options exit 2 with a sentence', async () => {
    const home = tempHome()
    const before = (await ca(home, '--spki')).stdout.trim()
    const regen = await ca(home, '--regenerate')
    expect(regen.code).toBe(0)
    expect(regen.stderr).toMatch(/made a new local CA/)
    expect((await ca(home, '--spki')).stdout.trim()).not.toBe(before)
    const bad = await ca(home, '--bogus')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/roundtrip ca: .*--bogus/)
    expect((await ca(home, '--pem', '--spki')).code).toBe(2)
  })
})

describe('roundtrip serve with HTTPS', () => {
  let serve: RunningServe
  let origin: SelfSignedOrigin
  let caPath: string
  beforeAll(async () => {
    origin = await startSelfSignedOrigin()
    serve = await startServe()
    caPath = (serve.addresses as unknown as { ca: string }).ca
  })
  afterAll(async () => {
    await serve?.stop()
    await origin?.close()
  })
  const api = (path: string) => apiRequest(serve.addresses.ui, path, { token: serve.addresses.token })

  it('names ca.pem in its --json line and serves it (never the key) at /api/ca', async () => {
    expect(caPath).toMatch(/ca\.pem$/)
    const r = await api('/api/ca')
    expect(r.status).toBe(200)
    const body = JSON.parse(r.body) as { pem: string; path: string; spki: string }
    expect(body.pem).toBe(readFileSync(caPath, 'utf8'))
    expect(body.path).toBe(caPath)
    expect(r.body).not.toMatch(/PRIVATE KEY/)
    expect((await apiRequest(serve.addresses.ui, '/api/ca')).status).toBe(401)
  })

  it('curl --cacert gets the login page; /api/har shows it decrypted with __Host-sid; Secure', async () => {
    const r = await curl(['--cacert', caPath, '-x', serve.addresses.proxy, 'https://roundtrip.test/login'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('<form')
    const har = await eventuallyHar((h) =>
      h.log.entries.find((e) => e.request.url === 'https://roundtrip.test/login' && e.response.status === 200)
    )
    const setCookie = har.response.headers.find((h) => h.name.toLowerCase() === 'set-cookie')!.value
    expect(setCookie).toMatch(/^__Host-sid=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/)
    expect(har._tls?.client?.sni).toBe('roundtrip.test')
  })

  it('without --cacert curl fails and the capture says the client did not trust the CA', async () => {
    const r = await curl(['-x', serve.addresses.proxy, 'https://tracker.test/pixel.gif'])
    expect(r.code).toBe(60)
    const tunnel = await eventuallySnapshot((s) =>
      s.tunnels.find((t) => t.host === 'tracker.test' && t.error)
    )
    expect(tunnel.error?.kind).toBe('client-distrust')
    expect(tunnel.error?.message).toContain("does not trust Roundtrip's CA")
  })

  it('POST /api/passthrough leaves a host untouched from then on', async () => {
    const bad = await apiRequest(serve.addresses.ui, '/api/passthrough', {
      token: serve.addresses.token,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"host": "no spaces allowed"}'
    })
    expect(bad.status).toBe(400)
    const r = await apiRequest(serve.addresses.ui, '/api/passthrough', {
      token: serve.addresses.token,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"host": "pass.roundtrip.test"}'
    })
    expect(JSON.parse(r.body)).toEqual({ passthrough: ['pass.roundtrip.test'] })
    const proxy = new URL(serve.addresses.proxy)
    const reply = await rawConnect(Number(proxy.port), `pass.roundtrip.test:${proxy.port === '1' ? 2 : 1}`)
    expect(reply).toMatch(/^HTTP\/1\.1 502/)
    const t = await eventuallySnapshot((s) => s.tunnels.find((x) => x.host === 'pass.roundtrip.test'))
    expect((t as { mode?: string }).mode).toBe('passthrough')
  })

  it('answers 502 with the reason for a self-signed origin', async () => {
    const r = await curl([
      '--http1.1', // this test reads the HTTP/1.1 door (HTTP/2 is offered by default)
      '--cacert',
      caPath,
      '-x',
      serve.addresses.proxy,
      '-i',
      '--suppress-connect-headers',
      `https://127.0.0.1:${origin.port}/`
    ])
    expect(r.stdout).toMatch(/^HTTP\/1\.1 502/)
    expect(r.stdout).toMatch(/self-signed/)
  })

  type Har = {
    log: {
      entries: {
        request: { url: string }
        response: { status: number; headers: { name: string; value: string }[] }
        _tls?: { client?: { sni?: string } }
      }[]
    }
  }
  type Snapshot = { tunnels: { host: string; error?: { kind: string; message: string } }[] }
  async function eventuallyHar<T>(pick: (h: Har) => T | undefined): Promise<T> {
    for (let i = 0; i < 100; i++) {
      const found = pick(JSON.parse((await api('/api/har')).body) as Har)
      if (found) return found
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error('not in the HAR')
  }
  async function eventuallySnapshot<T>(pick: (s: Snapshot) => T | undefined): Promise<T> {
    for (let i = 0; i < 100; i++) {
      const found = pick(JSON.parse((await api('/api/snapshot')).body) as Snapshot)
      if (found) return found
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error('not in the snapshot')
  }
})

describe('roundtrip serve --upstream-ca', () => {
  it('trusts the given CA for origins; a missing file is a sentence and exit 2', async () => {
    const origin = await startSelfSignedOrigin()
    const serve = await startServe(['--upstream-ca', origin.certPath])
    try {
      const caPath = (serve.addresses as unknown as { ca: string }).ca
      const r = await curl([
        '--cacert',
        caPath,
        '-x',
        serve.addresses.proxy,
        `https://127.0.0.1:${origin.port}/x`
      ])
      expect(r.stdout).toBe('secure GET /x')
    } finally {
      await serve.stop()
      await origin.close()
    }
    const bad = await startServe(['--upstream-ca', '/nonexistent/ca.pem']).catch((e: Error) => e)
    expect(String(bad)).toMatch(/roundtrip serve: there is no file at \/nonexistent\/ca\.pem/)
  })
})
