// What the File and Edit actions do, from a toolbar button or the desktop menu.
import type { MenuCommand, RoundtripClient } from '../api/client'
import type { RoundtripStore } from '../store'

export const SEARCH_INPUT_ID = 'roundtrip-search'

export async function runCommand(
  command: MenuCommand,
  client: RoundtripClient,
  store: RoundtripStore
): Promise<void> {
  const s = store.getState
  try {
    switch (command) {
      case 'clear':
        if (s().source.kind === 'live') await client.clear()
        else await backToLive(client, store)
        s().selectExchange(undefined)
        break
      case 'open-har': {
        if (!client.openHar) return
        const result = await client.openHar()
        if (result.status === 'opened') {
          s().applySnapshot(result.snapshot, {
            kind: 'file',
            fileName: result.fileName,
            warnings: result.warnings
          })
          s().selectExchange(undefined)
          s().setPage('timeline')
        } else if (result.status === 'error') s().setMessage(result.error)
        break
      }
      case 'save-har': {
        if (!client.saveHar) return
        const result = await client.saveHar({})
        if (result.status === 'error') s().setMessage(result.error)
        break
      }
      case 'find':
        s().setPage('timeline')
        setTimeout(() => document.getElementById(SEARCH_INPUT_ID)?.focus(), 0)
        break
    }
  } catch (err) {
    s().setMessage(err instanceof Error ? err.message : String(err))
  }
}

/** Leaves an opened file and shows the live capture again. */
export async function backToLive(client: RoundtripClient, store: RoundtripStore): Promise<void> {
  const snapshot = await client.snapshot()
  store.getState().applySnapshot(snapshot)
}
