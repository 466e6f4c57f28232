// Reading recordings: a finished HAR, or the journal a recording left behind when it was killed.
// `readRecording` is what `roundtrip inspect`, `serve --load` and the app's Open call for a file
// that may be either.
import { createReadStream } from 'node:fs'
import { access, open } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import type { Har } from 'har-format'
import type {
  CaptureSnapshot,
  CapturedConnection,
  CapturedExchange,
  CapturedTunnel,
  ServerSessionEvent
} from '../../shared/model'
import { exportHar } from '../../shared/har/export'
import { parseHar, readHarData } from '../../shared/har/read'
import { decodeBody } from './decode'

const SUFFIX = '.journal'
/** The `format` a journal's header line names. */
export const JOURNAL_FORMAT_NAME = 'roundtrip-journal'

export interface JournalContents {
  snapshot: CaptureSnapshot
  /** No clean stop was recorded: the recording process ended abruptly. */
  cutShort: boolean
  warnings: string[]
  /** The HAR file the recording was meant to become. */
  target?: string
}

export interface Recording {
  har: Har
  cutShort: boolean
  warnings: string[]
  /** The file actually read (the journal beside `path` when the recording was cut short). */
  source: string
}

/**
 * Reads a finished HAR or a recording's journal. Given `FILE` whose recording was cut short
 * (only `FILE.journal` exists, or it is newer than a clean stop would leave), reads the journal.
 * Throws an Error whose message is a sentence for the user when nothing readable is there.
 */
export async function readRecording(path: string): Promise<Recording> {
  const journal = path.endsWith(SUFFIX) ? path : path + SUFFIX
  const source = (await exists(journal)) ? journal : path
  if (!(await exists(source))) {
    throw new Error(
      `There is no file at ${path}. Check the path, or record one with \`npx roundtrip serve --record ${path}\`.`
    )
  }
  if (source !== path || (await looksLikeJournal(source))) {
    const contents = await readJournal(source)
    const har = checkedJournalHar(source, contents.snapshot)
    if (contents.cutShort) {
      har.log.comment = contents.warnings[0]
      ;(har.log as Har['log'] & Record<string, unknown>)._cutShort = true
    }
    return { har, cutShort: contents.cutShort, warnings: contents.warnings, source }
  }
  const handle = await open(source, 'r')
  let text: string
  try {
    text = await handle.readFile('utf8')
  } finally {
    await handle.close()
  }
  const parsed = parseHar(text)
  if (!parsed.ok) throw new Error(`${source}: ${parsed.error}`)
  return { har: parsed.har, cutShort: false, warnings: parsed.warnings, source }
}

/** A journal's records as HAR, through the same checks as any HAR file (a journal is a file too). */
function checkedJournalHar(source: string, snapshot: CaptureSnapshot): Har {
  let parsed: ReturnType<typeof readHarData>
  try {
    parsed = readHarData(exportHar(snapshot, { decodeBody }))
  } catch (err) {
    throw new Error(
      `${source} holds records Roundtrip cannot read (${err instanceof Error ? err.message : String(err)}); it is not a journal Roundtrip wrote.`
    )
  }
  if (!parsed.ok) throw new Error(`${source}: ${parsed.error}`)
  return parsed.har
}

