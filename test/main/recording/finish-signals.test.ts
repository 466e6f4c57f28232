// SIGTERM while `roundtrip serve --record` is finishing its recording: the process waits for the
// HAR, exits 0, and the recording is complete (the real CLI, a recording big enough that the
// finishing step lasts long enough to be signalled in).
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Entry, Har } from 'har-format'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportHar } from '../../../src/shared/har/export'
import { connection, exchange, T0 } from '../../helpers/capture-factory'
import { startServe, type RunningServe } from '../../helpers/serve'

const COUNT = 20_000
let dir: string
let serve: RunningServe | undefined
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtrip-finish-signal-'))
})
afterAll(async () => {
  await serve?.stop('SIGKILL')
  await rm(dir, { recursive: true, force: true })
})

describe('serve --record, signalled while finishing', () => {
  it('exits 0 with the recording complete', async () => {
    const client = connection('c1')
    const exchanges = Array.from({ length: COUNT }, (_, i) => {
      const e = exchange({
        id: `e${i + 1}`,
        sequence: i + 1,
        startedAt: T0 + i,
        url: `http://roundtrip.test/${i}`
      })
      client.exchangeIds.push(e.id)
      return e
    })
    const source = join(dir, 'source.har')
    const snapshot = {
      seq: 0,
      connections: [client, connection('u1', { clientConnectionId: 'c1' })],
      exchanges,
      tunnels: [],
      sessionEvents: []
    }
    await writeFile(source, JSON.stringify(exportHar(snapshot)))
    const out = join(dir, 'out.har')
    serve = await startServe(['--load', source, '--record', out], 60_000)
    const pid = serve.child.pid!
    const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      serve!.child.once('exit', (code, signal) => resolve({ code, signal }))
    )
    // Ctrl+C starts the stop; SIGTERM then lands while the HAR is being written (its temporary
    // file exists), twice over.
    serve.child.kill('SIGINT')
    const temp = `out.har.tmp-${pid}`
    const deadline = Date.now() + 30_000
    while (!(await readdir(dir)).includes(temp)) {
      if (Date.now() > deadline || serve.child.exitCode !== null)
        throw new Error(
          `the finishing step was not seen (${(await readdir(dir)).join(', ')}); stderr: ${serve.stderr()}`
        )
      await new Promise((r) => setTimeout(r, 2))
    }
    serve.child.kill('SIGTERM')
    serve.child.kill('SIGTERM')
    expect(await exit).toEqual({ code: 0, signal: null })
    expect(serve.stderr()).toMatch(/still writing .*out\.har/)
    await expect(stat(out + '.journal')).rejects.toThrow()
    const har = JSON.parse(await readFile(out, 'utf8')) as Har
    expect(har.log.entries).toHaveLength(COUNT)
    const ids = har.log.entries.map((e) => (e as Entry & { _id: string })._id)
    expect(new Set(ids).size).toBe(COUNT)
    serve = undefined
  }, 120_000)
})
