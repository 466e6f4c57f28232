// One wall-clock anchor plus monotonic offsets: timestamps that order and subtract correctly
// even when the system clock is adjusted while recording.
import { performance } from 'node:perf_hooks'

const anchor = Date.now() - performance.now()

/** Epoch milliseconds, monotonic within this process. */
export function now(): number {
  return anchor + performance.now()
}
