// The live stream behind `WS /api/stream`: a snapshot first, then every capture batch. A reader that
// falls behind (a slow network, a busy tab, a paused debugger) must not make the engine queue without
// bound, so each socket's send buffer is watched: past HIGH_WATER bytes the socket is skipped, and once
// it has drained below LOW_WATER it gets one fresh snapshot (the page applies it as it does after a
// reconnect) and batches resume. What a behind reader holds is bounded by HIGH_WATER plus one message.
import type { WebSocket } from 'ws'
import type { CaptureBatch, CaptureSnapshot } from '../../shared/model'

export interface StreamSource {
  snapshot(): CaptureSnapshot
  subscribe(listener: (batch: CaptureBatch) => void): () => void
}

export interface StreamOptions {
  highWaterBytes?: number
  lowWaterBytes?: number
  /** How often a reader that is behind is checked for having drained. */
  drainCheckMs?: number
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

  function sendSnapshot(ws: WebSocket): void {
    let text: string
    try {
      text = JSON.stringify({ type: 'snapshot', snapshot: source.snapshot() })
    } catch (err) {
      // A capture that cannot be written as JSON must not end the process; the reader is told why.
      ws.close(1011, `The capture could not be sent: ${(err as Error).message}`.slice(0, 120))
      return
    }
    ws.send(text)
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
    const timer = behind.get(ws)
    if (timer) clearInterval(timer)
    behind.delete(ws)
  }

  const unsubscribe = source.subscribe((batch) => {
    if (sockets.size === 0) return
    let message: string | undefined
    for (const ws of sockets) {
      if (ws.readyState !== ws.OPEN || behind.has(ws)) continue
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
