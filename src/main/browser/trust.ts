// Browsers Roundtrip starts trust its local CA for that one process, and nothing else does:
// Chromium is told the CA's key hash (--ignore-certificate-errors-spki-list), Firefox gets the CA
// in its throwaway profile's NSS database (certutil). The system store is never touched.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const execFileP = promisify(execFile)

export interface CaTrust {
  /** base64 SHA-256 of the CA's SubjectPublicKeyInfo. */
  spki: string
  /** Where ca.pem is. */
  certPath: string
}

export function chromiumTrustArgs(trust: CaTrust | undefined): string[] {
  return trust ? [`--ignore-certificate-errors-spki-list=${trust.spki}`] : []
}

/**
 * Adds the CA to a Firefox profile's certificate database. Resolves with a sentence for the user
 * when that could not be done (Firefox then starts anyway and warns about HTTPS sites).
 */
export async function trustInFirefoxProfile(
  profileDir: string,
  trust: CaTrust,
  certutil = 'certutil'
): Promise<string | undefined> {
  const db = `sql:${profileDir}`
  try {
    await execFileP(certutil, ['-N', '-d', db, '--empty-password'])
    await execFileP(certutil, ['-A', '-d', db, '-n', 'Roundtrip local CA', '-t', 'C,,', '-i', trust.certPath])
    return undefined
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string }
    if (e.code === 'ENOENT') {
      return "Firefox will warn on HTTPS pages: NSS certutil was not found (Debian/Ubuntu: apt-get install libnss3-tools), so Roundtrip could not add its CA to Firefox's throwaway profile. Firefox started anyway."
    }
    return `Firefox will warn on HTTPS pages: certutil could not add Roundtrip's CA to its profile (${(e.stderr || e.message).trim().slice(0, 200)}). Firefox started anyway.`
  }
}
