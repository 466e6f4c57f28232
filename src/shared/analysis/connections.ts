// Which connection carried each exchange, grouped from the model: every door already put a connection
// reference with its provenance on each exchange (the proxy records them; a HAR import reads or infers them,
// see src/shared/har/connections.ts). Where the capture does not say, there are no groups: nothing is drawn
// or reported as reuse that nobody saw.
import type { CaptureSnapshot, CapturedExchange } from '../model'
import { originOf } from '../http'
import { explain, isExplanation, say, type Explanation } from './explain'

export interface ConnectionGroup {
  id: string
  /** Positions in the capture (in `log.entries`), in time order. */
  entries: number[]
  /** scheme://host:port of the first entry on it. */
  origin: string
  /** How many entries reused the connection (all but the first). */
  reused: number
  /** Roundtrip captures: the proxy's upstream connections that carried these entries. */
  upstream?: string[]
}

export type ConnectionSource = 'recorded' | 'inferred' | 'none'

export interface ConnectionReport {
  source: ConnectionSource
  groups: ConnectionGroup[]
  /** Where the grouping came from, or why there is none: in English, and as a code (`noteExplain`). */
  note: string
  noteExplain: Explanation
}

/** The capture's connection source: what the door said, else what the exchanges carry. */
export function connectionSource(
  exchanges: readonly CapturedExchange[],
  info?: CaptureSnapshot['connectionInfo']
): ConnectionSource {
  if (info) return info.source
  if (exchanges.some((x) => x.connectionSource === 'none')) return 'none'
  if (exchanges.some((x) => x.connectionSource === 'inferred')) return 'inferred'
  return 'recorded'
}

function build(exchanges: readonly CapturedExchange[]): ConnectionGroup[] {
  const groups = new Map<string, ConnectionGroup>()
  // In time order, then by position: a capture mostly is already (sorted only when it is not).
  let order: number[] | undefined
  for (let i = 1; i < exchanges.length; i++) {
    // (A time that is not a number is no order: sorted as before.)
    if (!((exchanges[i - 1] as CapturedExchange).startedAt <= (exchanges[i] as CapturedExchange).startedAt)) {
      order = exchanges.map((_, k) => k)
      order.sort(
        (a, b) =>
          (exchanges[a] as CapturedExchange).startedAt - (exchanges[b] as CapturedExchange).startedAt || a - b
      )
      break
    }
  }
  for (let k = 0; k < exchanges.length; k++) {
    const i = order ? (order[k] as number) : k
    const x = exchanges[i] as CapturedExchange
    let g = groups.get(x.clientConnectionId)
    if (!g) {
      g = { id: x.clientConnectionId, entries: [], origin: originOf(x.url), reused: 0 }
      groups.set(x.clientConnectionId, g)
    } else g.reused++
    g.entries.push(i)
    if (x.upstreamConnectionId) {
      g.upstream ??= []
      if (!g.upstream.includes(x.upstreamConnectionId)) g.upstream.push(x.upstreamConnectionId)
    }
  }
  return [...groups.values()].sort((a, b) => (a.entries[0] ?? 0) - (b.entries[0] ?? 0))
}

export function groupConnections(
  exchanges: readonly CapturedExchange[],
  info?: CaptureSnapshot['connectionInfo']
): ConnectionReport {
  const report = (source: ConnectionSource, groups: ConnectionGroup[], e: Explanation): ConnectionReport => ({
    source,
    groups,
    note: say('en', e),
    noteExplain: e
  })
  if (exchanges.length === 0) return report('none', [], explain('conn.empty'))
  const source = connectionSource(exchanges, info)
  const given = info && isExplanation(info.note) ? (info.note as Explanation) : undefined
  if (source === 'none')
    return report(
      'none',
      [],
      given ?? explain('conn.none', { field: 'absent', why: explain('conn.unknown') })
    )
  const groups = build(exchanges)
  const note =
    given ??
    (source === 'inferred'
      ? explain('conn.inferred', { n: groups.length })
      : explain('conn.recorded.roundtrip'))
  return report(source, groups, note)
}
