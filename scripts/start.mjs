#!/usr/bin/env node
// `npm start`: fetch Electron's binary if it is not there yet (install-electron), then open the app
// (electron-vite preview). When the binary cannot be downloaded, one sentence says so and how to get the
// same UI without it, instead of @electron/get's stack trace.
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'

// Resolved from the project being started (npm runs scripts in its root).
const require = createRequire(join(process.cwd(), 'package.json'))

export const OFFLINE_SENTENCE =
  "Roundtrip could not download Electron's binary (no network, or the download was refused), so the desktop app cannot start; run `npx roundtrip serve` for the same UI in your browser."

const install = spawnSync(process.execPath, [require.resolve('electron/install.js')], {
  stdio: ['ignore', 'inherit', 'pipe'],
  encoding: 'utf8'
})
if (install.status !== 0) {
  // What @electron/get printed (a stack trace) stays out of the way unless asked for.
  if (process.env.ROUNDTRIP_DEBUG) process.stderr.write(install.stderr ?? '')
  console.error(OFFLINE_SENTENCE)
  process.exit(1)
}

const preview = spawn(
  process.execPath,
  [require.resolve('electron-vite/bin/electron-vite.js'), 'preview', ...process.argv.slice(2)],
  { stdio: 'inherit' }
)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => preview.kill(signal))
preview.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
