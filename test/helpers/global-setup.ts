// Builds out/ once before the suite when it is missing or older than the sources (the same script as
// npm's `prepare`), so tests that spawn the real `roundtrip` command run what the user would run.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..', '..')

export default function setup(): () => void {
  // No test may touch the real user's config dir: the local CA of the whole run lives in a temp
  // home (every test worker and every `roundtrip` child inherits it).
  const home = mkdtempSync(join(tmpdir(), 'roundtrip-test-home-'))
  process.env.ROUNDTRIP_HOME = home
  const teardown = (): void => rmSync(home, { recursive: true, force: true })
  // For running unit tests while another part of the tree does not build yet.
  if (process.env.ROUNDTRIP_SKIP_BUILD) return teardown
  execFileSync(process.execPath, [join(root, 'scripts', 'build-if-stale.mjs')], { stdio: 'inherit' })
  return teardown
}
