// The real `roundtrip replay` command against the real engine: a login recorded through the proxy
// on the sample site, replayed against a restarted engine.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startEngine, type Engine } from '../../../src/main/engine'
import { BIN, ROOT } from '../../helpers/serve'
import { recordLogin, sidOf as sid } from '../../helpers/record-login'

const exec = promisify(execFile)
type Validator = (har: unknown) => Promise<unknown>
const { har: validateHar } = createRequire(import.meta.url)('har-validator') as { har: Validator }

interface Row {
  index: number
  method: string
  url: string
  recordedStatus: number | null
  status: number | null
  sentCookie: string | null
  setCookies: string[]
  error?: string
  skipped?: string
}

let dir: string
let engine: Engine | undefined
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtrip-replay-'))
})
afterEach(async () => {
  await engine?.close()
  engine = undefined
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Logs alice in on the sample site through a throwaway engine and writes the capture as a HAR file. */
async function recordLoginFile(): Promise<{ file: string; recordedSid: string }> {
  const { har, recordedSid } = await recordLogin()
  // The recording really is a login: the last request reached /account as alice.
  const account = har.log.entries.at(-1)!
  expect(new URL(account.request.url).pathname).toBe('/account')
  expect(account.response.status).toBe(200)
  const file = join(dir, 'login.har')
  await writeFile(file, JSON.stringify(har))
  return { file, recordedSid }
}

async function replay(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, 'replay', ...args], { cwd: ROOT })
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

describe('roundtrip replay against a restarted engine', () => {
  let recording: { file: string; recordedSid: string }
  beforeAll(async () => {
    recording = await recordLoginFile()
  })

  it('--jar fresh logs in again with a new session ID and reaches /account', async () => {
    engine = await startEngine({ proxyPort: 0, samplePort: 0 })
    const out = join(dir, 'replayed.har')
    const { code, stdout, stderr } = await replay([
      recording.file,
      '--via',
      engine.proxyUrl,
      '--jar',
      'fresh',
      '--json',
      '--record',
      out
    ])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const rows = JSON.parse(stdout) as Row[]
    expect(rows.map((r) => [r.method, new URL(r.url).pathname])).toEqual([
      ['GET', '/login'],
      ['POST', '/login'],
      ['GET', '/account']
    ])
    expect(rows.map((r) => r.recordedStatus)).toEqual([200, 303, 200])
    // Numbered by position in log.entries, as inspect numbers them.
    expect(rows.map((r) => r.index)).toEqual([0, 1, 2])
    expect(rows.map((r) => r.status)).toEqual([200, 303, 200])
    const newSid = sid(rows[1]!.setCookies)!
    expect(newSid).toBeDefined()
    expect(newSid).not.toBe(recording.recordedSid)
    expect(rows[2]!.sentCookie).toContain(newSid)
    const users = engine.sample.sessions().filter((s) => s.user === 'alice')
    expect(users.map((s) => s.id)).toEqual([newSid.split('=')[1]])
    // The replay's own capture: valid HAR, all three on one connection again.
    const replayed = JSON.parse(await readFile(out, 'utf8')) as {
      log: { entries: { connection: string; response: { status: number } }[] }
    }
    await expect(validateHar(replayed)).resolves.toBeTruthy()
    expect(replayed.log.entries.map((e) => e.response.status)).toEqual([200, 303, 200])
    expect(new Set(replayed.log.entries.map((e) => e.connection)).size).toBe(1)
  })

  it('--jar recorded sends the stale session ID and is turned away', async () => {
    engine = await startEngine({ proxyPort: 0, samplePort: 0 })
    const { code, stdout } = await replay([
      recording.file,
      '--via',
      engine.proxyUrl,
      '--jar',
      'recorded',
      '--json'
    ])
    expect(code).toBe(0)
    const rows = JSON.parse(stdout) as Row[]
    expect(rows[2]!.sentCookie).toContain(recording.recordedSid)
    expect(rows[1]!.status).toBe(403)
    expect(rows[2]!.status).toBe(303)
    expect(engine.sample.sessions().filter((s) => s.user === 'alice')).toEqual([])
  })

  it('prints recorded against new statuses and Set-Cookie differences in words', async () => {
    engine = await startEngine({ proxyPort: 0, samplePort: 0 })
    const { code, stdout } = await replay([recording.file, '--via', engine.proxyUrl])
    expect(code).toBe(0)
    expect(stdout).toContain('#1 POST http://roundtrip.test/login')
    expect(stdout).toMatch(/status: recorded 303, now 303 \(same\)/)
    expect(stdout).toMatch(/Set-Cookie \S*sid\S*: new value .* \(recorded /)
    expect(stdout).toMatch(/form fields from the new page instead of the recording: csrf/)
    expect(stdout).toMatch(/Replayed 3 of 3 entries; 0 statuses differ/)
  })
})

describe('roundtrip replay with bad input', () => {
  it('names a missing file and exits 2', async () => {
    const { code, stderr } = await replay([join(dir, 'nope.har')])
    expect(code).toBe(2)
    expect(stderr).toMatch(/there is no file at .*nope\.har/)
  })

  it('names a broken file and exits 2', async () => {
    const broken = join(dir, 'broken.har')
    await writeFile(broken, '{"log": {"version": "1.2", "entries": [ {"request": ')
    const { code, stderr } = await replay([broken])
    expect(code).toBe(2)
    expect(stderr).toMatch(/broken\.har.*(JSON|cut short)/)
  })

  it('rejects a bad --jar and a bad --via with a sentence', async () => {
    expect((await replay(['x.har', '--jar', 'stale'])).stderr).toMatch(
      /--jar cannot be "stale"; write --jar fresh or --jar recorded/
    )
    const via = await replay(['x.har', '--via', 'socks5://h:1'])
    expect(via.code).toBe(2)
    expect(via.stderr).toMatch(/--via wants the proxy as http:\/\/HOST:PORT/)
  })
})
