// `roundtrip inspect FILE.har [--json] [--lang en|ko]`: explains the connections, cookies and session IDs in a HAR file
// from any tool. Exit codes: 0 done, 2 the file could not be read as HAR (a sentence on stderr says why).
import { once } from 'node:events'
import { analyzeCapture } from '../../shared/analysis'
import { importCapture } from '../../shared/har/to-capture'
import type { ImportedSnapshot } from '../../shared/har/export'
import { reportJsonChunks } from '../../shared/analysis/report-json'
import { formatReport } from '../../shared/i18n/report-text'
import { readRecording, type Recording } from '../recording/recording'
import { argsOrHelp, type CommandSpec, oneHarFile } from './args'
import { checkReadableFile, CliError, fileProblem } from './errors'
import { collectGarbage, peakRssKb } from '../recording/memory'

const SPEC: CommandSpec = {
  name: 'inspect',
  usage: 'FILE.har [--json] [--lang en|ko] [--timings]',
  description: `Explains a HAR file from any tool (Roundtrip, Chrome, Firefox, Safari, Charles, mitmproxy, Playwright):
which connection carried each request, the cookie jar as a browser would have kept it, the Cookie header
each request should have carried and why it differed, what each cookie is for, every session ID's round
trip (issued, sent back, replaced, cleared or expired), and warnings. Entries are numbered by their
position in log.entries, from #0.`,
  options: {
    json: {
      type: 'boolean',
      help: 'print one JSON object instead of the readable report (each request row omits\n`jarAfter` when the jar is the same as in the row before)'
    },
    lang: {
      type: 'string',
      value: 'en|ko',
      choices: ['en', 'ko'],
      help: 'the language of the readable report (default en); --json carries codes beside the English'
    },
    timings: {
      type: 'boolean',
      help: 'also print on stderr where the time went (reading, building the model, the analysis,\nwriting the report) and the peak memory'
    }
  },
  positionals: oneHarFile('inspect')
}

export async function run(argv: string[]): Promise<number> {
  const args = argsOrHelp(SPEC, argv)
  if (!args) return 0
  const file = args.positionals[0]!
  // A finished HAR from any tool, or a Roundtrip recording cut short (its journal beside it).
  await checkReadableFile(file)
  const clock = phases()
  const model = await readModel(file, () => clock.mark('read'))
  const { cutShort, warnings } = model
  clock.mark('model')
  // The parsed file is garbage now: collected before the analysis, the peak stays near what is alive.
  // (A second collection after the analysis saved ~35 MB of peak for ~0.4 s of a 50k-entry file: not kept.)
  collectGarbage()
  const report = analyzeCapture(model.capture!)
  const json = args.flag('json')
  const exchanges = json ? [] : model.capture!.exchanges
  model.capture = undefined
  clock.mark('analysis')
  const lang = args.string('lang') === 'ko' ? 'ko' : 'en'
  if (json) {
    // Streamed in pieces, waiting for the pipe to drain, so a huge capture never needs one huge string.
    const head = { file, cutShort, readWarnings: warnings }
    for (const chunk of reportJsonChunks(head, report)) {
      if (!process.stdout.write(chunk)) await once(process.stdout, 'drain')
    }
  } else {
    // A recording cut short is said first, before the report, so nobody reads it as complete.
    if (cutShort) {
      const said = warnings.find((w) => w.includes('cut short')) ?? `${file} was cut short.`
      process.stdout.write(`${said}\n\n`)
    }
    process.stdout.write(`${formatReport(report, exchanges, file, warnings, lang)}\n`)
  }
  clock.mark('output')
  if (args.flag('timings')) process.stderr.write(`${clock.text()}\n`)
  return 0
}

/**
 * The file as the model, without bodies or what only saving it again needs (nothing inspect says reads
 * them). The parsed file stays inside
 * this function, so it can be let go before the analysis runs: the analysis reads only the model.
 */
async function readModel(
  file: string,
  onRead: () => void
): Promise<{ capture?: ImportedSnapshot; cutShort: boolean; warnings: string[] }> {
  let parsed: Recording
  try {
    parsed = await readRecording(file)
  } catch (err) {
    throw (err as { code?: string }).code ? fileProblem(file, err) : new CliError((err as Error).message)
  }
  onRead()
  return {
    capture: importCapture(parsed.har, { bodies: false, extras: false }),
    cutShort: parsed.cutShort,
    warnings: parsed.warnings
  }
}

/** Where inspect's time went, phase by phase, its CPU time and the process's peak memory. */
function phases() {
  const marks: [string, number][] = []
  let last = performance.now()
  const start = last
  const cpuStart = process.cpuUsage()
  return {
    mark(name: string) {
      const now = performance.now()
      marks.push([name, now - last])
      last = now
    },
    text() {
      const ms = (n: number): string => `${Math.round(n)} ms`
      const peakMb = Math.round(peakRssKb() / 1024)
      // CPU time (user + system) is what a loaded machine disturbs least.
      const cpu = process.cpuUsage(cpuStart)
      return `inspect timings: ${marks.map(([n, t]) => `${n} ${ms(t)}`).join(', ')} (total ${ms(last - start)}); peak memory ${peakMb} MB; cpu ${ms((cpu.user + cpu.system) / 1000)}`
    }
  }
}
