// Turns a recording's journal into the final HAR as a stream: never one JSON.stringify of the whole
// recording (V8 cannot make a string past ~512 MB), never the whole recording in memory.
//
// Pass 1 reads the journal once and keeps connections, tunnels and session events (small), and for
// each exchange only where its last line lies (an index of a few numbers). Pass 2 writes the HAR:
// the log's head, then each entry read back from the journal by its offset, exported and written on
// its own, then the tail (`_roundtrip`). The file is fsynced before it is closed.
import { createReadStream } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import type { CaptureSnapshot, CapturedExchange } from '../../shared/model'
import { exportEntry, exportHar, type ExportOptions } from '../../shared/har/export'
import { JournalLines } from './recording'

/** Where an exchange's last journal line is, and what ordering and connection lists need of it. */
export interface IndexedExchange {
  id: string
  startedAt: number
  sequence: number
  clientConnectionId: string
  upstreamConnectionId?: string
  offset: number
  length: number
}

/** What pass 1 keeps: the journal's connections, tunnels, session events and end, and the index. */
export interface JournalIndex extends Pick<JournalLines, 'connections' | 'tunnels' | 'sessionEvents'> {
  /** In HAR order (start time, then id). */
  exchanges: IndexedExchange[]
  ended: boolean
  warnings: string[]
}

/** Pass 1: reads every line once, keeping exchanges as offsets only. */
export async function indexJournal(path: string): Promise<JournalIndex> {
  const byId = new Map<string, IndexedExchange>()
  let at = { offset: 0, length: 0 }
  const journal = new JournalLines(path, (e) =>
    byId.set(e.id, {
      id: e.id,
      startedAt: e.startedAt,
      sequence: e.sequence,
      clientConnectionId: e.clientConnectionId,
      ...(e.upstreamConnectionId ? { upstreamConnectionId: e.upstreamConnectionId } : {}),
      ...at
    })
  )
  await eachLine(path, (line, offset) => {
    at = { offset, length: line.length }
    journal.read(line.toString('utf8'))
  })
  const { exchanges, warnings } = journal.finish(byId.values())
  const { connections, tunnels, sessionEvents, ended } = journal
  return { connections, tunnels, sessionEvents, exchanges, ended, warnings }
}

/** Calls `onLine` with each line's bytes (without the newline) and its byte offset. */
async function eachLine(path: string, onLine: (line: Buffer, offset: number) => void): Promise<void> {
  let carry: Buffer[] = []
  let carryLength = 0
  let position = 0
  let lineStart = 0
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    let from = 0
    for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, from)) {
      const piece = chunk.subarray(from, at)
      const line = carryLength ? Buffer.concat([...carry, piece], carryLength + piece.length) : piece
      onLine(line, lineStart)
      carry = []
      carryLength = 0
      lineStart = position + at + 1
      from = at + 1
    }
    if (from < chunk.length) {
      carry.push(chunk.subarray(from))
      carryLength += chunk.length - from
    }
    position += chunk.length
  }
  if (carryLength) onLine(Buffer.concat(carry, carryLength), lineStart)
}

export interface WriteHarOptions extends ExportOptions {
  /** Bytes gathered before each write to the file. */
  writeChunk?: number
}

/**
 * Pass 2: writes the HAR for `index` (from `journalPath`) to `outPath` and fsyncs it. Resolves with
 * the number of entries written.
 */
export async function writeHarFromJournal(
  journalPath: string,
  index: JournalIndex,
  outPath: string,
  opts: WriteHarOptions = {}
): Promise<number> {
  const skeleton: CaptureSnapshot = {
    seq: 0,
    connections: [...index.connections.values()],
    exchanges: [],
    tunnels: [...index.tunnels.values()],
    sessionEvents: index.sessionEvents
  }
  const log = exportHar(skeleton, opts)
  // The entries go where this marker stands in the log as one JSON text.
  const marker = `entries-${randomBytes(12).toString('hex')}`
  ;(log.log as unknown as Record<string, unknown>).entries = marker
  const text = JSON.stringify(log)
  const at = text.indexOf(`"${marker}"`)
  const head = text.slice(0, at) + '[\n'
  const tail = '\n]' + text.slice(at + marker.length + 2) + '\n'

  const journal = await open(journalPath, 'r')
  const out = await open(outPath, 'w')
  try {
    const writer = new ChunkedWriter(out, opts.writeChunk ?? 1024 * 1024)
    await writer.add(head)
    let buffer = Buffer.alloc(64 * 1024)
    let first = true
    for (const item of index.exchanges) {
      if (buffer.length < item.length) buffer = Buffer.alloc(item.length)
      const { bytesRead } = await journal.read(buffer, 0, item.length, item.offset)
      const record = JSON.parse(buffer.toString('utf8', 0, bytesRead)) as { exchange: CapturedExchange }
      const entry = exportEntry(record.exchange, index.connections, opts)
      await writer.add((first ? '' : ',\n') + JSON.stringify(entry))
      first = false
    }
    await writer.add(tail)
    await writer.flush()
    await out.sync()
  } finally {
    await out.close()
    await journal.close()
  }
  return index.exchanges.length
}

/** Gathers strings and writes them in chunks of about `size` bytes, awaiting each write. */
class ChunkedWriter {
  private parts: string[] = []
  private length = 0

  constructor(
    private readonly file: FileHandle,
    private readonly size: number
  ) {}

  async add(text: string): Promise<void> {
    this.parts.push(text)
    this.length += text.length
    if (this.length >= this.size) await this.flush()
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('')
    this.parts = []
    this.length = 0
    await this.file.write(text)
  }
}
