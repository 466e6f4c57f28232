// Leaf certificates for intercepted hosts: one key pair per process, one certificate per host
// name, signed by the local CA, valid 45 days at most and made again a week before they end. Each
// is kept ready as a TLS secure context in a bounded cache (the least recently used leaves first).
import { isIP } from 'node:net'
import tls from 'node:tls'
import { webcrypto } from 'node:crypto'
import 'reflect-metadata'
import * as x509 from '@peculiar/x509'
import { EC_ALGORITHM, randomSerial, type LoadedCa } from './authority'

const DAY = 24 * 3600_000
export const LEAF_LIFETIME_MS = 45 * DAY
export const LEAF_RENEW_BEFORE_MS = 7 * DAY

interface LeafKey {
  keys: webcrypto.CryptoKeyPair
  pem: string
}
let processKey: Promise<LeafKey> | undefined

/** The one leaf key of this process, made on first use. */
function leafKey(): Promise<LeafKey> {
  processKey ??= (async () => {
    const keys = (await webcrypto.subtle.generateKey(EC_ALGORITHM, true, [
      'sign',
      'verify'
    ])) as webcrypto.CryptoKeyPair
    const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey))
    const pem = `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END PRIVATE KEY-----\n`
    return { keys, pem }
  })()
  return processKey
}

/** A host name or address a certificate can name, lower-cased; undefined when it cannot be one. */
export function certName(host: string): string | undefined {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (isIP(name)) return name
  if (name.length === 0 || name.length > 253) return undefined
  return /^[a-z0-9_*]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*\.?$/.test(name) ? name : undefined
}

export interface Leaf {
  host: string
  certPem: string
  context: tls.SecureContext
  notAfter: number
}

export interface LeafCacheOptions {
  /** Most leaves kept; default 1000. */
  max?: number
  now?: () => number
}

export class LeafCache {
  private readonly leaves = new Map<string, Leaf>()
  private readonly pending = new Map<string, Promise<Leaf>>()
  private readonly max: number
  private readonly now: () => number
  /** The same for every leaf of this CA: made once. */
  private authorityKeyId?: Promise<x509.AuthorityKeyIdentifierExtension>

  constructor(
    private readonly ca: LoadedCa,
    opts: LeafCacheOptions = {}
  ) {
    this.max = Math.max(1, opts.max ?? 1000)
    this.now = opts.now ?? Date.now
  }

  get size(): number {
    return this.leaves.size
  }

  /** The leaf for `host`, made now if there is none or it is close to its end. */
  async leaf(host: string): Promise<Leaf> {
    const name = certName(host)
    if (!name) throw new Error(`"${host.slice(0, 100)}" is not a host name a certificate can carry`)
    const known = this.leaves.get(name)
    if (known && known.notAfter - this.now() > LEAF_RENEW_BEFORE_MS) {
      // Most recently used last: the first key is the one to drop.
      this.leaves.delete(name)
      this.leaves.set(name, known)
      return known
    }
    let making = this.pending.get(name)
    if (!making) {
      making = this.make(name).finally(() => this.pending.delete(name))
      this.pending.set(name, making)
    }
    return making
  }

  async context(host: string): Promise<tls.SecureContext> {
    return (await this.leaf(host)).context
  }

  private async make(name: string): Promise<Leaf> {
    const key = await leafKey()
    const now = this.now()
    const notAfter = Math.min(now + LEAF_LIFETIME_MS, this.ca.notAfter.getTime())
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject: `CN=${name}`,
      issuer: this.ca.cert.subject,
      notBefore: new Date(now - 3600_000),
      notAfter: new Date(notAfter),
      signingAlgorithm: EC_ALGORITHM,
      publicKey: key.keys.publicKey,
      signingKey: this.ca.key,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension([{ type: isIP(name) ? 'ip' : 'dns', value: name }]),
        await (this.authorityKeyId ??= x509.AuthorityKeyIdentifierExtension.create(this.ca.cert))
      ]
    })
    const certPem = cert.toString('pem') + '\n'
    // The chain ends with the CA, so a client that pins the CA's key (Chromium's SPKI list) finds it.
    const context = tls.createSecureContext({ key: key.pem, cert: certPem + this.ca.certPem })
    const leaf: Leaf = { host: name, certPem, context, notAfter }
    this.leaves.delete(name)
    this.leaves.set(name, leaf)
    while (this.leaves.size > this.max) this.leaves.delete(this.leaves.keys().next().value!)
    return leaf
  }
}
