// What the Replay button and the results panel do. A replay re-sends the recording shown (or, when
// the replay itself is shown, the recording it came from) and shows the new capture beside it.
import type { ReplayRow, RoundtripClient } from '../api/client'
import type { RoundtripStore } from '../store'
import { snapshotOf } from '../store/replay-slice'

export async function startReplay(client: RoundtripClient, store: RoundtripStore): Promise<void> {
  const s = store.getState
  if (!client.replay || s().replaying) return
  const previous = s().replayResults
  const original =
    previous?.showing === 'replay' ? previous.original : { snapshot: snapshotOf(s()), source: s().source }
  const jar = s().replayJar
  s().setReplaying(true)
  try {
    const outcome = await client.replay({ jar, source: original.source.kind === 'live' ? 'live' : 'opened' })
    if (outcome.status === 'error') return s().setMessage(outcome.error)
    const sourceName = original.source.kind === 'file' ? original.source.fileName : outcome.sourceName
    s().setReplayResults({
      jar: outcome.jar,
      sourceName,
      rows: outcome.rows,
      replay: outcome.snapshot,
      original,
      showing: 'replay'
    })
    showReplay(store)
    s().selectExchange(undefined)
    s().setPage('timeline')
  } catch (err) {
    s().setMessage(err instanceof Error ? err.message : String(err))
  } finally {
    s().setReplaying(false)
  }
}

/** Shows the replay's own capture (as a recording, so live batches do not mix into it). */
export function showReplay(store: RoundtripStore): void {
  const results = store.getState().replayResults
  if (!results) return
  store.getState().applySnapshot(results.replay, {
    kind: 'file',
    fileName: `Replay of ${results.sourceName}`,
    warnings: []
  })
  store.getState().setReplayShowing('replay')
}

/** Shows the recording that was replayed; a live capture comes back live, with what arrived since. */
export async function showOriginal(client: RoundtripClient, store: RoundtripStore): Promise<void> {
  const results = store.getState().replayResults
  if (!results) return
  if (results.original.source.kind === 'live') {
    store.getState().applySnapshot(await client.snapshot())
  } else {
    store.getState().applySnapshot(results.original.snapshot, results.original.source)
  }
  store.getState().setReplayShowing('original')
}

/** A row differs when its status or any Set-Cookie differs, or it failed. */
export function rowDiffers(row: ReplayRow): boolean {
  if (row.skipped) return false
  if (row.error || row.status !== row.recordedStatus) return true
  return row.cookieChanges.some((c) => c.change !== 'same')
}
