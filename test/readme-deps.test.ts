// The README says why each runtime dependency is there: every package in package.json's
// `dependencies` has its row in the "Runtime dependencies" table, and the table names no package
// that is not one.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import pkg from '../package.json'

it('has one README row per runtime dependency, each with a reason', () => {
  const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8')
  const section = readme.split('## Runtime dependencies')[1]?.split('\n## ')[0] ?? ''
  const rows = [...section.matchAll(/^\| `([^`]+)` +\| (.+?) *\|$/gm)].map((m) => [m[1]!, m[2]!] as const)
  expect(rows.map(([name]) => name).sort()).toEqual(Object.keys(pkg.dependencies).sort())
  for (const [name, why] of rows) expect(why.length, `${name} needs a reason`).toBeGreaterThan(20)
})
