// `roundtrip inspect FILE.har [--json]`: explains the connections, cookies and session IDs in a HAR file
// from any tool. Exit codes: 0 done, 2 the file could not be read as HAR (a sentence on stderr says why).
import { once } from 'node:events'
import { analyzeHar } from '../../shared/analysis'
import { reportJsonChunks } from '../../shared/analysis/report-json'
import { formatReport } from '../../shared/analysis/report-text'
import { readRecording, type Recording } from '../har/recording'

const USAGE = `Usage: roundtrip inspect FILE.har [--json]

Explains a HAR file from any tool (Roundtrip, Chrome, Firefox, Safari, Charles, mitmproxy, Playwright):
which connection carried each request, the cookie jar as a browser would have kept it, the Cookie header
each request should have carried and why it differed, what each cookie is for, every session ID's round
trip (issued, sent back, replaced, cleared or expired), and warnings.

Options:
  --json    print one JSON object instead of the readable report (each request row omits \`jarAfter\`
            when the jar is the same as in the row before)
  --help    show this help`

function readError(file: string, err: unknown): string {
  const code = (err as { code?: string }).code
  if (code === 'ENOENT') return `There is no file at ${file}. Check the path and try again.`
  if (code === 'EISDIR') return `${file} is a folder, not a HAR file.`
  if (code === 'EACCES' || code === 'EPERM') return `${file} cannot be read (permission denied).`
  return `${file} could not be read: ${err instanceof Error ? err.message : String(err)}.`
}

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE)
    return 0
  }
  const unknown = argv.filter((a) => a.startsWith('-') && a !== '--json')
  const files = argv.filter((a) => !a.startsWith('-'))
  if (unknown.length) {
    console.error(`roundtrip inspect: unknown option "${unknown[0]}".\n\n${USAGE}`)
    return 2
  }
  if (files.length !== 1) {
    console.error(
      `roundtrip inspect: ${files.length ? 'give one file at a time' : 'name the HAR file to inspect'}.\n\n${USAGE}`
    )
    return 2
  }
  const file = files[0] as string
  // A finished HAR from any tool, or a Roundtrip recording cut short (its journal beside it).
  let parsed: Recording
  try {
    parsed = await readRecording(file)
  } catch (err) {
    const code = (err as { code?: string }).code
    console.error(`roundtrip inspect: ${code ? readError(file, err) : (err as Error).message}`)
    return 2
  }
  const report = analyzeHar(parsed.har)
  if (argv.includes('--json')) {
    // Streamed in pieces, waiting for the pipe to drain, so a huge capture never needs one huge string.
    const head = { file, cutShort: parsed.cutShort, readWarnings: parsed.warnings }
    for (const chunk of reportJsonChunks(head, report)) {
      if (!process.stdout.write(chunk)) await once(process.stdout, 'drain')
    }
  } else {
    process.stdout.write(`${formatReport(report, parsed.har, file, parsed.warnings)}\n`)
  }
  return 0
}
