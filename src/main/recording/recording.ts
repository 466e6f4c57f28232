// Reading recordings: a finished HAR, or the journal a recording left behind when it was killed.
// `readRecording` is what `roundtrip inspect`, `serve --load` and the app's Open call for a file
// that may be either.
import { createReadStream } from 'node:fs'
import { access, open, stat } from 'node:fs/promises'
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
import { parseHar, readHarData, type ParseHarResult } from '../../shared/har/read'
import { collectGarbage, heapUsedBytes } from './memory'
import { decodeBody } from './decode'
import { parseJsonFile, STREAM_ABOVE_BYTES } from './read-stream'

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
export async function readRecording(
  path: string,
  { streamAboveBytes = STREAM_ABOVE_BYTES }: { streamAboveBytes?: number } = {}
): Promise<Recording> {
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
  const parsed =
    (await stat(source)).size > streamAboveBytes ? await readBig(source) : await readSmall(source)
  if (!parsed.ok) throw new Error(`${source}: ${parsed.error}`)
  return { har: parsed.har, cutShort: false, warnings: parsed.warnings, source }
}

/** Files from this size on are parsed on a settled heap, when the rest of the heap is small (see readSmall). */
const SETTLE_ABOVE_CHARS = 8 * 1024 * 1024
const SETTLE_BELOW_HEAP_BYTES = 64 * 1024 * 1024

/** One string and JSON.parse: the fast road, for files a string can hold. */
async function readSmall(source: string): Promise<ParseHarResult> {
  const handle = await open(source, 'r')
  try {
    // Bytes first, then one string: read as text, the file comes as a string of many pieces that
    // JSON.parse has to copy into one (~30 ms for 72 MB).
    const text = (await handle.readFile()).toString('utf8')
    // Reading a big file leaves V8 an incremental marking under way (its bytes count as external
    // memory), and marking that runs through JSON.parse made the parse ~30% slower (a 72 MB file: ~640
    // -> ~470 ms). A full collection now costs a few ms while the heap holds little more than the text
    // (`inspect`, `serve --load` starting up); in an app already holding a big capture it would cost
    // more than it saves, so then it is left to V8.
    if (text.length >= SETTLE_ABOVE_CHARS && heapUsedBytes() - text.length < SETTLE_BELOW_HEAP_BYTES) {
      collectGarbage()
    }
    return parseHar(text)
  } finally {
    await handle.close()
  }
}

/** Parsed as a stream of bytes: a recording bigger than the longest string V8 can make. */
async function readBig(source: string): Promise<ParseHarResult> {
  const json = await parseJsonFile(source)
  return json.ok ? readHarData(json.value) : json
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

/**
 * What every reader of a journal keeps from its lines (connections, tunnels, session events, whether it
 * ended cleanly) and counts about them; each reader decides what to keep of an exchange record.
 */
export class JournalLines {
  readonly connections = new Map<string, CapturedConnection>()
  readonly tunnels = new Map<string, CapturedTunnel>()
  readonly sessionEvents: ServerSessionEvent[] = []
  ended = false
  target: string | undefined
  private lineNo = 0
  private broken = 0
  private lastBroken = 0

  constructor(
    private readonly path: string,
    private readonly onExchange: (exchange: CapturedExchange) => void
  ) {}

  /** One line of the journal, without its newline. */
  read(text: string): void {
    this.lineNo++
    if (!text.trim()) return
    let record: Record<string, unknown>
    try {
      record = JSON.parse(text) as Record<string, unknown>
    } catch {
      this.broken++
      this.lastBroken = this.lineNo
      return
    }
    switch (record.type) {
      case 'header':
        if (record.format !== JOURNAL_FORMAT_NAME)
          throw new Error(`${this.path} is not a Roundtrip recording journal.`)
        this.target = typeof record.target === 'string' ? record.target : undefined
        break
      case 'connection': {
        const c = record.connection as CapturedConnection
        this.connections.set(c.id, c)
        break
      }
      case 'tunnel': {
        const t = record.tunnel as CapturedTunnel
        this.tunnels.set(t.id, t)
        break
      }
      case 'exchange':
        this.onExchange(record.exchange as CapturedExchange)
        break
      case 'session-event':
        this.sessionEvents.push(record.event as ServerSessionEvent)
        break
      case 'end':
        this.ended = true
        break
    }
  }

  /** The exchanges kept, in HAR order (start time, then id), with the connections' ids rebuilt. */
  finish<E extends Parameters<typeof rebuildExchangeIds>[1][number] & { startedAt: number }>(
    kept: Iterable<E>
  ): { exchanges: E[]; warnings: string[] } {
    if (this.lineNo === 0)
      throw new Error(`${this.path} is empty: the recording ended before it wrote anything.`)
    const exchanges = [...kept].sort((a, b) => a.startedAt - b.startedAt || idNumber(a.id) - idNumber(b.id))
    rebuildExchangeIds(this.connections, exchanges)
    const { ended, broken, lastBroken, lineNo } = this
    const warnings = journalWarnings(this.path, {
      ended,
      count: exchanges.length,
      broken,
      lastBroken,
      lineNo
    })
    return { exchanges, warnings }
  }
}

/** Rebuilds the capture from a journal, skipping a last line cut off mid-write. */
export async function readJournal(path: string): Promise<JournalContents> {
  const exchanges = new Map<string, CapturedExchange>()
  const journal = new JournalLines(path, (e) => exchanges.set(e.id, e))
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })
  for await (const line of lines) journal.read(line)
  const { exchanges: ordered, warnings } = journal.finish(exchanges.values())
  const snapshot: CaptureSnapshot = {
    seq: 0,
    connections: [...journal.connections.values()],
    exchanges: ordered,
    tunnels: [...journal.tunnels.values()],
    sessionEvents: journal.sessionEvents
  }
  const target = journal.target
  return { snapshot, cutShort: !journal.ended, warnings, ...(target ? { target } : {}) }
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
