// Connects the client to the store: info once, the live capture (snapshot then batches), the
// server's session store while live, and the desktop menu's commands.
import { useEffect } from 'react'
import type { CaptureBatch } from '../../../shared/model'
import type { RoundtripClient } from '../api/client'
import type { RoundtripStore } from '../store'
import { runCommand } from './commands'

const SESSIONS_POLL_MS = 1000
/** Batches arriving within this time are applied (and drawn) together. */
const APPLY_EVERY_MS = 50

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
    let flushTimer: ReturnType<typeof setTimeout> | undefined
    const flush = (): void => {
      flushTimer = undefined
      const batches = queued
      queued = []
      s().applyBatches(batches)
    }
    const unsubscribe = client.subscribe({
      onSnapshot: (snapshot) => {
        queued = []
        if (s().source.kind === 'live') s().applySnapshot(snapshot)
      },
      onBatch: (batch) => {
        queued.push(batch)
        flushTimer ??= setTimeout(flush, APPLY_EVERY_MS)
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
