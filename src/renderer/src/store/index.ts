// One bound store built from slices. `createRoundtripStore` makes a fresh one (each test gets its
// own); the app makes one at startup and hands it down through StoreProvider.
import { createContext, createElement, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { createStore, type StoreApi } from 'zustand/vanilla'
import { createCaptureSlice } from './capture-slice'
import { createPlaybackSlice } from './playback-slice'
import { createReplaySlice } from './replay-slice'
import type { RoundtripState } from './types'
import { createUiSlice } from './ui-slice'

export type { RoundtripState } from './types'
export type RoundtripStore = StoreApi<RoundtripState>

export function createRoundtripStore(): RoundtripStore {
  return createStore<RoundtripState>()((set, get) => ({
    ...createCaptureSlice(set, get),
    ...createUiSlice(set, get),
    ...createPlaybackSlice(set, get),
    ...createReplaySlice(set, get)
  }))
}

const StoreContext = createContext<RoundtripStore | undefined>(undefined)

export function StoreProvider(props: { store: RoundtripStore; children: ReactNode }): ReactNode {
  return createElement(StoreContext.Provider, { value: props.store }, props.children)
}

export function useRoundtripStore(): RoundtripStore {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useRoundtrip needs a StoreProvider above it.')
  return store
}

export function useRoundtrip<T>(selector: (state: RoundtripState) => T): T {
  return useStore(useRoundtripStore(), selector)
}

/**
 * Several fields of the store at once, e.g. `const { lang, page, setPage } = useRoundtripPick('lang',
 * 'page', 'setPage')`. The component re-renders only when one of them changes (a shallow compare).
 */
export function useRoundtripPick<K extends keyof RoundtripState>(...keys: K[]): Pick<RoundtripState, K> {
  return useRoundtrip(
    useShallow((state) => {
      const picked = {} as Pick<RoundtripState, K>
      for (const key of keys) picked[key] = state[key]
      return picked
    })
  )
}

let detached: RoundtripStore | undefined

/** Like useRoundtrip, for small shared pieces (SafeText) that may also render outside a StoreProvider. */
export function useRoundtripIfAny<T>(selector: (state: RoundtripState) => T): T {
  const store = useContext(StoreContext)
  return useStore(store ?? (detached ??= createRoundtripStore()), selector)
}
