import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { execFileP, startOrigin, type Origin } from '../../helpers/net'
import { BIN, ROOT, startServe, type RunningServe } from '../../helpers/serve'

let serve: RunningServe | undefined
let origin: Origin | undefined
let dir: string | undefined

afterEach(async () => {
  await serve?.stop('SIGKILL')
  await origin?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
  serve = origin = dir = undefined
})

interface InspectJson {
  entries: number
  cutShort: boolean
  connections: { groups: { entries: number[] }[] }
}

async function inspect(file: string): Promise<InspectJson> {
  const { stdout } = await execFileP(process.execPath, [BIN, 'inspect', file, '--json'], { cwd: ROOT })
  return JSON.parse(stdout) as InspectJson
}

describe('roundtrip serve --record', () => {
  it('survives SIGKILL: every exchange completed a second before the kill can be inspected', async () => {
    dir = mkdtempSync(join(tmpdir(), 'roundtrip-record-'))
    const file = join(dir, 'session.har')
    origin = await startOrigin()
    serve = await startServe(['--record', file])
    const urls = Array.from({ length: 50 }, (_, i) => `${origin!.url}/item/${i}`)
    await execFileP('curl', ['-sS', '-o', '/dev/null', '-x', serve.addresses.proxy, ...urls])
    await new Promise((r) => setTimeout(r, 1200))
    await serve.stop('SIGKILL')

    const report = await inspect(file)
    expect(report.cutShort).toBe(true)
    expect(report.entries).toBeGreaterThanOrEqual(50)
    // One curl command, one keep-alive connection: the grouping survives the crash too.
    expect(report.connections.groups.some((g) => g.entries.length >= 50)).toBe(true)
  })

  it('writes a finished HAR on a clean stop, and --load brings it back into a new run', async () => {
    dir = mkdtempSync(join(tmpdir(), 'roundtrip-record-'))
    const file = join(dir, 'clean.har')
    origin = await startOrigin()
    serve = await startServe(['--record', file])
    await execFileP('curl', [
      '-sS',
      '-o',
      '/dev/null',
      '-x',
      serve.addresses.proxy,
      `${origin.url}/a`,
      `${origin.url}/b`
    ])
    await new Promise((r) => setTimeout(r, 300))
    expect(await serve.stop('SIGTERM')).toBe(0)
    const report = await inspect(file)
    expect(report.cutShort).toBe(false)
    expect(report.entries).toBe(2)

    serve = await startServe(['--load', file])
    const res = await fetch(`${new URL(serve.addresses.ui).origin}/api/snapshot`, {
      headers: { authorization: `Bearer ${serve.addresses.token}` }
    })
    const snap = (await res.json()) as { exchanges: { id: string; url: string }[] }
    expect(snap.exchanges.map((e) => e.url)).toEqual([`${origin.url}/a`, `${origin.url}/b`])
    expect(snap.exchanges.every((e) => e.id.startsWith('L'))).toBe(true)
  })

  it('refuses to start with a sentence when --load names a file that is not there', async () => {
    const err = await execFileP(
      process.execPath,
      [
        BIN,
        'serve',
        '--load',
        '/nonexistent/x.har',
        '--proxy-port',
        '0',
        '--sample-port',
        '0',
        '--ui-port',
        '0'
      ],
      {
        cwd: ROOT
      }
    ).catch((e: unknown) => e as { code: number; stderr: string })
    expect(err).toMatchObject({ code: 2 })
    expect((err as { stderr: string }).stderr).toContain('there is no file at /nonexistent/x.har')
  })
})
