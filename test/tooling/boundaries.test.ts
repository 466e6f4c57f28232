// The import boundaries (.dependency-cruiser.cjs, run by `npm run lint`) must catch a real violation:
// each case builds a tiny tree in a temp folder with one forbidden import and runs the same command.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'

const exec = promisify(execFile)
const config = resolve('.dependency-cruiser.cjs')
const depcruise = resolve('node_modules/dependency-cruiser/bin/dependency-cruise.mjs')
const dirs: string[] = []

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function cruise(files: Record<string, string>): Promise<{ code: number; out: string }> {
  const root = mkdtempSync(join(tmpdir(), 'roundtrip-boundaries-'))
  dirs.push(root)
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true })
    writeFileSync(join(root, name), text)
  }
  try {
    const { stdout } = await exec('node', [depcruise, 'src', '--config', config], { cwd: root })
    return { code: 0, out: stdout }
  } catch (e) {
    const err = e as { code: number; stdout: string }
    return { code: err.code, out: err.stdout }
  }
}

describe('import boundaries', () => {
  it('accepts shared <- main and shared <- renderer', async () => {
    const r = await cruise({
      'src/shared/model.ts': 'export const x = 1\n',
      'src/main/proxy/index.ts': "import { x } from '../../shared/model'\nexport const y = x\n",
      'src/renderer/src/app.ts': "import { x } from '../../shared/model'\nexport const z = x\n"
    })
    expect(r.out).toContain('no dependency violations')
    expect(r.code).toBe(0)
  })

  it('fails on an import from src/main into src/shared', async () => {
    const r = await cruise({
      'src/main/engine/index.ts': 'export const engine = 1\n',
      'src/shared/model.ts': "import { engine } from '../main/engine/index'\nexport const x = engine\n"
    })
    expect(r.code).not.toBe(0)
    expect(r.out).toContain('shared-stays-pure')
  })

  it('fails when main imports the renderer, or the engine imports the Electron shell', async () => {
    const r = await cruise({
      'src/renderer/src/api.ts': 'export type Api = { a: 1 }\n',
      'src/main/ipc/validate.ts': 'export const check = 1\n',
      'src/main/proxy/index.ts':
        "import type { Api } from '../../renderer/src/api'\nimport { check } from '../ipc/validate'\nexport const p: Api | number = check\n"
    })
    expect(r.code).not.toBe(0)
    expect(r.out).toContain('nothing-imports-the-renderer')
    expect(r.out).toContain('engine-not-shell')
  })

  it('fails on a runtime import cycle, also through a dynamic import', async () => {
    const r = await cruise({
      'src/renderer/src/a.ts': "import { b } from './b'\nexport const a = () => b\n",
      'src/renderer/src/b.ts': "export const b = 1\nexport const load = () => import('./a')\n"
    })
    expect(r.code).not.toBe(0)
    expect(r.out).toContain('no-cycles')
  })
})
