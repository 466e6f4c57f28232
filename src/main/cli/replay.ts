// `roundtrip replay FILE.har [--via PROXY] [--jar fresh|recorded] [--only-host H] [--record OUT] [--json]`:
// sends a HAR's requests again, in order, on the recorded connection grouping, and compares the
// new statuses and Set-Cookie headers with the recorded ones. Exit codes: 0 replayed (failed
// requests are rows, not crashes), 2 bad options or a file that cannot be read as HAR.
import { rename, writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import type { Har } from 'har-format'
import { exportHar } from '../../shared/har/export'
import { decodeBody } from '../har/decode'
import { readRecording } from '../har/recording'
import { replayHar, type JarMode, type ReplayResult } from '../har/replay'
import { cookieChanges } from '../har/replay-app'

const USAGE = `Usage: roundtrip replay FILE.har [options]

Sends the recorded requests again, one at a time and in order. Requests that shared a connection when
recorded share one again. Only http:// requests are re-sent; others are listed as skipped.

Options:
  --via PROXY          send through this HTTP proxy (e.g. http://127.0.0.1:8080); default: straight to each origin
  --jar fresh          start with an empty cookie jar: the server's new Set-Cookie headers decide what Cookie
                       headers are sent, and hidden form fields (CSRF tokens) come from the new pages (default)
  --jar recorded       send the recorded Cookie headers exactly as they were (stale session IDs included)
  --only-host HOST     re-send only requests to HOST
  --record OUT         write the replay itself to OUT as a HAR
  --timeout SECONDS    how long to wait for each response (default 15)
  --json               print one JSON array, an object per entry
  --help               show this help`

export async function run(argv: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        via: { type: 'string' },
        jar: { type: 'string' },
        'only-host': { type: 'string' },
        record: { type: 'string' },
        timeout: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      }
    }))
  } catch (err) {
    return usageError((err as Error).message)
  }
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  if (positionals.length !== 1) {
    return usageError(positionals.length ? 'give one HAR file at a time.' : 'name the HAR file to replay.')
  }
  const file = positionals[0]!
  const jar = (values.jar ?? 'fresh') as string
  if (jar !== 'fresh' && jar !== 'recorded')
    return usageError(`--jar must be "fresh" or "recorded", not "${jar}".`)
  const via = values.via as string | undefined
  if (via !== undefined && !isHttpUrl(via)) {
    return usageError(`--via wants the proxy as http://host:port, not "${via}".`)
  }
  const timeout = values.timeout === undefined ? 15 : Number(values.timeout)
  if (!Number.isFinite(timeout) || timeout <= 0) {
    return usageError(`--timeout wants a number of seconds, not "${String(values.timeout)}".`)
  }

  let har: Har
  try {
    const recording = await readRecording(file)
    har = recording.har
    for (const warning of recording.warnings) console.error(`roundtrip replay: ${file}: ${warning}`)
  } catch (err) {
    console.error(`roundtrip replay: ${readError(file, err)}`)
    return 2
  }

  const json = values.json === true
  if (!json)
    console.log(
      `Replaying ${har.log.entries.length} entries from ${file} (jar: ${jar}${via ? `, via ${via}` : ''})`
    )
  const { results, capture } = await replayHar(har, {
    jar: jar as JarMode,
    via,
    onlyHost: values['only-host'] as string | undefined,
    timeoutMs: timeout * 1000,
    record: values.record !== undefined,
    onResult: json ? undefined : (r) => console.log(describe(r))
  })

  if (json) {
    const rows = results.map((r) => ({
      index: r.index,
      method: r.method,
      url: r.url,
      recordedStatus: r.recordedStatus,
      status: r.status,
      sentCookie: r.sentCookie,
      setCookies: r.setCookies,
      recordedSetCookies: r.recordedSetCookies,
      ...(r.reusedConnection !== undefined ? { reusedConnection: r.reusedConnection } : {}),
      ...(r.swappedFields ? { swappedFields: r.swappedFields } : {}),
      ...(r.skipped ? { skipped: r.skipped } : {}),
      ...(r.error ? { error: r.error } : {})
    }))
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
  } else {
    console.log(summary(results))
  }

  if (values.record !== undefined && capture) {
    const out = values.record as string
    try {
      const newHar = exportHar(capture, { decodeBody, creator: 'Roundtrip replay' })
      newHar.log.comment = `A replay of ${file} (jar: ${jar}${via ? `, via ${via}` : ''}).`
      const temp = `${out}.tmp-${process.pid}`
      await writeFile(temp, JSON.stringify(newHar, null, 1))
      await rename(temp, out)
      if (!json) console.log(`The replay was written to ${out}.`)
    } catch (err) {
      console.error(
        `roundtrip replay: could not write ${out}: ${(err as Error).message}. Choose a folder you can write to.`
      )
      return 2
    }
  }
  return 0
}

function usageError(message: string): number {
  console.error(`roundtrip replay: ${message}\n\n${USAGE}`)
  return 2
}

function isHttpUrl(s: string): boolean {
  try {
    return new URL(s).protocol === 'http:'
  } catch {
    return false
  }
}

function readError(file: string, err: unknown): string {
  const code = (err as { code?: string }).code
  if (code === 'ENOENT') return `There is no file at ${file}. Check the path and try again.`
  if (code === 'EISDIR') return `${file} is a folder, not a HAR file.`
  if (code === 'EACCES' || code === 'EPERM') return `${file} cannot be read (permission denied).`
  return err instanceof Error ? err.message : String(err)
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
