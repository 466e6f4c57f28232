import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const exec = promisify(execFile)

describe('roundtrip command', () => {
  it('names an unknown command and exits 2', async () => {
    const err = await exec('node', ['bin/roundtrip.js', 'frobnicate']).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 2 })
    expect((err as { stderr: string }).stderr).toContain(
      'roundtrip: there is no command "frobnicate"; write npx roundtrip serve'
    )
  })
})
