// A replay beside the recording it came from: the rows comparing each entry, the replay's own
// capture, the recording as it stood when Replay was pressed, and which of the two is shown.
// Also how far opening a file has got, for the progress display.
import type { OpenProgress, ReplayRow } from '../api/client'
import type { CaptureSnapshot } from '../../../shared/model'
import type { CaptureSource } from './capture-slice'
import type { RoundtripState, SliceCreator } from './types'

export type JarChoice = 'fresh' | 'recorded'

export interface ReplayResults {
  jar: JarChoice
  sourceName: string
  rows: ReplayRow[]
  /** The replay's own capture (the new recording). */
  replay: CaptureSnapshot
  /** The recording that was replayed, as it stood, and where it came from. */
  original: { snapshot: CaptureSnapshot; source: CaptureSource }
  showing: 'replay' | 'original'
}

export interface ReplaySlice {
  replayJar: JarChoice
  replaying: boolean
  replayResults: ReplayResults | undefined
  openProgress: OpenProgress | undefined
  setReplayJar: (jar: JarChoice) => void
  setReplaying: (replaying: boolean) => void
  setReplayResults: (results: ReplayResults | undefined) => void
  setReplayShowing: (showing: 'replay' | 'original') => void
  setOpenProgress: (progress: OpenProgress | undefined) => void
}

export const createReplaySlice: SliceCreator<ReplaySlice> = (set) => ({
  replayJar: 'fresh',
  replaying: false,
  replayResults: undefined,
  openProgress: undefined,
  setReplayJar: (replayJar) => set({ replayJar }),
  setReplaying: (replaying) => set({ replaying }),
  setReplayResults: (replayResults) => set({ replayResults }),
  setReplayShowing: (showing) =>
    set((s) => (s.replayResults ? { replayResults: { ...s.replayResults, showing } } : {})),
  setOpenProgress: (progress) => set({ openProgress: progress?.phase === 'done' ? undefined : progress })
})

/** The capture the UI holds now, as a snapshot (exchanges in order; an opened file keeps its log fields). */
export function snapshotOf(s: RoundtripState): CaptureSnapshot {
  return {
    seq: s.seq,
    connections: [...s.connections.values()],
    exchanges: s.exchangeOrder.flatMap((id) => s.exchanges.get(id) ?? []),
    tunnels: [...s.tunnels.values()],
    sessionEvents: [...s.sessionEvents],
    ...(s.connectionInfo && { connectionInfo: s.connectionInfo }),
    ...(s.harLog && { harLog: s.harLog })
  } as CaptureSnapshot
}

/** What Save HAR saves: what is on screen (the live capture, an opened file, or a replay). */
export function onScreen(s: RoundtripState): { view: 'live' | 'file' | 'replay'; name?: string } {
  if (s.replayResults?.showing === 'replay') return { view: 'replay', name: s.replayResults.sourceName }
  if (s.source.kind === 'file') return { view: 'file', name: s.source.fileName }
  return { view: 'live' }
}
