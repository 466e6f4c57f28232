// Crash-safe recording. While recording to FILE, every batch of capture changes is appended as
// JSON lines to FILE.journal (NDJSON) and handed to the kernel at once, so a `kill -9` loses at
// most the batch in flight (the store batches every ~100 ms); the journal is fsynced at batch
// boundaries (at most every `fsyncIntervalMs`), so a power cut loses at most that much more.
//
// A clean stop finishes the recording in an order where a kill at any moment leaves either the
// whole HAR or a journal `inspect` reads: the end line is appended and the journal fsynced; the HAR
// is streamed to a temporary file (har-writer.ts) and fsynced; it is renamed to FILE and the folder
// fsynced; only then is the journal removed. Signals that arrive meanwhile wait for the end.
//
// Journal lines, one JSON object each:
//   {"type":"header","format":"roundtrip-journal","version":1,"target":"FILE","startedAt":ms,"creator":{...}}
//   {"type":"connection","connection":CapturedConnection}   upsert, the last line for an id wins;
//                                                           without exchangeIds (rebuilt from the exchanges,
//                                                           so a long keep-alive connection stays one short line)
//   {"type":"tunnel","tunnel":CapturedTunnel}               upsert
//   {"type":"exchange","exchange":CapturedExchange}         only once complete or failed; upsert
//   {"type":"session-event","event":ServerSessionEvent}
//   {"type":"end","at":ms,"exchanges":n}                    written by a clean stop
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { CaptureStore } from '../capture/store'
import type {
  CaptureBatch,
  CaptureChange,
  CaptureSnapshot,
  CapturedConnection,
  CapturedExchange
} from '../../shared/model'
import { decodeBody } from './decode'
import { indexJournal, writeHarFromJournal } from './har-writer'

export const JOURNAL_SUFFIX = '.journal'
export const JOURNAL_FORMAT = 'roundtrip-journal'

export interface RecorderOptions {
  /** The HAR file to write; the journal is `path + ".journal"`. */
  path: string
  store: CaptureStore
  creator?: string
  version?: string
  /** Also record what the store already holds (for "record to file" started mid-session). */
  includeExisting?: boolean
  now?: () => number
  /**
   * The journal is fsynced after a batch once this long has passed since the last fsync: 0 (the
   * default) fsyncs every batch (the store sends at most ~10 a second), `false` never does.
   */
  fsyncIntervalMs?: number | false
}

export interface RecorderStopResult {
  path: string
  exchanges: number
  warnings: string[]
}

function connectionLine(connection: CapturedConnection): string {
  const { exchangeIds: _ids, ...rest } = connection
  return JSON.stringify({ type: 'connection', connection: rest })
}

export class Recorder {
  readonly path: string
  readonly journalPath: string
  /** Sentences worth showing the user (for example a journal left by an earlier crash). */
  readonly notices: string[] = []
  private file: FileHandle | undefined
  private unsubscribe: (() => void) | undefined
  private writing: Promise<void> = Promise.resolve()
  private writeError: Error | undefined
  private exchangesWritten = new Set<string>()
  private stopped: Promise<RecorderStopResult> | undefined
  private lastSync = 0

  private constructor(private readonly opts: RecorderOptions) {
    this.path = opts.path
    this.journalPath = opts.path + JOURNAL_SUFFIX
  }

  /** Opens the journal and starts appending. Throws a sentence if the file cannot be written. */
  static async start(opts: RecorderOptions): Promise<Recorder> {
    const recorder = new Recorder(opts)
    await recorder.open()
    return recorder
  }

  /** Exchanges recorded so far. */
  get exchangeCount(): number {
    return this.exchangesWritten.size
  }

  /** Resolves once everything received so far has reached the file. */
  async flush(): Promise<void> {
    this.opts.store.flush()
    await this.writing
    if (this.writeError) throw this.writeError
  }

  /** Stops recording and writes the final HAR (idempotent). */
  stop(): Promise<RecorderStopResult> {
    this.stopped ??= this.finish()
    return this.stopped
  }

  private async open(): Promise<void> {
    const now = this.opts.now ?? Date.now
    const leftover = await stat(this.journalPath).catch(() => undefined)
    if (leftover) {
      const kept = `${this.journalPath}.${now()}`
      await rename(this.journalPath, kept)
      this.notices.push(
        `An earlier recording to ${this.path} was cut short; its journal was kept as ${kept} (open it to see what it holds).`
      )
    }
    try {
      this.file = await open(this.journalPath, 'wx')
    } catch (err) {
      throw new Error(
        `Cannot record to ${this.path}: ${(err as Error).message}. Choose a file in a folder you can write to.`,
        { cause: err }
      )
    }
    const header = {
      type: 'header',
      format: JOURNAL_FORMAT,
      version: 1,
      target: this.path,
      startedAt: now(),
      creator: { name: this.opts.creator ?? 'Roundtrip', version: this.opts.version ?? '0.1.0' }
    }
    const lines = [JSON.stringify(header)]
    if (this.opts.includeExisting) lines.push(...this.snapshotLines(this.opts.store.snapshot()))
    this.append(lines)
    this.unsubscribe = this.opts.store.subscribe((batch) => this.onBatch(batch))
    await this.writing
  }

