// What the File and Edit actions do, from a toolbar button or the desktop menu.
import type { MenuCommand, RoundtripClient } from '../api/client'
import { exportHar } from '../../../shared/har/export'
import { redactSnapshot } from '../../../shared/har/redact'
import type { RoundtripStore } from '../store'
import { onScreen, snapshotOf } from '../store/replay-slice'

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
      case 'save-har':
      case 'export-redacted': {
        if (!client.saveHar) return
        // What is on screen is saved: the live capture by the engine, an opened file or a replay from here;
        // without cookie values, each redacted the same way.
        const redact = command === 'export-redacted'
        const shown = onScreen(s())
        const snapshot = shown.view === 'live' ? undefined : snapshotOf(s())
        const har =
          snapshot &&
          JSON.stringify(
            exportHar(redact ? redactSnapshot(snapshot) : snapshot, { creator: 'Roundtrip' }),
            null,
            2
          )
        const result = await client.saveHar({
          ...(shown.view === 'live' ? {} : { ...shown, har }),
          ...(redact && { redact: true })
        })
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
