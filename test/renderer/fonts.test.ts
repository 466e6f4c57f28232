/// <reference types="node" />
// The Korean font bundled into the built UI (out/renderer, built before the suite): Noto Sans KR's Korean
// subset in one weight, as woff2 only, used only for Hangul and CJK punctuation, so the bundle stays small.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ASSETS = join(import.meta.dirname, '..', '..', 'out', 'renderer', 'assets')

describe('the bundled Korean font', () => {
  const files = readdirSync(ASSETS)
  const fonts = files.filter((f) => /\.(woff2?|ttf|otf)$/.test(f))

  it('is one woff2 file of the Korean subset, one weight, under 600 kB', () => {
    expect(fonts).toHaveLength(1)
    expect(fonts[0]).toMatch(/^noto-sans-kr-korean-400-normal-.*\.woff2$/)
    expect(statSync(join(ASSETS, fonts[0]!)).size).toBeLessThan(600_000)
  })

  it('is declared for Hangul only and put first in the UI font lists', () => {
    const css = files
      .filter((f) => f.endsWith('.css'))
      .map((f) => readFileSync(join(ASSETS, f), 'utf8'))
      .join('\n')
    const face = /@font-face\s*{[^}]*}/.exec(css)?.[0] ?? ''
    expect(face).toContain('Noto Sans KR')
    expect(face).toMatch(/unicode-range:\s*U\+1100-11FF/i)
    expect(face).toContain(fonts[0])
    expect(css).toMatch(/font-family:\s*"?'?Noto Sans KR"?'?,\s*system-ui/)
  })
})
