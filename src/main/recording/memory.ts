// Memory for big files: the process's real peak, the heap's size now, and a full garbage collection
// between the phases of a one-shot command (`inspect`), when what the last phase built is no longer
// needed, or before a big file's text is parsed (recording.ts's readSmall, when the heap holds little else).
import { readFileSync } from 'node:fs'
import { getHeapStatistics, setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/**
 * The process's peak resident memory in KB. On Linux from /proc (VmHWM): getrusage's maxRSS survives
 * exec, so a process started by a big parent would report the parent's size as its own.
 */
export function peakRssKb(): number {
  try {
    const hwm = /^VmHWM:\s*(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (hwm) return Number(hwm[1])
  } catch {
    // Not Linux: maxRSS below.
  }
  return process.resourceUsage().maxRSS
}

/** The bytes the JavaScript heap holds now (live or not yet collected). */
export function heapUsedBytes(): number {
  return getHeapStatistics().used_heap_size
}

let gc: (() => void) | undefined

/**
 * A full collection now. V8 lets the heap grow well past what is alive while a phase allocates; once a
 * phase's garbage (a 50,000-entry file's parsed tree, the analysis's scratch) is dead, collecting it
 * before the next phase keeps the peak near what is alive (measured: 520 MB -> 340 MB for inspect of a
 * 50k-entry HAR, at about the same CPU). `gc` is exposed the way Jest's leak detector does it, so it
 * works from `npx roundtrip` without a node flag; where it cannot be had, this does nothing.
 */
export function collectGarbage(): void {
  if (!gc) {
    const exposed = (globalThis as { gc?: () => void }).gc
    if (exposed) gc = exposed
    else {
      try {
        setFlagsFromString('--expose-gc')
        gc = runInNewContext('gc') as () => void
      } catch {
        gc = () => undefined
      }
    }
  }
  gc()
}
