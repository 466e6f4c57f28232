// Acceptance: `roundtrip serve --record FILE` killed with SIGKILL after 50 exchanges leaves a file
// from which `roundtrip inspect FILE` reports at least those 50 and says it was cut short; a clean
// stop (SIGTERM) leaves FILE as valid HAR 1.2 and no journal.
import { execFile } from 'node:child_process'
import http from 'node:http'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { BIN, ROOT, startServe, type RunningServe } from '../../helpers/serve'

const exec = promisify(execFile)
type Validator = (har: unknown) => Promise<unknown>
const { har: validateHar } = createRequire(import.meta.url)('har-validator') as { har: Validator }

let dir: string
let serve: RunningServe | undefined
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtrip-record-'))
})
afterEach(async () => {
  await serve?.stop('SIGKILL')
  serve = undefined
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** `n` GETs of the sample site through the proxy, on one keep-alive connection, one after another. */
async function browse(proxyUrl: string, n: number): Promise<void> {
  const proxy = new URL(proxyUrl)
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  try {
    for (let i = 1; i <= n; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = http.request(
          { host: proxy.hostname, port: proxy.port, path: `http://roundtrip.test/?visit=${i}`, agent },
          (res) => {
            res.resume()
            res.on('end', () =>
              res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))
            )
          }
        )
        req.on('error', reject)
        req.end()
      })
    }
  } finally {
    agent.destroy()
  }
}

async function inspect(
  file: string
): Promise<{ entries: number; cutShort: boolean; readWarnings: string[] }> {
  const { stdout } = await exec(process.execPath, [BIN, 'inspect', file, '--json'], {
    cwd: ROOT,
    maxBuffer: 64 << 20
  })
  return JSON.parse(stdout) as { entries: number; cutShort: boolean; readWarnings: string[] }
}

describe('roundtrip serve --record', () => {
  it('survives SIGKILL: inspect reads every exchange completed more than a second before the kill', async () => {
    const file = join(dir, 'killed.har')
    serve = await startServe(['--record', file])
    await browse(serve.addresses.proxy, 50)
    await new Promise((r) => setTimeout(r, 1000))
    expect(await serve.stop('SIGKILL')).toBeNull()
    serve = undefined
    await expect(stat(file)).rejects.toThrow()
    const report = await inspect(file)
    expect(report.cutShort).toBe(true)
    expect(report.entries).toBeGreaterThanOrEqual(50)
    expect(report.readWarnings.join(' ')).toMatch(/cut short/)
  })

  it('on a clean stop leaves valid HAR 1.2 and removes the journal', async () => {
    const file = join(dir, 'clean.har')
    serve = await startServe(['--record', file])
    await browse(serve.addresses.proxy, 5)
    expect(await serve.stop('SIGTERM')).toBe(0)
    serve = undefined
    await expect(stat(`${file}.journal`)).rejects.toThrow()
    const har = JSON.parse(await readFile(file, 'utf8')) as {
      log: { entries: { request: { url: string } }[] }
    }
    await expect(validateHar(har)).resolves.toBeTruthy()
    expect(har.log.entries.map((e) => e.request.url)).toEqual(
      [1, 2, 3, 4, 5].map((i) => `http://roundtrip.test/?visit=${i}`)
    )
    const report = await inspect(file)
    expect(report.cutShort).toBe(false)
    expect(report.entries).toBe(5)
  })
})
