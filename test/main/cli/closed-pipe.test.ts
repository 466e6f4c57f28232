// A reader that stops early (`roundtrip inspect big.har | head`) closes the pipe under the one-shot
// commands: they stop quietly with 0, as other writers to `head` do, instead of an error or a stack trace.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { harOf, type ExchangeSpec } from '../../helpers/har-factory'

const root = join(import.meta.dirname, '..', '..', '..')
const dir = mkdtempSync(join(tmpdir(), 'roundtrip-pipe-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** 3,000 entries: a report far past what a pipe's buffer holds, so writing goes on after the reader left. */
function bigHar(): string {
  const specs: ExchangeSpec[] = []
  for (let i = 0; i < 3000; i++) {
    specs.push({
      url: `https://shop.test/item/${i}`,
      at: i * 50,
      cookie: `sid=s${i >> 4}; theme=dark`,
      setCookie: i % 16 === 0 ? [`sid=s${(i >> 4) + 1}; Path=/; HttpOnly; SameSite=Lax`] : []
    })
  }
  const p = join(dir, 'big.har')
  writeFileSync(p, JSON.stringify(harOf(specs)))
  return p
}

/** Runs the command, reads its first piece of output, then closes the pipe as `head` does. */
async function readFirstThenClose(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['bin/roundtrip.js', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stderr = ''
  child.stderr.on('data', (c: Buffer) => (stderr += c))
  const exited = once(child, 'exit')
  await once(child.stdout, 'data')
  child.stdout.destroy()
  const [code] = (await exited) as [number | null]
  return { code, stderr }
}

describe('a closed pipe under a one-shot command', () => {
  const file = bigHar()
  for (const args of [
    ['inspect', file],
    ['inspect', file, '--json']
  ]) {
    it(`${args.slice(2).join(' ') || 'the text report'}: stops quietly with 0`, async () => {
      const { code, stderr } = await readFirstThenClose(args)
      expect(stderr, `stderr was: ${stderr}`).toBe('')
      expect(code).toBe(0)
    }, 60_000)
  }
})
