// Every way a command line can be wrong gets one sentence in one style, exit code 2, no stack trace,
// and `serve` says it before it binds a port.
import { mkdtemp, readdir, writeFile } from 'node:fs/promises'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { version } from '../../../package.json'
import { execFileP } from '../../helpers/net'
import { BIN, ROOT } from '../../helpers/serve'

let dir: string
let har: string
let blocker: net.Server
let taken: number

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtrip-cli-errors-'))
  har = join(dir, 'ok.har')
  await writeFile(
    har,
    JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries: [] } })
  )
  blocker = net.createServer()
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r))
  taken = (blocker.address() as net.AddressInfo).port
})

afterAll(() => new Promise<void>((r) => blocker.close(() => r())))

async function fails(args: string[]): Promise<string> {
  const free = ['--proxy-port', '0', '--sample-port', '0', '--ui-port', '0']
  const argv = args[0] === 'serve' && !args.some((a) => a.endsWith('-port')) ? [...args, ...free] : args
  const result = await execFileP(process.execPath, [BIN, ...argv], { cwd: ROOT, timeout: 20_000 }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e
  )
  expect(result.code, `${args.join(' ')} exits 2`).toBe(2)
  expect(result.stdout).toBe('')
  const lines = result.stderr.trimEnd().split('\n')
  expect(lines, `${args.join(' ')} prints one line: ${result.stderr}`).toHaveLength(1)
  // One style: `roundtrip <command>: <what was wrong>; <what to type instead>.`, never a stack trace.
  expect(lines[0]).toMatch(/^roundtrip( serve| inspect| replay)?: [a-z/-].*\.$/)
  expect(result.stderr).not.toMatch(/\n\s+at |Error:|EISDIR|ENOENT|ERR_/)
  return lines[0]!
}

describe('every command-line mistake: one sentence, exit 2', () => {
  it.each([
    [['frobnicate'], 'there is no command "frobnicate"'],
    [['inspect', '--bogus', 'x.har'], 'there is no option --bogus; see npx roundtrip inspect --help'],
    [['replay', '--bogus', 'x.har'], 'there is no option --bogus; see npx roundtrip replay --help'],
    [['serve', '--bogus'], 'there is no option --bogus; see npx roundtrip serve --help'],
    [['serve', '--proxy-prot', '1'], 'there is no option --proxy-prot (did you mean --proxy-port?)'],
    [['replay', 'x.har', '--jar'], '--jar needs a value; write it as --jar fresh|recorded.'],
    [['serve', '--record'], '--record needs a value; write it as --record FILE.'],
    [['serve', '--json=yes'], '--json takes no value'],
    [['replay', 'x.har', '--jar', 'stale'], '--jar cannot be "stale"; write --jar fresh or --jar recorded.'],
    [['inspect'], 'name the HAR file to inspect; write npx roundtrip inspect FILE.har.'],
    [['replay', 'a.har', 'b.har'], 'give one HAR file at a time'],
    [['serve', '--proxy-port', 'eighty'], '--proxy-port takes a whole number from 0 to 65535']
  ])('%j', async (args, expected) => {
    expect(await fails(args)).toContain(expected)
  })

  it('names a missing file, and a folder given as a file, for each command', async () => {
    for (const command of ['inspect', 'replay']) {
      expect(await fails([command, join(dir, 'missing.har')])).toContain(
        `there is no file at ${join(dir, 'missing.har')}`
      )
      expect(await fails([command, dir])).toContain(`${dir} is a folder, not a HAR file`)
    }
    expect(await fails(['serve', '--load', join(dir, 'missing.har')])).toContain('there is no file at')
    expect(await fails(['serve', '--load', dir])).toContain(`${dir} is a folder, not a HAR file`)
  })

  it('refuses a record path that cannot become a file, up front, and leaves nothing behind', async () => {
    const before = await readdir(dir)
    expect(await fails(['serve', '--record', dir])).toContain(`${dir} is a folder; give --record a file name`)
    expect(await fails(['serve', '--record', join(dir, 'no', 'such', 'x.har')])).toContain(
      `the folder ${join(dir, 'no', 'such')} does not exist`
    )
    expect(await fails(['serve', '--record', join(har, 'x.har')])).toContain(`${har} is a file, not a folder`)
    expect(await fails(['replay', har, '--record', dir])).toContain('give --record a file name')
    expect(await readdir(dir)).toEqual(before)
  })

  it('checks files before ports: a missing --load file is said even when the port is taken', async () => {
    const line = await fails(['serve', '--load', join(dir, 'missing.har'), '--proxy-port', String(taken)])
    expect(line).toContain('there is no file at')
  })

  it('names the flag to change for each taken port it was told to use', async () => {
    const cases: [string, string][] = [
      ['--proxy-port', 'so the proxy cannot listen there'],
      ['--sample-port', 'so the sample site cannot listen there'],
      ['--ui-port', 'so the web UI cannot listen there']
    ]
    for (const [flag, what] of cases) {
      const others = ['--proxy-port', '--sample-port', '--ui-port']
        .filter((f) => f !== flag)
        .flatMap((f) => [f, '0'])
      const line = await fails(['serve', flag, String(taken), ...others])
      expect(line).toContain(`port ${taken} on 127.0.0.1 is already in use, ${what}`)
      expect(line).toContain(`choose another port with ${flag} N (${flag} 0 picks a free one).`)
    }
  })
})

describe('roundtrip --version', () => {
  it('prints the version and exits 0', async () => {
    for (const flag of ['--version', '-v']) {
      const { stdout } = await execFileP(process.execPath, [BIN, flag], { cwd: ROOT })
      expect(stdout).toBe(`${version}\n`)
    }
  })
})
