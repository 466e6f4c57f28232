// Captured traffic must never run: no source file renders strings as HTML or evaluates code.
// A plain scan of src/, so a later change that adds one fails here with the file named.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = join(import.meta.dirname, '..', '..', 'src')

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(join(dir, e.name))
      : /\.(ts|tsx|js|mjs|cjs|html)$/.test(e.name)
        ? [join(dir, e.name)]
        : []
  )
}

const FORBIDDEN: [string, RegExp][] = [
  ['dangerouslySetInnerHTML', /dangerouslySetInnerHTML/],
  ['innerHTML / outerHTML assignment', /\.(inner|outer)HTML\s*=[^=]/],
  ['insertAdjacentHTML', /insertAdjacentHTML/],
  ['document.write', /document\.write/],
  ['eval', /(^|[^.\w])eval\s*\(/],
  ['new Function', /new\s+Function\s*\(/],
  ['string timers', /set(Timeout|Interval)\s*\(\s*['"`]/]
]

describe('no source renders captured text as HTML or evaluates it', () => {
  const all = files(SRC)
  it('finds the sources to scan', () => {
    expect(all.length).toBeGreaterThan(20)
  })
  for (const [name, pattern] of FORBIDDEN) {
    it(`uses no ${name}`, () => {
      const hits = all
        .filter((f) => pattern.test(readFileSync(f, 'utf8')))
        .map((f) => f.slice(SRC.length + 1))
      expect(hits).toEqual([])
    })
  }
})
