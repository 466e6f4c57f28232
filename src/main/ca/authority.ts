// The local certificate authority: one per install, made on first use and kept as `ca.pem` (the
// certificate, safe to share) and `ca.key` (the private key, mode 0600, never sent anywhere).
// ECDSA P-256 through Node's WebCrypto and @peculiar/x509: a new CA takes milliseconds.
import { createHash, randomBytes, webcrypto, X509Certificate as NodeX509 } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import 'reflect-metadata'
import * as x509 from '@peculiar/x509'

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0])

export const EC_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }
export const CA_NAME = 'CN=Roundtrip local CA — trusted only by browsers Roundtrip starts, O=Roundtrip'
const DAY = 24 * 3600_000
/** How long a new CA is valid. */
export const CA_LIFETIME_MS = 730 * DAY
/** A CA with less than this left is replaced (with a notice) rather than used. */
export const CA_RENEW_BEFORE_MS = 30 * DAY

export interface LoadedCa {
  certPath: string
  keyPath: string
  certPem: string
  cert: x509.X509Certificate
  key: webcrypto.CryptoKey
  /** base64 SHA-256 of the certificate's SubjectPublicKeyInfo (Chromium's --ignore-certificate-errors-spki-list). */
  spki: string
  notAfter: Date
}

export function caPaths(home: string): { certPath: string; keyPath: string } {
  return { certPath: path.join(home, 'ca.pem'), keyPath: path.join(home, 'ca.key') }
}

/** base64 SHA-256 of a PEM certificate's SubjectPublicKeyInfo. */
export function spkiHash(certPem: string): string {
  const der = new NodeX509(certPem).publicKey.export({ type: 'spki', format: 'der' })
  return createHash('sha256').update(der).digest('base64')
}

export function randomSerial(): string {
  const bytes = randomBytes(16)
  bytes[0] = bytes[0]! & 0x7f // positive
  return bytes.toString('hex')
}

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64')
  return `-----BEGIN ${label}-----\n${b64.replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`
}

function derOf(text: string, label: string): Buffer {
  const m = new RegExp(`-----BEGIN ${label}-----([^-]+)-----END ${label}-----`).exec(text)
  if (!m) throw new Error(`no ${label} block`)
  return Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')
}

async function writePrivate(file: string, text: string, mode: number): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`
  await fs.writeFile(tmp, text, { mode, flag: 'wx' })
  await fs.chmod(tmp, mode)
  await fs.rename(tmp, file)
}

/** Makes a new CA and writes it to `home`, replacing any CA there. */
export async function createCa(home: string, now = new Date()): Promise<LoadedCa> {
  await fs.mkdir(home, { recursive: true, mode: 0o700 })
  const keys = (await webcrypto.subtle.generateKey(EC_ALGORITHM, true, [
    'sign',
    'verify'
  ])) as webcrypto.CryptoKeyPair
  const notAfter = new Date(now.getTime() + CA_LIFETIME_MS)
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: CA_NAME,
    notBefore: new Date(now.getTime() - 3600_000),
    notAfter,
    signingAlgorithm: EC_ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey)
    ]
  })
  const { certPath, keyPath } = caPaths(home)
  const keyPem = pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey))
  const certPem = cert.toString('pem') + '\n'
  // The key first: a cert on disk always has its key beside it.
  await writePrivate(keyPath, keyPem, 0o600)
  await writePrivate(certPath, certPem, 0o644)
  return { certPath, keyPath, certPem, cert, key: keys.privateKey, spki: spkiHash(certPem), notAfter }
}

/** Reads the CA in `home`, or undefined when there is none (or only half of one). */
export async function readCa(home: string): Promise<LoadedCa | undefined> {
  const { certPath, keyPath } = caPaths(home)
  let certPem: string
  let keyPem: string
  try {
    ;[certPem, keyPem] = await Promise.all([fs.readFile(certPath, 'utf8'), fs.readFile(keyPath, 'utf8')])
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  const cert = new x509.X509Certificate(certPem)
  const key = await webcrypto.subtle.importKey('pkcs8', derOf(keyPem, 'PRIVATE KEY'), EC_ALGORITHM, false, [
    'sign'
  ])
  return { certPath, keyPath, certPem, cert, key, spki: spkiHash(certPem), notAfter: cert.notAfter }
}

/** Whether the key really signs for the certificate (a half-replaced pair would not). */
export async function keyMatches(ca: LoadedCa): Promise<boolean> {
  const data = randomBytes(32)
  const signature = await webcrypto.subtle.sign(EC_ALGORITHM, ca.key, data)
  const publicKey = await ca.cert.publicKey.export(
    EC_ALGORITHM,
    ['verify'],
    webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]
  )
  return webcrypto.subtle.verify(EC_ALGORITHM, publicKey, signature, data)
}
