// npm's `prepare` (scripts/build-if-stale.mjs) leaves a fresh out/ alone. `npx roundtrip` on a machine
// with an empty npx cache runs `prepare` again, and a rebuild there would empty out/ under every
// `roundtrip` process running from it. (The suite's setup has just made out/ fresh.)
import { execFile } from 'node:child_process'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import { ROOT } from '../helpers/serve'

it('does not rebuild out/ when it is newer than every source file', async () => {
  const cli = join(ROOT, 'out', 'main', 'cli.js')
  const before = statSync(cli)
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(ROOT, 'scripts', 'build-if-stale.mjs')],
    {
      cwd: ROOT
    }
  )
  expect(stdout).not.toMatch(/building/)
  const after = statSync(cli)
  expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs])
})