  private onBatch(batch: CaptureBatch): void {
    const lines: string[] = []
    for (const change of batch.changes) {
      const line = this.lineOf(change)
      if (line) lines.push(line)
    }
    if (lines.length > 0) this.append(lines)
  }

  private lineOf(change: CaptureChange): string | undefined {
    switch (change.type) {
      case 'connection':
        return connectionLine(change.connection)
      case 'tunnel':
        return JSON.stringify({ type: 'tunnel', tunnel: change.tunnel })
      case 'session-event':
        return JSON.stringify({ type: 'session-event', event: change.event })
      case 'exchange':
        return this.exchangeLine(change.exchange)
      default:
        // `evicted` only frees the store's memory and `clear` only empties the view: the recording keeps all.
        return undefined
    }
  }

  private exchangeLine(exchange: CapturedExchange, evenPending = false): string | undefined {
    if (exchange.state === 'pending' && !evenPending) return undefined
    this.exchangesWritten.add(exchange.id)
    return JSON.stringify({ type: 'exchange', exchange })
  }

  private snapshotLines(snapshot: CaptureSnapshot, evenPending = false): string[] {
    const lines = [
      ...snapshot.connections.map(connectionLine),
      ...snapshot.tunnels.map((tunnel) => JSON.stringify({ type: 'tunnel', tunnel })),
      ...snapshot.sessionEvents.map((event) => JSON.stringify({ type: 'session-event', event }))
    ]
    for (const exchange of snapshot.exchanges) {
      const line = this.exchangeLine(exchange, evenPending)
      if (line) lines.push(line)
    }
    return lines
  }

  /** Queues one write of whole lines; writes stay in order and each reaches the kernel promptly. */
  private append(lines: string[]): void {
    const text = lines.join('\n') + '\n'
    this.writing = this.writing.then(async () => {
      if (!this.file || this.writeError) return
      try {
        await this.file.write(text)
        await this.syncIfDue()
      } catch (err) {
        this.writeError = new Error(`Recording to ${this.journalPath} failed: ${(err as Error).message}.`, {
          cause: err
        })
      }
    })
  }

  private async syncIfDue(): Promise<void> {
    const interval = this.opts.fsyncIntervalMs ?? 0
    if (interval === false || !this.file) return
    const at = performance.now()
    if (at - this.lastSync < interval) return
    this.lastSync = at
    await this.file.datasync()
  }

  private async finish(): Promise<RecorderStopResult> {
    // A SIGTERM or Ctrl+C while the HAR is being written waits for it: the listener alone keeps
    // Node from ending the process, and the caller exits once stop() resolves.
    const hold = (): void => {
      process.stderr.write(`roundtrip: still writing ${this.path}; stopping once it is complete.\n`)
    }
    process.on('SIGTERM', hold)
    process.on('SIGINT', hold)
    try {
      return await this.writeFinal()
    } finally {
      process.off('SIGTERM', hold)
      process.off('SIGINT', hold)
    }
  }

  private async writeFinal(): Promise<RecorderStopResult> {
    this.opts.store.flush()
    this.unsubscribe?.()
    // Exchanges still waiting for their response go in as they stand (state "pending").
    const pending = this.opts.store
      .snapshot()
      .exchanges.filter((e) => e.state === 'pending' && !this.exchangesWritten.has(e.id))
    const lines = pending.map((e) => this.exchangeLine(e, true)).filter((l): l is string => !!l)
    lines.push(
      JSON.stringify({ type: 'end', at: (this.opts.now ?? Date.now)(), exchanges: this.exchangeCount })
    )
    this.append(lines)
    await this.writing
    await this.file?.sync()
    await this.file?.close()
    this.file = undefined
    if (this.writeError) throw this.writeError
    const index = await indexJournal(this.journalPath)
    const temp = `${this.path}.tmp-${process.pid}`
    const written = await writeHarFromJournal(this.journalPath, index, temp, {
      creator: this.opts.creator,
      version: this.opts.version,
      decodeBody
    })
    await rename(temp, this.path)
    await syncFolder(this.path)
    await rm(this.journalPath, { force: true })
    await syncFolder(this.path)
    return { path: this.path, exchanges: written, warnings: index.warnings }
  }
}

/** Makes a rename or removal in the folder of `path` durable (a no-op where folders cannot be opened). */
async function syncFolder(path: string): Promise<void> {
  let folder: FileHandle | undefined
  try {
    folder = await open(dirname(path), 'r')
    await folder.sync()
  } catch {
    // Windows cannot open a folder for fsync; its renames are durable when they return.
  } finally {
    await folder?.close()
  }
}
