// Builds out/ once before the suite when it is missing or older than the sources, so tests
// that spawn the real `roundtrip` command run what the user would run.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..', '..')

function newest(dir: string): number {
  let t = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}

export default function setup(): () => void {
  // No test may touch the real user's config dir: the local CA of the whole run lives in a temp
  // home (every test worker and every `roundtrip` child inherits it).
  const home = mkdtempSync(join(tmpdir(), 'roundtrip-test-home-'))
  process.env.ROUNDTRIP_HOME = home
  const teardown = (): void => rmSync(home, { recursive: true, force: true })
  // For running unit tests while another part of the tree does not build yet.
  if (process.env.ROUNDTRIP_SKIP_BUILD) return teardown
  const built = join(root, 'out', 'main', 'cli.js')
  const stale = !existsSync(built) || statSync(built).mtimeMs < newest(join(root, 'src'))
  if (stale) execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' })
  return teardown
}
