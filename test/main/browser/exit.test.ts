// A browser that dies is reported with its exit code, last stderr lines and the fix; as root the
// launcher gives Chromium --no-sandbox itself.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BrowserExitError, browserExitText, exitCause, TailLines } from '../../../src/main/browser/exit'
import { launchBrowser } from '../../../src/main/browser/launch'

let dir: string
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'roundtrip-browser-exit-'))))
afterEach(() => rm(dir, { recursive: true, force: true }))

async function script(name: string, body: string): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, `#!/bin/sh\n${body}\n`)
  await chmod(path, 0o755)
  return path
}

describe('a browser that exits at once', () => {
  it('rejects with its exit code, its last stderr lines and the fix, and removes the profile', async () => {
    const path = await script(
      'chromium',
      'echo "[1:1:ERROR] Running as root without --no-sandbox is not supported. See crbug.com/638180." >&2; exit 1'
    )
    const err = await launchBrowser({
      browser: { id: 'custom', name: 'chromium', family: 'chromium', path },
      proxyUrl: 'http://127.0.0.1:8099',
      asRoot: false
    }).then(
      () => new Error('it stayed up') as BrowserExitError,
      (e: unknown) => e as BrowserExitError
    )
    expect(err).toBeInstanceOf(BrowserExitError)
    expect(err.params).toMatchObject({ exitCode: 1, cause: 'root-sandbox', name: 'chromium' })
    expect(err.message).toBe(
      'chromium exited with exit code 1 right after it started. Its last words: [1:1:ERROR] Running as root without --no-sandbox is not supported. See crbug.com/638180. It refuses to run as root with its sandbox on: start it with the argument --no-sandbox, or as a normal user.'
    )
    // The CLI words the fix as its own flag.
    expect(browserExitText(err.params, (a) => `--browser-arg=${a}`)).toContain(
      'start it with --browser-arg=--no-sandbox'
    )
  })

  it('knows a missing display and suggests headless for that family', () => {
    expect(exitCause(['Error: no DISPLAY environment variable specified'])).toBe('no-display')
    expect(exitCause(['[ERROR:ozone_platform_x11.cc] Missing X server or $DISPLAY'])).toBe('no-display')
    const text = browserExitText(
      {
        name: 'Firefox',
        path: '/usr/bin/firefox',
        family: 'firefox',
        exitCode: 1,
        signal: null,
        stderr: [],
        cause: 'no-display',
        ranMs: 300
      },
      (a) => `--browser-arg=${a}`
    )
    expect(text).toBe(
      'Firefox exited with exit code 1 right after it started. It found no display: start it with --browser-arg=--headless, or run Roundtrip under xvfb-run.'
    )
  })

  it('keeps only the last lines of stderr', () => {
    const tail = new TailLines(3)
    tail.push('one\ntwo\nthr')
    tail.push('ee\nfour\n\u001b[31mfive')
    expect(tail.get()).toEqual(['three', 'four', '[31mfive'])
  })
})

describe('running as root', () => {
  it('gives Chromium --no-sandbox itself, once, and nothing extra otherwise', async () => {
    const args = join(dir, 'args')
    const path = await script('chromium', `echo "$@" >> '${args}'`)
    const browser = { id: 'custom', name: 'chromium', family: 'chromium' as const, path }
    for (const [asRoot, extraArgs] of [
      [true, []],
      [true, ['--no-sandbox']],
      [false, []]
    ] as const) {
      const h = await launchBrowser({
        browser,
        proxyUrl: 'http://127.0.0.1:8099',
        asRoot,
        extraArgs: [...extraArgs]
      })
      await h.exited
    }
    const lines = (await readFile(args, 'utf8')).trim().split('\n')
    expect(lines.map((l) => l.split(' ').filter((a) => a === '--no-sandbox').length)).toEqual([1, 1, 0])
  })
})
