// The live stream behind `WS /api/stream`: a snapshot first (a big one in parts, service/snapshot-parts.ts),
// then every capture batch. A reader that
// falls behind (a slow network, a busy tab, a paused debugger) must not make the engine queue without
// bound, so each socket's send buffer is watched: past HIGH_WATER bytes the socket is skipped, and once
// it has drained below LOW_WATER it gets one fresh snapshot (the page applies it as it does after a
// reconnect) and batches resume. What a behind reader holds is bounded by HIGH_WATER plus one message.
import type { WebSocket } from 'ws'
import type { CaptureBatch, CaptureSnapshot } from '../../shared/model'
import type { SnapshotMessage } from '../../shared/api/contract'
import { snapshotMessages, type PartsOptions } from '../service/snapshot-parts'

/** Batches held for a reader while its snapshot is still going out in parts. */
const MAX_HELD = 100

export interface StreamSource {
  snapshot(): CaptureSnapshot
  subscribe(listener: (batch: CaptureBatch) => void): () => void
}

export interface StreamOptions {
  highWaterBytes?: number
  lowWaterBytes?: number
  /** How often a reader that is behind is checked for having drained. */
  drainCheckMs?: number
  /** How a big snapshot is cut into parts (service/snapshot-parts.ts). */
  parts?: PartsOptions
}

export interface LiveStream {
  /** Starts a socket with a snapshot; it is dropped when it closes. */
  accept(ws: WebSocket): void
  readonly size: number
  close(): void
}

export function createLiveStream(source: StreamSource, opts: StreamOptions = {}): LiveStream {
  const high = opts.highWaterBytes ?? 4 * 1024 * 1024
  const low = opts.lowWaterBytes ?? 256 * 1024
  const checkMs = opts.drainCheckMs ?? 200
  const sockets = new Set<WebSocket>()
  /** Readers that skipped batches, with the timer that waits for their buffer to drain. */
  const behind = new Map<WebSocket, ReturnType<typeof setInterval>>()

  /** Readers still being sent a snapshot in parts, with the batch messages held for them meanwhile. */
  const loading = new Map<WebSocket, { held: string[]; overflowed: boolean }>()

  function sendSnapshot(ws: WebSocket): void {
    let parts: Iterator<SnapshotMessage>
    try {
      parts = snapshotMessages(source.snapshot(), opts.parts)
    } catch (err) {
      return refuse(ws, err)
    }
    const state = { held: [] as string[], overflowed: false }
    loading.set(ws, state)
    // The first part goes out now; each later one in a turn of its own, so the first is on its way
    // before the rest is shaped, and the engine keeps serving in between.
    const step = (): void => {
      if (ws.readyState !== ws.OPEN || loading.get(ws) !== state) return
      let next: IteratorResult<SnapshotMessage>
      let text: string | undefined
      try {
        next = parts.next()
        if (!next.done) text = JSON.stringify(next.value)
      } catch (err) {
        loading.delete(ws)
        return refuse(ws, err)
      }
      if (text !== undefined) {
        ws.send(text)
        return void setImmediate(step)
      }
      loading.delete(ws)
      if (state.overflowed) return sendSnapshot(ws)
      for (const held of state.held) ws.send(held)
    }
    step()
  }

  /** A capture that cannot be written as JSON must not end the process; the reader is told why. */
  function refuse(ws: WebSocket, err: unknown): void {
    ws.close(1011, `The capture could not be sent: ${(err as Error).message}`.slice(0, 120))
  }

  function fallBehind(ws: WebSocket): void {
    if (behind.has(ws)) return
    const timer = setInterval(() => {
      if (ws.readyState !== ws.OPEN) return forget(ws)
      if (ws.bufferedAmount > low) return
      clearInterval(timer)
      behind.delete(ws)
      sendSnapshot(ws)
    }, checkMs)
    timer.unref?.()
    behind.set(ws, timer)
  }

  function forget(ws: WebSocket): void {
    sockets.delete(ws)
    loading.delete(ws)
    const timer = behind.get(ws)
    if (timer) clearInterval(timer)
    behind.delete(ws)
  }

  const unsubscribe = source.subscribe((batch) => {
    if (sockets.size === 0) return
    let message: string | undefined
    for (const ws of sockets) {
      if (ws.readyState !== ws.OPEN || behind.has(ws)) continue
      const parted = loading.get(ws)
      if (parted) {
        // Batches wait for the snapshot's last part; too many and a fresh snapshot follows instead.
        if (parted.held.length >= MAX_HELD) parted.overflowed = true
        if (parted.overflowed) continue
        try {
          message ??= JSON.stringify({ type: 'batch', batch })
        } catch {
          parted.overflowed = true
          continue
        }
        parted.held.push(message)
        continue
      }
      if (ws.bufferedAmount > high) {
        fallBehind(ws)
        continue
      }
      try {
        message ??= JSON.stringify({ type: 'batch', batch })
      } catch {
        // Unserialisable batch: every reader gets a snapshot attempt instead of a gap.
        for (const s of sockets) fallBehind(s)
        return
      }
      ws.send(message)
    }
  })

  return {
    accept(ws) {
      sockets.add(ws)
      ws.on('close', () => forget(ws))
      ws.on('error', () => ws.terminate())
      sendSnapshot(ws)
    },
    get size() {
      return sockets.size
    },
    close() {
      unsubscribe()
      for (const ws of [...sockets]) {
        forget(ws)
        ws.terminate()
      }
    }
  }
}
