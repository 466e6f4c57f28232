// The README's commands run as written. Every line in a fenced block (other than ```text synopses)
// that starts with `npx roundtrip`, `curl`, `wget`, `export` or `kill` runs in order, in one shell
// session's worth of exported variables, in a temporary folder, and must exit 0. Two things are
// adjusted, both stated here: `npx roundtrip` becomes `node bin/roundtrip.js` (what npx runs from the
// clone; the last test checks npx itself), and since this machine's 8080/3000/8081 may be anyone's,
// a serve started by a README line gets free ports (the test-only ROUNDTRIP_TEST_*_PORT variables) and
// the lines after it have 127.0.0.1:8080 and :8081 replaced by where it really listens.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { version } from '../package.json'
import { execFileP } from './helpers/net'
import { BIN, ROOT, startServe, type RunningServe } from './helpers/serve'

const RUNNABLE = /^(npx roundtrip|curl|wget|export|kill)\b/

/** Every runnable line of every fenced block that is not marked ```text. */
export function runnableLines(markdown: string): string[] {
  const lines: string[] = []
  let fence: string | undefined
  for (const raw of markdown.split('\n')) {
    const m = /^```(\w*)/.exec(raw)
    if (m) {
      fence = fence === undefined ? m[1] : undefined
      continue
    }
    if (fence === undefined || fence === 'text') continue
    const line = raw.replace(/\s+#\s.*$/, '').trim()
    if (RUNNABLE.test(line)) lines.push(line)
  }
  return lines
}

const dir = mkdtempSync(join(tmpdir(), 'roundtrip-readme-'))
const started: number[] = []
const helpers: RunningServe[] = []
afterAll(async () => {
  for (const h of helpers) await h.stop()
  for (const pid of started) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  rmSync(dir, { recursive: true, force: true })
})

const TEST_PORTS = {
  ROUNDTRIP_TEST_PROXY_PORT: '0',
  ROUNDTRIP_TEST_SAMPLE_PORT: '0',
  ROUNDTRIP_TEST_UI_PORT: '0'
}

/** `on: 'exit'` for a line that leaves a process in the background holding the pipes open. */
function sh(
  script: string,
  env: NodeJS.ProcessEnv,
  on: 'close' | 'exit' = 'close'
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (c) => (out += c))
    child.stderr.on('data', (c) => (out += c))
    child.once(on, (code) => resolve({ code, out }))
  })
}

async function waitFor<T>(what: string, get: () => T | undefined, tries = 200): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = get()
    if (v !== undefined) return v
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`waited in vain for ${what}`)
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('README commands', () => {
  const lines = runnableLines(readFileSync(join(ROOT, 'README.md'), 'utf8'))

  it('has the walk-through to run: serve, curl, wget, exports, replay, kill, inspect', () => {
    expect(lines.length).toBeGreaterThan(8)
    expect(lines.some((l) => l.startsWith('export http_proxy='))).toBe(true)
    expect(lines.some((l) => l.startsWith('kill '))).toBe(true)
  })

  it('runs every line as written, each exiting 0', async () => {
    const exports: string[] = []
    let addresses: { proxy: string; ui: string; pid?: number } | undefined
    for (const original of lines) {
      let line = original.replaceAll('npx roundtrip', `node ${BIN}`)
      if (
        !addresses &&
        !original.startsWith('npx roundtrip serve') &&
        /127\.0\.0\.1:808[01]/.test(original)
      ) {
        // A line for a running serve where the README's own was stopped already: start one for it.
        const helper = await startServe([], 20_000, { env: { ROUNDTRIP_HOME: join(dir, 'home') } })
        helpers.push(helper)
        addresses = helper.addresses
        line = original.replaceAll('npx roundtrip', `node ${BIN}`)
      }
      if (addresses) {
        line = line
          .replaceAll('http://127.0.0.1:8080', addresses.proxy)
          .replaceAll('http://127.0.0.1:8081', new URL(addresses.ui).origin)
      }
      const env = { ...process.env, ...TEST_PORTS }
      if (/^npx roundtrip serve\b/.test(original)) {
        const json = /> (\S+) &$/.exec(original)?.[1]
        if (json) {
          // A background serve writing its JSON line to a file: start it, read where it listens.
          await sh(line, env, 'exit')
          const first = await waitFor(`${json} from "${original}"`, () => {
            const text = existsSync(join(dir, json)) ? readFileSync(join(dir, json), 'utf8') : ''
            return text.includes('\n') ? text.split('\n')[0] : undefined
          })
          const parsed = JSON.parse(first!) as { proxy: string; ui: string; pid: number }
          started.push(parsed.pid)
          addresses = parsed
          continue
        }
        // A serve in the foreground: it must start and say where it listens; then it is stopped.
        const child = spawn('bash', ['-c', `exec ${line}`], {
          cwd: dir,
          env,
          stdio: ['ignore', 'pipe', 'pipe']
        })
        let out = ''
        child.stdout.on('data', (c) => (out += c))
        await waitFor(`"${original}" to start`, () =>
          out.includes('Roundtrip is running') ? true : undefined
        )
        const exited = new Promise((r) => child.once('close', r))
        child.kill('SIGTERM')
        await exited
        continue
      }
      const { code, out } = await sh([...exports, line].join('\n'), env)
      expect(code, `${original}\n${out}`).toBe(0)
      if (original.startsWith('export ')) exports.push(line)
      if (original.startsWith('kill ') && addresses?.pid) {
        // The user waits for serve to finish its recording before reading it.
        const pid = addresses.pid
        await waitFor(`serve (pid ${pid}) to stop`, () => (alive(pid) ? undefined : true), 400)
        addresses = undefined
      }
      if (original.startsWith('npx roundtrip inspect')) expect(out).toMatch(/HAR written by Roundtrip/)
    }
  }, 120_000)

  it('npx roundtrip works from the clone as written', async () => {
    const { stdout } = await execFileP('npx', ['roundtrip', '--version'], { cwd: ROOT })
    expect(stdout.trim()).toBe(version)
  })
})
