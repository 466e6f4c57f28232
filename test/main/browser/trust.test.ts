// Firefox's throwaway profile gets Roundtrip's CA through the real NSS certutil; without certutil
// the user gets a sentence and Firefox starts anyway. Chromium gets the CA's key hash.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createCertificateAuthority } from '../../../src/main/ca'
import { chromiumTrustArgs, trustInFirefoxProfile } from '../../../src/main/browser/trust'
import { execFileP } from '../../helpers/net'
import { tempHome } from '../../helpers/https'

describe('browser trust for the local CA', () => {
  it('adds the CA to a Firefox profile with certutil', async () => {
    const ca = await createCertificateAuthority({ home: tempHome() }).load()
    const profile = mkdtempSync(join(tmpdir(), 'roundtrip-ff-'))
    expect(await trustInFirefoxProfile(profile, { spki: ca.spki, certPath: ca.certPath })).toBeUndefined()
    const { stdout } = await execFileP('certutil', ['-L', '-d', `sql:${profile}`])
    expect(stdout).toMatch(/Roundtrip local CA\s+C,,/)
  })

  it('says so when certutil is missing', async () => {
    const ca = await createCertificateAuthority({ home: tempHome() }).load()
    const profile = mkdtempSync(join(tmpdir(), 'roundtrip-ff-'))
    const notice = await trustInFirefoxProfile(
      profile,
      { spki: ca.spki, certPath: ca.certPath },
      '/nonexistent/certutil'
    )
    expect(notice).toMatch(
      /certutil was not found \(Debian\/Ubuntu: apt-get install libnss3-tools\).*Firefox started anyway/
    )
  })

  it("gives Chromium the CA's SPKI hash", () => {
    expect(chromiumTrustArgs({ spki: 'abc=', certPath: '/x' })).toEqual([
      '--ignore-certificate-errors-spki-list=abc='
    ])
    expect(chromiumTrustArgs(undefined)).toEqual([])
  })
})
