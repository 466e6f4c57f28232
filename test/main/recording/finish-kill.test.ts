// kill -9 at any moment of finishing a recording leaves either the whole final HAR or a journal
// that `inspect` reads — never neither. A child process records, then finishes; the test kills it
// at seeded random moments spread over the finishing step (calibrated by one clean run first).
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { Entry, Har } from 'har-format'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readRecording } from '../../../src/main/recording/recording'
import { buildChild } from '../../helpers/child'
import { prng } from '../../../bench/lib/prng.js'

type Validator = (har: unknown) => Promise<unknown>
const { har: validateHar } = createRequire(import.meta.url)('har-validator') as { har: Validator }

const COUNT = 3000
const ROUNDS = 12
const SEED = 20261201

let dir: string
let childJs: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtrip-finish-kill-'))
  childJs = await buildChild(join(import.meta.dirname, 'finish-child.ts'), dir)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Runs the child; kills it `killAfterMs` after it says "finishing" (never, when undefined). */
async function run(path: string, killAfterMs?: number): Promise<{ signal: string | null; finishMs: number }> {
  const child = spawn(process.execPath, [childJs, path, String(COUNT)], { stdio: ['ignore', 'pipe', 'pipe'] })
  let err = ''
  child.stderr.on('data', (c) => (err += c))
  const exited = new Promise<string | null>((resolve) => child.once('exit', (_c, signal) => resolve(signal)))
  let finishingAt = 0
  let doneAt = 0
  for await (const line of createInterface({ input: child.stdout })) {
    if (line === 'finishing') {
      finishingAt = performance.now()
      if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    }
    if (line.startsWith('done')) doneAt = performance.now()
  }
  const signal = await exited
  if (!finishingAt) throw new Error(`the recording child failed before finishing: ${err}`)
  return { signal, finishMs: (doneAt || performance.now()) - finishingAt }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false
  )
}

const ids = (entries: Entry[]): string[] => entries.map((e) => (e as Entry & { _id: string })._id)
const expected = Array.from({ length: COUNT }, (_, i) => `e${i + 1}`)

describe('kill -9 while a recording finishes', () => {
  it(`leaves a valid HAR or a readable journal with all ${COUNT} exchanges (${ROUNDS} seeded kills)`, async () => {
    const clean = await run(join(dir, 'calibrate.har'))
    expect(clean.signal).toBeNull()
    const span = Math.max(20, clean.finishMs * 1.3)
    const next = prng(SEED)
    const outcomes = { har: 0, journal: 0 }
    for (let round = 0; round < ROUNDS; round++) {
      const path = join(dir, `round${round}`, 'rec.har')
      await rm(join(dir, `round${round}`), { recursive: true, force: true })
      await mkdir(join(dir, `round${round}`))
      const at = Math.floor(next() * span)
      await run(path, at)
      const journal = await exists(path + '.journal')
      const har = await exists(path)
      const where = `round ${round} (seed ${SEED}, kill ${at} ms into finishing): ${(await readdir(join(dir, `round${round}`))).join(', ')}`
      expect(journal || har, where).toBe(true)
      if (journal) {
        // What `inspect` and `--load` call: the journal wins while it exists.
        const read = await readRecording(path)
        expect(ids(read.har.log.entries), where).toEqual(expected)
        outcomes.journal++
      } else {
        const parsed = JSON.parse(await readFile(path, 'utf8')) as Har
        await expect(validateHar(parsed)).resolves.toBeTruthy()
        expect(ids(parsed.log.entries), where).toEqual(expected)
        outcomes.har++
      }
    }
    // Where the kills fell (timing decides the split; each outcome above was checked in full).
    console.log(`finishing took ${Math.round(clean.finishMs)} ms; kills left ${JSON.stringify(outcomes)}`)
    expect(outcomes.har + outcomes.journal).toBe(ROUNDS)
  }, 120_000)
})
