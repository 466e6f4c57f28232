// The README's "Map of the code" stays true: every folder or file a row names exists, and every file
// name a row's description gives in backticks (`pool.ts`, `browsers.json`) is found under that row's
// folders.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..')

/** Every file path below `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name))
  }
  return out
}

it('names only folders and files that exist, and finds each file it mentions under its row', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const section = readme.split('## Map of the code')[1]?.split('\n## ')[0] ?? ''
  const rows = [...section.matchAll(/^\| (`[^|]+`) +\| (.+?) *\|$/gm)]
  expect(rows.length).toBeGreaterThan(10)
  const missing: string[] = []
  for (const [, first, description] of rows) {
    const named = [...first!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)
    // `src/main/index.ts`, `window.ts`, `ipc/` in one cell: names after the first are beside it.
    const base = named[0]!.includes('/') ? named[0]!.replace(/\/[^/]*\.[a-z]+$/, '') : '.'
    const paths = named.map((n) => (n === named[0] || n.startsWith('src/') ? n : join(base, n)))
    for (const p of paths) if (!existsSync(join(ROOT, p))) missing.push(`${p} (named in the first column)`)
    const folders = paths.filter((p) => existsSync(join(ROOT, p)) && !/\.[a-z]+$/.test(p))
    const files = folders.flatMap(filesUnder)
    for (const [, name] of description!.matchAll(/`([\w.-]+\.(?:ts|tsx|json|mjs|cjs|js))`/g)) {
      if (!files.some((f) => f.endsWith(`/${name}`))) missing.push(`${name} (in the row of ${named[0]})`)
    }
  }
  expect(missing, 'the map names these, but they are not there').toEqual([])
})
