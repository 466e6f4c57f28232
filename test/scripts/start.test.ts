// `npm start` where Electron's binary cannot be downloaded: one sentence, exit code 1, no stack trace.
// It runs the real `npm start` in a copy of the project whose electron package has no binary yet, with
// the download pointed at a closed port on this machine (as good as no network, whatever this machine has).
import { execFile } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort } from '../helpers/net'
import { ROOT } from '../helpers/serve'

const dir = mkdtempSync(join(tmpdir(), 'roundtrip-start-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function project(): void {
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'))
  cpSync(join(ROOT, 'scripts', 'start.mjs'), join(dir, 'scripts', 'start.mjs'))
  const electron = join(dir, 'node_modules', 'electron')
  mkdirSync(electron, { recursive: true })
  for (const f of ['package.json', 'install.js', 'checksums.json', 'index.js', 'cli.js'])
    cpSync(join(ROOT, 'node_modules', 'electron', f), join(electron, f))
  symlinkSync(join(ROOT, 'node_modules', '@electron'), join(dir, 'node_modules', '@electron'))
}

describe('npm start without the network', () => {
  it('exits 1 with one sentence that points to `npx roundtrip serve`, and no stack trace', async () => {
    project()
    const closed = await freePort()
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ELECTRON_MIRROR: `http://127.0.0.1:${closed}/`,
      electron_config_cache: join(dir, 'cache'),
      ROUNDTRIP_DEBUG: ''
    }
    delete env.npm_config_electron_mirror
    const result = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      execFile('npm', ['start'], { cwd: dir, env, timeout: 60_000 }, (error, out, err) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, out, err })
      )
    })
    expect(result.code).toBe(1)
    const lines = result.err.split('\n').filter((l) => l.trim())
    const sentence = lines.find((l) => l.includes('npx roundtrip serve'))
    expect(sentence).toMatch(
      /^Roundtrip could not download Electron's binary .*; run `npx roundtrip serve` for the same UI in your browser\.$/
    )
    expect(`${result.out}\n${result.err}`).not.toMatch(/^\s+at /m)
    expect(result.err).not.toMatch(/TypeError|fetch failed|ECONNREFUSED/)
  })
})
