import type { StoreApi } from 'zustand/vanilla'
import type { CaptureSlice } from './capture-slice'
import type { PlaybackSlice } from './playback-slice'
import type { ReplaySlice } from './replay-slice'
import type { UiSlice } from './ui-slice'

export type RoundtripState = CaptureSlice & UiSlice & PlaybackSlice & ReplaySlice

export type SliceCreator<T> = (
  set: StoreApi<RoundtripState>['setState'],
  get: StoreApi<RoundtripState>['getState']
) => T
