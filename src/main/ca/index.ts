// The local CA as the rest of the engine sees it: made lazily on the first interception (so a run
// that never intercepts writes nothing), replaced with a notice when it is close to its end, and
// regenerated on request. The private key never leaves this module except as a TLS context.
import { promises as fs } from 'node:fs'
import { CA_RENEW_BEFORE_MS, caPaths, createCa, keyMatches, readCa, type LoadedCa } from './authority'
import { roundtripHome } from './home'
import { LeafCache } from './leaves'

export { roundtripHome } from './home'
export { spkiHash, type LoadedCa } from './authority'
export type { Leaf } from './leaves'

export interface CaOptions {
  /** Directory for ca.pem and ca.key; default $ROUNDTRIP_HOME or the OS config dir. */
  home?: string
  /** Most leaf certificates kept at once. */
  maxLeaves?: number
  now?: () => number
  /** Told about anything the user should know (a CA replaced, a CA made). */
  onNotice?: (sentence: string) => void
}

export interface CertificateAuthority {
  home: string
  /** Where ca.pem is (or will be once made). */
  certPath: string
  /** The CA, made now if there is none yet. */
  load(): Promise<LoadedCa>
  /** The CA if it was already loaded or made in this process. */
  loaded(): LoadedCa | undefined
  /** A TLS context presenting a leaf for `host`, signed by the CA. */
  contextFor(host: string): Promise<import('node:tls').SecureContext>
  leafPem(host: string): Promise<string>
  /** How many leaf certificates are kept now (bounded by maxLeaves). */
  leafCount(): number
  /** Replaces the CA with a new one; every leaf made so far is dropped. */
  regenerate(): Promise<LoadedCa>
}

export function createCertificateAuthority(opts: CaOptions = {}): CertificateAuthority {
  const home = opts.home ?? roundtripHome()
  const now = opts.now ?? Date.now
  const { certPath } = caPaths(home)
  let current: { ca: LoadedCa; leaves: LeafCache } | undefined
  let loading: Promise<{ ca: LoadedCa; leaves: LeafCache }> | undefined

  const use = (ca: LoadedCa): { ca: LoadedCa; leaves: LeafCache } => {
    current = { ca, leaves: new LeafCache(ca, { max: opts.maxLeaves, now }) }
    return current
  }

  async function loadOrMake(): Promise<{ ca: LoadedCa; leaves: LeafCache }> {
    let ca: LoadedCa | undefined
    try {
      ca = await readCa(home)
      if (ca && !(await keyMatches(ca))) {
        opts.onNotice?.(`${certPath} did not match ca.key beside it, so Roundtrip made a new local CA.`)
        ca = undefined
      }
    } catch (err) {
      opts.onNotice?.(
        `The local CA in ${home} could not be read (${(err as Error).message}), so Roundtrip made a new one.`
      )
      ca = undefined
    }
    if (ca && ca.notAfter.getTime() - now() < CA_RENEW_BEFORE_MS) {
      const ended = ca.notAfter.getTime() <= now()
      ca = await createCa(home, new Date(now()))
      opts.onNotice?.(
        `The local CA ${ended ? 'had expired' : 'was about to expire'}, so Roundtrip replaced it: clients you gave the old ca.pem need ${certPath} again.`
      )
      return use(ca)
    }
    return use(ca ?? (await createCa(home, new Date(now()))))
  }

  const authority: CertificateAuthority = {
    home,
    certPath,
    async load() {
      if (current) return current.ca
      loading ??= loadOrMake().finally(() => (loading = undefined))
      return (await loading).ca
    },
    loaded: () => current?.ca,
    leafCount: () => current?.leaves.size ?? 0,
    async contextFor(host) {
      await authority.load()
      return current!.leaves.context(host)
    },
    async leafPem(host) {
      await authority.load()
      return (await current!.leaves.leaf(host)).certPem
    },
    async regenerate() {
      await fs.mkdir(home, { recursive: true, mode: 0o700 })
      return use(await createCa(home, new Date(now()))).ca
    }
  }
  return authority
}
