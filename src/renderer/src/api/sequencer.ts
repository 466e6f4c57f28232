// Keeps a live feed's batches in order against its snapshot; both transports (ipc.ts, web.ts) use it.
import type { CaptureBatch } from '../../../shared/model'

/**
 * Keeps batches in order against a snapshot: drops batches the snapshot already contains and asks
 * for a new snapshot when a batch is missing. Used by both transports.
 */
export class BatchSequencer {
  private seq: number | undefined
  constructor(
    private readonly deliver: (batch: CaptureBatch) => void,
    private readonly resync: () => void
  ) {}

  /** The snapshot was applied; its seq is where batches continue. */
  reset(seq: number): void {
    this.seq = seq
  }

  /** Forget the position (a resync is under way); batches wait for the next reset. */
  invalidate(): void {
    this.seq = undefined
  }

  push(batch: CaptureBatch): void {
    if (this.seq === undefined) return
    if (batch.seq <= this.seq) return
    if (batch.seq !== this.seq + 1) {
      this.seq = undefined
      this.resync()
      return
    }
    this.seq = batch.seq
    this.deliver(batch)
  }
}
