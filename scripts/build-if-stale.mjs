#!/usr/bin/env node
// Builds out/ with electron-vite only when it is missing or older than src/. It is npm's `prepare`
// step, so a fresh clone's `npm install` leaves a working `npx roundtrip`. It is also how the test
// suite's setup builds. Both skip a fresh build because `npx roundtrip` on a machine whose npx cache
// is empty installs the clone itself and runs `prepare` again. An unconditional build there emptied
// out/ under every `roundtrip` process the tests were starting at that moment.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')

function newest(dir) {
  let t = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}

const built = join(root, 'out', 'main', 'cli.js')
const page = join(root, 'out', 'renderer', 'index.html')
const stale = !existsSync(built) || !existsSync(page) || statSync(built).mtimeMs < newest(join(root, 'src'))
if (stale) execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' })
