// Factories for HTTPS tests: an engine with its own CA home, real curl through the proxy, and a
// local HTTPS origin with a self-signed certificate made by openssl.
import https from 'node:https'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { startEngine, type Engine, type EngineOptions } from '../../src/main/engine'
import { execFileP } from './net'

export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'roundtrip-home-'))
}

export async function startHttpsEngine(
  opts: EngineOptions = {}
): Promise<{ engine: Engine; caPath: string; close(): Promise<void> }> {
  const engine = await startEngine({ proxyPort: 0, samplePort: 0, batchMs: 5, caHome: tempHome(), ...opts })
  await engine.ca.load()
  return { engine, caPath: engine.ca.certPath, close: () => engine.close() }
}

export interface CurlResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs curl with `args`; never throws on curl's own failure exit codes. */
export async function curl(args: string[]): Promise<CurlResult> {
  try {
    const { stdout, stderr } = await execFileP('curl', ['-sS', '--max-time', '20', ...args], {
      maxBuffer: 64 * 1024 * 1024
    })
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}

export interface SelfSignedOrigin {
  port: number
  certPath: string
  close(): Promise<void>
}

/** A fresh EC key and a certificate for 127.0.0.1 and localhost that signs itself (openssl). */
export async function selfSignedCert(): Promise<{ key: Buffer; cert: Buffer; certPath: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'roundtrip-origin-'))
  const keyPath = join(dir, 'key.pem')
  const certPath = join(dir, 'cert.pem')
  await execFileP('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    keyPath,
    '-out',
    certPath,
    '-days',
    '2',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost'
  ])
  return { key: readFileSync(keyPath), cert: readFileSync(certPath), certPath }
}

/** An HTTPS origin on 127.0.0.1 whose certificate (for 127.0.0.1 and localhost) signs itself. */
export async function startSelfSignedOrigin(handler?: (path: string) => string): Promise<SelfSignedOrigin> {
  const { key, cert, certPath } = await selfSignedCert()
  const server = https.createServer({ key, cert }, (req, res) => {
    const body = handler ? handler(req.url ?? '/') : `secure ${req.method} ${req.url}`
    res.writeHead(200, { 'content-type': 'text/plain', 'set-cookie': 'dev=1; Secure; Path=/' })
    res.end(body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    port: (server.address() as AddressInfo).port,
    certPath,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      })
  }
}

/** Waits (bounded) until `check` holds, polling every 20 ms. */
export async function until<T>(check: () => T | undefined | false, what: string, ms = 5000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = check()
    if (v) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}
