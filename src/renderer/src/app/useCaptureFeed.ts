// Connects the client to the store: info once, the live capture (snapshot then batches), the
// server's session store while live, and the desktop menu's commands.
import { useEffect } from 'react'
import type { RoundtripClient } from '../api/client'
import type { RoundtripStore } from '../store'
import { runCommand } from './commands'

const SESSIONS_POLL_MS = 1000

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
    const unsubscribe = client.subscribe({
      onSnapshot: (snapshot) => {
        if (s().source.kind === 'live') s().applySnapshot(snapshot)
      },
      onBatch: (batch) => s().applyBatch(batch),
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
      unsubscribe()
      offMenu?.()
    }
  }, [client, store])
}
