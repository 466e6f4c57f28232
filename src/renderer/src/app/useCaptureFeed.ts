// Connects the client to the store: info once, the live capture (snapshot then batches), the
// server's session store while live, and the desktop menu's commands.
import { useEffect } from 'react'
import type { CaptureBatch } from '../../../shared/model'
import type { RoundtripClient } from '../api/client'
import type { SnapshotPart } from '../api/types'
import type { RoundtripStore } from '../store'
import { runCommand } from './commands'

const SESSIONS_POLL_MS = 1000
/** Batches arriving within this time are applied (and drawn) together. */
const APPLY_EVERY_MS = 50
/**
 * A big snapshot's parts are held until the last one has come (or this many exchanges have): each
 * step re-derives the views from the whole capture, so a 50,000-exchange capture takes one step after
 * its first part instead of several, and the page answers clicks while the parts arrive (the progress
 * bar moves with each part).
 */
const PARTS_AT_ONCE = 50_000

function sentence(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

export function useCaptureFeed(client: RoundtripClient, store: RoundtripStore): void {
  useEffect(() => {
    const s = store.getState
    client.info().then(
      (info) => s().setInfo(info),
      (err: unknown) => s().setMessage(sentence(err))
    )
    let queued: CaptureBatch[] = []
    // A big snapshot's later parts: they all come before any batch, so they are applied first.
    let parts: SnapshotPart[] = []
    let flushTimer: ReturnType<typeof setTimeout> | undefined
    const flush = (): void => {
      flushTimer = undefined
      // Every view re-derives what it draws from the whole capture on each change, so parts are
      // applied in as few steps as possible (see PARTS_AT_ONCE); progress moves on each part.
      const held = parts.reduce((n, p) => n + p.exchanges.length, 0)
      const last = parts.at(-1)
      // Parts still to come: the snapshot said so and the last part here is not the last one.
      const partial = last ? last.loaded < last.total : s().loading !== undefined
      if (partial && held < PARTS_AT_ONCE) {
        if (last) s().setLoading({ loaded: last.loaded, total: last.total })
        return
      }
      const more = parts
      parts = []
      if (more.length) s().applySnapshotParts(more)
      // Batches are newer than every part: applied after the last one (the web door holds them back
      // itself; the IPC door sends them as they come).
      if (partial) return
      const batches = queued
      queued = []
      if (batches.length) s().applyBatches(batches)
    }
    const later = (): void => {
      flushTimer ??= setTimeout(flush, APPLY_EVERY_MS)
    }
    const unsubscribe = client.subscribe({
      onSnapshot: (snapshot, more) => {
        queued = []
        parts = []
        if (s().source.kind === 'live') s().applySnapshot(snapshot, undefined, more)
      },
      onSnapshotPart: (part) => {
        parts.push(part)
        later()
      },
      onBatch: (batch) => {
        queued.push(batch)
        later()
      },
      onState: (link) => s().setLink(link)
    })
    let stopped = false
    const poll = (): void => {
      if (stopped || s().source.kind !== 'live') return
      client.sessions().then(
        (sessions) => {
          if (!stopped) s().setServerSessions(sessions)
        },
        () => {}
      )
    }
    poll()
    const timer = setInterval(poll, SESSIONS_POLL_MS)
    const offMenu = client.onMenuCommand?.((command) => void runCommand(command, client, store))
    return () => {
      stopped = true
      clearInterval(timer)
      if (flushTimer) clearTimeout(flushTimer)
      unsubscribe()
      offMenu?.()
    }
  }, [client, store])
}
