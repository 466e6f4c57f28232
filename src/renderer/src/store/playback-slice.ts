// Playback of an opened recording: a playhead moving along the capture's time at a chosen speed.
// Everything the UI derives (rows, lanes, the jar, sessions) then shows the capture as it stood at
// the playhead.
import type { SliceCreator } from './types'

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8] as const

export interface PlaybackSlice {
  /** Epoch ms; undefined shows the whole capture. */
  playhead: number | undefined
  playing: boolean
  speed: number
  setPlayhead: (at: number | undefined) => void
  play: () => void
  pause: () => void
  setSpeed: (speed: number) => void
  /** Moves the playhead on by `realMs` of wall time at the current speed, stopping at `end`. */
  advance: (realMs: number, end: number) => void
}

export const createPlaybackSlice: SliceCreator<PlaybackSlice> = (set) => ({
  playhead: undefined,
  playing: false,
  speed: 1,
  setPlayhead: (playhead) => set({ playhead }),
  play: () => set({ playing: true }),
  pause: () => set({ playing: false }),
  setSpeed: (speed) => set({ speed }),
  advance: (realMs, end) =>
    set((s) => {
      if (!s.playing || s.playhead === undefined) return {}
      const next = s.playhead + realMs * s.speed
      return next >= end ? { playhead: end, playing: false } : { playhead: next }
    })
})
