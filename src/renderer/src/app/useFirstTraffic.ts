// The first traffic of a run opens the timeline, once, so requests do not arrive unseen; but not when
// the user is busy: on another screen than Start, or typing in one of its fields. Traffic captured
// before this window opened is not "first traffic": the start screen already shows it.
import { useEffect } from 'react'
import type { RoundtripStore } from '../store'

export function busyTyping(active: Element | null = globalThis.document?.activeElement ?? null): boolean {
  return !!active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName)
}

export function useFirstTraffic(store: RoundtripStore): void {
  useEffect(() => {
    const openedAt = Date.now()
    let done = false
    const check = (): void => {
      const s = store.getState()
      const firstId = s.exchangeOrder[0]
      if (done || s.source.kind !== 'live' || firstId === undefined) return
      const first = s.exchanges.get(firstId)
      if (!first || first.startedAt < openedAt) return
      done = true
      if (s.page === 'start' && !busyTyping()) s.setPage('timeline')
    }
    return store.subscribe(check)
  }, [store])
}
