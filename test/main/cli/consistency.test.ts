// inspect and replay speak of the same entries the same way: numbered by position in log.entries,
// the same status for an entry the origin never answered, file warnings before results, and a recording
// cut short said first. And SIGTERM lets a request in flight finish before the recording is written.
import { spawn } from 'node:child_process'
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Har } from 'har-format'
import { afterEach, describe, expect, it } from 'vitest'
import { execFileP } from '../../helpers/net'
import { BIN, ROOT, startServe, type RunningServe } from '../../helpers/serve'

let serve: RunningServe | undefined
let dir: string | undefined
afterEach(async () => {
  await serve?.stop('SIGKILL')
  if (dir) rmSync(dir, { recursive: true, force: true })
  serve = dir = undefined
})

/** Runs the CLI with stdout and stderr into one file, so their order is the order they were written. */
async function interleaved(args: string[]): Promise<string> {
  const out = join(dir!, `out-${Date.now()}.txt`)
  const fd = openSync(out, 'w')
  await new Promise<void>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', fd, fd] })
    child.once('exit', () => resolve())
  })
  closeSync(fd)
  return readFileSync(out, 'utf8')
}

async function recordWithAnError(kill: NodeJS.Signals): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'roundtrip-consistency-'))
  const file = join(dir, 'c.har')
  serve = await startServe(['--record', file])
  const { proxy } = serve.addresses
  // Port 1 on loopback: nothing listens, so the origin never answers (the proxy says 502 itself).
  await execFileP('curl', ['-sS', '-o', '/dev/null', '-x', proxy, 'http://127.0.0.1:1/'])
  await execFileP('curl', ['-sS', '-o', '/dev/null', '-x', proxy, 'http://roundtrip.test/'])
  if (kill === 'SIGKILL') await new Promise((r) => setTimeout(r, 1200)) // the journal's batch reaches the disk
  await serve.stop(kill)
  return file
}

describe('inspect and replay agree', () => {
  it('number entries from #0 and give an unanswered entry the same status (the proxy 502), warnings first', async () => {
    const file = await recordWithAnError('SIGTERM')
    const inspect = await interleaved(['inspect', file])
    expect(inspect).toContain('#0 GET http://127.0.0.1:1/  502')
    expect(inspect).toContain('#1 GET http://roundtrip.test/  200')
    const replay = await interleaved(['replay', file])
    expect(replay).toContain('#0 GET http://127.0.0.1:1/\n    status: recorded 502, now failed:')
    expect(replay).toContain('#1 GET http://roundtrip.test/\n    status: recorded 200')
    expect(inspect).not.toContain('/  no response')
    expect(replay).not.toContain('recorded no response')
    // What is odd about the file is said before the first result.
    const warning = replay.indexOf(`roundtrip replay: ${file}: Entry 0`)
    expect(warning).toBeGreaterThanOrEqual(0)
    expect(warning).toBeLessThan(replay.indexOf('#0 GET'))
  })

  it('says first that a recording was cut short', async () => {
    const file = await recordWithAnError('SIGKILL')
    const { stdout } = await execFileP(process.execPath, [BIN, 'inspect', file], { cwd: ROOT })
    expect(stdout.split('\n')[0]).toMatch(/^This recording was cut short/)
  })
})

describe('stopping serve with a request in flight', () => {
  it('lets it finish and records it, so the client gets its answer', async () => {
    dir = mkdtempSync(join(tmpdir(), 'roundtrip-grace-'))
    const file = join(dir, 'slow.har')
    serve = await startServe(['--record', file])
    const { proxy, ui, token } = serve.addresses
    const curl = execFileP('curl', ['-sS', '-x', proxy, 'http://roundtrip.test/slow?ms=700'])
    // Wait until the proxy has the request, then ask serve to stop.
    for (let i = 0; i < 100; i++) {
      const r = await execFileP('curl', [
        '-sS',
        '-H',
        `authorization: Bearer ${token}`,
        `${new URL(ui).origin}/api/snapshot`
      ])
      if (r.stdout.includes('/slow?ms=700')) break
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(await serve.stop('SIGTERM')).toBe(0)
    const { stdout } = await curl
    expect(stdout).toContain('700')
    const har = JSON.parse(readFileSync(file, 'utf8')) as Har
    const slow = har.log.entries.find((e) => e.request.url.includes('/slow'))
    expect(slow?.response.status).toBe(200)
  })
})