/** Rebuilds the capture from a journal, skipping a last line cut off mid-write. */
export async function readJournal(path: string): Promise<JournalContents> {
  const connections = new Map<string, CapturedConnection>()
  const tunnels = new Map<string, CapturedTunnel>()
  const exchanges = new Map<string, CapturedExchange>()
  const sessionEvents: ServerSessionEvent[] = []
  const warnings: string[] = []
  let ended = false
  let target: string | undefined
  let lineNo = 0
  let broken = 0
  let lastBroken = 0
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })
  for await (const line of lines) {
    lineNo++
    if (!line.trim()) continue
    let record: Record<string, unknown>
    try {
      record = JSON.parse(line) as Record<string, unknown>
    } catch {
      broken++
      lastBroken = lineNo
      continue
    }
    switch (record.type) {
      case 'header':
        if (record.format !== JOURNAL_FORMAT_NAME)
          throw new Error(`${path} is not a Roundtrip recording journal.`)
        target = typeof record.target === 'string' ? record.target : undefined
        break
      case 'connection': {
        const c = record.connection as CapturedConnection
        connections.set(c.id, c)
        break
      }
      case 'tunnel': {
        const t = record.tunnel as CapturedTunnel
        tunnels.set(t.id, t)
        break
      }
      case 'exchange': {
        const e = record.exchange as CapturedExchange
        exchanges.set(e.id, e)
        break
      }
      case 'session-event':
        sessionEvents.push(record.event as ServerSessionEvent)
        break
      case 'end':
        ended = true
        break
    }
  }
  if (lineNo === 0) throw new Error(`${path} is empty: the recording ended before it wrote anything.`)
  const ordered = [...exchanges.values()].sort(
    (a, b) => a.startedAt - b.startedAt || idNumber(a.id) - idNumber(b.id)
  )
  rebuildExchangeIds(connections, ordered)
  warnings.push(...journalWarnings(path, { ended, count: ordered.length, broken, lastBroken, lineNo }))
  const snapshot: CaptureSnapshot = {
    seq: 0,
    connections: [...connections.values()],
    exchanges: ordered,
    tunnels: [...tunnels.values()],
    sessionEvents
  }
  return { snapshot, cutShort: !ended, warnings, ...(target ? { target } : {}) }
}

/** What a journal's reader says about it: cut short (no clean stop), lines that could not be read. */
export function journalWarnings(
  path: string,
  read: { ended: boolean; count: number; broken: number; lastBroken: number; lineNo: number }
): string[] {
  const { ended, count, broken, lastBroken, lineNo } = read
  const warnings: string[] = []
  if (!ended) {
    warnings.push(
      `This recording was cut short (the recording process ended without a clean stop): ${count} ` +
        `completed exchange${count === 1 ? '' : 's'} recovered from ${path}; requests still in flight at the end were lost.`
    )
  }
  if (broken > 0) {
    const tail = lastBroken === lineNo && broken === 1
    warnings.push(
      tail
        ? `The last line of ${path} was cut off mid-write and was skipped.`
        : `${broken} line${broken === 1 ? '' : 's'} of ${path} could not be read and ${broken === 1 ? 'was' : 'were'} skipped.`
    )
  }
  return warnings
}

/** Journals leave `exchangeIds` out of connection lines; the exchanges say where they went. */
export function rebuildExchangeIds(
  connections: Map<string, CapturedConnection>,
  exchanges: Pick<CapturedExchange, 'id' | 'sequence' | 'clientConnectionId' | 'upstreamConnectionId'>[]
): void {
  const ids = new Map<string, Set<string>>()
  for (const c of connections.values())
    ids.set(c.id, new Set(Array.isArray(c.exchangeIds) ? c.exchangeIds : []))
  const bySequence = [...exchanges].sort((a, b) => a.sequence - b.sequence)
  for (const e of bySequence) ids.get(e.clientConnectionId)?.add(e.id)
  for (const e of exchanges) if (e.upstreamConnectionId) ids.get(e.upstreamConnectionId)?.add(e.id)
  for (const c of connections.values()) c.exchangeIds = [...(ids.get(c.id) ?? [])]
}

export function idNumber(id: string): number {
  const n = Number(id.replace(/^\D+/, ''))
  return Number.isFinite(n) ? n : 0
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false
  )
}

async function looksLikeJournal(path: string): Promise<boolean> {
  const handle = await open(path, 'r')
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(200), 0, 200, 0)
    const start = buffer.subarray(0, bytesRead).toString('utf8')
    return start.startsWith('{"type":"header","format":"roundtrip-journal"')
  } finally {
    await handle.close()
  }
}
