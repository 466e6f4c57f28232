// `roundtrip replay FILE.har [--via PROXY] [--jar fresh|recorded] [--only-host H] [--record OUT] [--json]`:
// sends a HAR's requests again, in order, on the recorded connection grouping, and compares the
// new statuses and Set-Cookie headers with the recorded ones. Exit codes: 0 replayed (failed
// requests are rows, not crashes), 2 bad options or a file that cannot be read as HAR.
import { rename, writeFile } from 'node:fs/promises'
import type { Har } from 'har-format'
import { exportHar } from '../../shared/har/export'
import { decodeBody } from '../recording/decode'
import { readRecording } from '../recording/recording'
import { replayHar, type JarMode, type ReplayResult } from '../replay/replay'
import { cookieChanges } from '../replay/runner'
import { argsOrHelp, type CommandSpec, oneHarFile } from './args'
import { checkReadableFile, checkWritablePath, CliError, fileProblem, UsageError } from './errors'

const SPEC: CommandSpec = {
  name: 'replay',
  usage: 'FILE.har [options]',
  description: `Sends the recorded requests again, one at a time and in order. Requests that shared a connection when
recorded share one again. Only http:// requests are re-sent; others are listed as skipped. Entries are
numbered by their position in log.entries, from #0, as in inspect.`,
  options: {
    via: {
      type: 'string',
      value: 'PROXY',
      help: 'send through this HTTP proxy (e.g. http://127.0.0.1:8080); default: straight to each origin'
    },
    jar: {
      type: 'string',
      value: 'fresh|recorded',
      choices: ['fresh', 'recorded'],
      help: "fresh (default): start with an empty cookie jar, so the server's new Set-Cookie headers\ndecide what is sent and hidden form fields (CSRF tokens) come from the new pages;\nrecorded: send the recorded Cookie headers exactly as they were"
    },
    'only-host': { type: 'string', value: 'HOST', help: 're-send only requests to HOST' },
    record: { type: 'string', value: 'OUT', help: 'write the replay itself to OUT as a HAR' },
    timeout: { type: 'string', value: 'SECONDS', help: 'how long to wait for each response (default 15)' },
    json: { type: 'boolean', help: 'print one JSON array, one object per entry' }
  },
  positionals: oneHarFile('replay')
}

export async function run(argv: string[]): Promise<number> {
  const args = argsOrHelp(SPEC, argv)
  if (!args) return 0
  const file = args.positionals[0]!
  const jar = (args.string('jar') ?? 'fresh') as JarMode
  const via = args.string('via')
  if (via !== undefined && !isHttpUrl(via)) {
    throw new UsageError(
      `--via wants the proxy as http://HOST:PORT, not "${via}"; write --via http://127.0.0.1:8080.`
    )
  }
  const rawTimeout = args.string('timeout')
  const timeout = rawTimeout === undefined ? 15 : Number(rawTimeout)
  if (!Number.isFinite(timeout) || timeout <= 0) {
    throw new UsageError(`--timeout wants a number of seconds, not "${rawTimeout}"; write --timeout 15.`)
  }
  const out = args.string('record')
  if (out !== undefined) await checkWritablePath(out, '--record')
  const json = args.flag('json')

  await checkReadableFile(file)
  let har: Har
  try {
    const recording = await readRecording(file)
    har = recording.har
    // Said before any result, so a reader sees what is odd about the file first.
    for (const warning of recording.warnings) console.error(`roundtrip replay: ${file}: ${warning}`)
  } catch (err) {
    throw (err as { code?: string }).code ? fileProblem(file, err) : new CliError((err as Error).message)
  }

  if (!json)
    console.log(
      `Replaying ${har.log.entries.length} entries from ${file} (jar: ${jar}${via ? `, via ${via}` : ''})`
    )
  const { results, capture } = await replayHar(har, {
    jar,
    via,
    onlyHost: args.string('only-host'),
    timeoutMs: timeout * 1000,
    record: out !== undefined,
    onResult: json ? undefined : (r) => console.log(describe(r))
  })

  if (json) {
    // The --json row is the result without its connection group (a user contract: fields are only added).
    const rows = results.map(({ group: _group, ...row }) => row)
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
  } else {
    console.log(summary(results))
  }

  if (out !== undefined && capture) {
    try {
      const newHar = exportHar(capture, { decodeBody, creator: 'Roundtrip replay' })
      newHar.log.comment = `A replay of ${file} (jar: ${jar}${via ? `, via ${via}` : ''}).`
      const temp = `${out}.tmp-${process.pid}`
      await writeFile(temp, JSON.stringify(newHar, null, 1))
      await rename(temp, out)
      if (!json) console.log(`The replay was written to ${out}.`)
    } catch (err) {
      throw new CliError(
        `could not write ${out} (${(err as Error).message.replace(/\.$/, '')}); give --record a file in a folder you can write to.`
      )
    }
  }
  return 0
}

function isHttpUrl(s: string): boolean {
  try {
    return new URL(s).protocol === 'http:'
  } catch {
    return false
  }
}

function describe(r: ReplayResult): string {
  const head = `#${r.index} ${r.method} ${r.url}`
  if (r.skipped) return `${head}\n    skipped: ${r.skipped}`
  const recorded =
    r.recordedStatus === null || r.recordedStatus === 0 ? 'no response' : String(r.recordedStatus)
  const now = r.error ? `failed: ${r.error}` : String(r.status)
  const mark = r.status !== null && r.status === r.recordedStatus ? 'same' : 'differs'
  const lines = [`${head}\n    status: recorded ${recorded}, now ${now}${r.error ? '' : ` (${mark})`}`]
  lines.push(`    sent Cookie: ${r.sentCookie ?? '(none)'}`)
  if (r.swappedFields) {
    lines.push(`    form fields from the new page instead of the recording: ${r.swappedFields.join(', ')}`)
  }
  if (!r.error) {
    for (const diff of setCookieDiff(r.recordedSetCookies, r.setCookies)) lines.push(`    Set-Cookie ${diff}`)
  }
  return lines.join('\n')
}

/** Per cookie name, in words: set in both (same or new value), only in the recording, or only now. */
export function setCookieDiff(recorded: string[], now: string[]): string[] {
  return cookieChanges(recorded, now).map((c) => {
    switch (c.change) {
      case 'same':
        return `${c.name}: same value as recorded`
      case 'changed':
        return `${c.name}: new value ${short(c.now ?? '')} (recorded ${short(c.recorded ?? '')})`
      case 'gone':
        return `${c.name}: recorded ${short(c.recorded ?? '')}, not set this time`
      default:
        return `${c.name}: set this time to ${short(c.now ?? '')}, not in the recording`
    }
  })
}

function short(value: string): string {
  const v = value === '' ? '(empty)' : value
  return v.length > 28 ? `${v.slice(0, 25)}...` : v
}

function summary(results: ReplayResult[]): string {
  const sent = results.filter((r) => !r.skipped)
  const failed = sent.filter((r) => r.error).length
  const differ = sent.filter((r) => !r.error && r.status !== r.recordedStatus).length
  const skipped = results.length - sent.length
  return (
    `Replayed ${sent.length} of ${results.length} entries` +
    (skipped ? `, ${skipped} skipped` : '') +
    (failed ? `, ${failed} failed` : '') +
    `; ${differ} status${differ === 1 ? '' : 'es'} differ${differ === 1 ? 's' : ''} from the recording.`
  )
}
