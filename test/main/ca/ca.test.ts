// The local CA on real files: made once per home, key mode 0600, two homes make two CAs, the SPKI
// hash matches openssl's, leaves are signed by it, bounded in number and made again near their end.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { X509Certificate } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createCertificateAuthority, roundtripHome } from '../../../src/main/ca'
import { CA_LIFETIME_MS, createCa } from '../../../src/main/ca/authority'
import { LEAF_LIFETIME_MS, LeafCache } from '../../../src/main/ca/leaves'

const tempHome = (): string => mkdtempSync(path.join(os.tmpdir(), 'roundtrip-ca-'))

function opensslSpki(certPath: string): string {
  // openssl x509 -pubkey | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64
  const pub = execFileSync('openssl', ['x509', '-in', certPath, '-pubkey', '-noout'])
  const der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'der'], { input: pub })
  const digest = execFileSync('openssl', ['dgst', '-sha256', '-binary'], { input: der })
  return digest.toString('base64')
}

describe('local CA', () => {
  it('is made once per home, with a private key only its owner can read', async () => {
    const home = tempHome()
    const ca = createCertificateAuthority({ home })
    const first = await ca.load()
    expect(statSync(first.keyPath).mode & 0o777).toBe(0o600)
    expect(readFileSync(first.certPath, 'utf8')).toContain('BEGIN CERTIFICATE')
    expect(first.cert.subject).toContain('Roundtrip local CA')
    const again = await createCertificateAuthority({ home }).load()
    expect(again.spki).toBe(first.spki)
  })

  it('differs between two homes, and its SPKI hash is the one openssl computes', async () => {
    const a = await createCertificateAuthority({ home: tempHome() }).load()
    const b = await createCertificateAuthority({ home: tempHome() }).load()
    expect(a.spki).not.toBe(b.spki)
    expect(a.spki).toBe(opensslSpki(a.certPath))
    expect(b.spki).toBe(opensslSpki(b.certPath))
  })

  it('signs leaves for names and addresses that chain to it', async () => {
    const ca = createCertificateAuthority({ home: tempHome() })
    const root = new X509Certificate((await ca.load()).certPem)
    for (const host of ['roundtrip.test', '127.0.0.1', 'WWW.Example.COM']) {
      const leaf = new X509Certificate(await ca.leafPem(host))
      expect(leaf.verify(root.publicKey)).toBe(true)
      expect(leaf.checkIssued(root)).toBe(true)
      expect(leaf.checkHost(host.toLowerCase()) ?? leaf.checkIP(host)).toBeTruthy()
      const days = (Date.parse(leaf.validTo) - Date.now()) / 86_400_000
      expect(days).toBeLessThanOrEqual(45)
    }
  })

  it('replaces a CA close to its end, with a notice', async () => {
    const home = tempHome()
    const old = await createCa(home, new Date(Date.now() - CA_LIFETIME_MS + 86_400_000))
    const notices: string[] = []
    const renewed = await createCertificateAuthority({ home, onNotice: (n) => notices.push(n) }).load()
    expect(renewed.spki).not.toBe(old.spki)
    expect(notices.join(' ')).toMatch(/about to expire.*replaced/)
  })

  it('regenerate drops the old CA and its leaves', async () => {
    const ca = createCertificateAuthority({ home: tempHome() })
    const before = await ca.load()
    const leafBefore = await ca.leafPem('roundtrip.test')
    const after = await ca.regenerate()
    expect(after.spki).not.toBe(before.spki)
    const leafAfter = new X509Certificate(await ca.leafPem('roundtrip.test'))
    expect(leafAfter.toString()).not.toBe(new X509Certificate(leafBefore).toString())
    expect(leafAfter.checkIssued(new X509Certificate(after.certPem))).toBe(true)
  })

  it('keeps a bounded number of leaves and makes a leaf again before it ends', async () => {
    const loaded = await createCertificateAuthority({ home: tempHome() }).load()
    let clock = Date.now()
    const cache = new LeafCache(loaded, { max: 5, now: () => clock })
    const first = await cache.leaf('a.test')
    for (let i = 0; i < 20; i++) await cache.leaf(`h${i}.test`)
    expect(cache.size).toBe(5)
    const fresh = await cache.leaf('b.test')
    expect(await cache.leaf('b.test')).toBe(fresh)
    clock += LEAF_LIFETIME_MS - 86_400_000 // a day before its end
    const renewed = await cache.leaf('b.test')
    expect(renewed).not.toBe(fresh)
    expect(renewed.notAfter).toBeGreaterThan(fresh.notAfter)
    expect(first.host).toBe('a.test')
    await expect(cache.leaf('bad name with spaces')).rejects.toThrow(/not a host name/)
  })

  it('lives in $ROUNDTRIP_HOME, else the OS config directory', () => {
    expect(roundtripHome({ ROUNDTRIP_HOME: '/x/y' }, 'linux')).toBe('/x/y')
    expect(roundtripHome({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/roundtrip')
    expect(roundtripHome({ APPDATA: 'C:\\AppData' }, 'win32')).toContain('roundtrip')
    expect(roundtripHome({}, 'darwin')).toContain(path.join('Library', 'Application Support', 'roundtrip'))
  })
})
