// The cookie analysis as it stood at one exchange of the capture on screen (the details panel asks for
// the selected exchange, the sessions view for the chosen session's latest), memoised by analyseUpTo.
import { useMemo } from 'react'
import type { CapturedExchange } from '../../../shared/model'
import { useRoundtrip } from '../store'
import { playedConnections, sessionEvents } from '../store/selectors'
import { analyseUpTo, type CookieAnalysis } from './analysis'

/** `ordered`: the exchanges in time order, as the caller follows them (live, or throttled). */
export function useCookiesAt(
  ordered: CapturedExchange[],
  exchangeId: string | undefined
): CookieAnalysis | undefined {
  const connections = useRoundtrip(playedConnections)
  const events = useRoundtrip(sessionEvents)
  return useMemo(
    () => (exchangeId ? analyseUpTo(ordered, connections, events, exchangeId) : undefined),
    [ordered, connections, events, exchangeId]
  )
}
