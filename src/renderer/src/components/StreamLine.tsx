// Where an HTTP/2 exchange travelled: "stream 7 on connection c3, 11 others in flight" (the count is
// the analysis's: other exchanges on the same connection whose time overlapped this one), the
// protocol the origin was spoken to in, and a GOAWAY the connection saw.
import { useMemo } from 'react'
import { othersInFlight } from '../../../shared/analysis/multiplex'
import type { CapturedExchange } from '../../../shared/model'
import { t } from '../i18n'
import { useRoundtrip } from '../store'
import { orderedExchanges, playedConnections } from '../store/selectors'

export function StreamLine({ exchange }: { exchange: CapturedExchange }): React.JSX.Element {
  const lang = useRoundtrip((s) => s.lang)
  const ordered = useRoundtrip(orderedExchanges)
  const connection = useRoundtrip((s) => playedConnections(s).get(exchange.clientConnectionId))
  const others = useMemo(
    () =>
      othersInFlight(
        exchange,
        ordered.filter((x) => x.clientConnectionId === exchange.clientConnectionId)
      ),
    [exchange, ordered]
  )
  const params = { stream: exchange.streamId ?? 0, id: exchange.clientConnectionId, others }
  const key = others === 0 ? 'h2.inFlightNone' : others === 1 ? 'h2.inFlightOne' : 'h2.inFlight'
  return (
    <span data-testid="stream-line">
      {t(lang, key, params)}
      {exchange.upstreamHttpVersion &&
        ` · ${t(lang, 'h2.upstream', { version: exchange.upstreamHttpVersion })}`}
      {connection?.goaway && ` · ${t(lang, 'h2.goaway', { sentence: connection.goaway })}`}
    </span>
  )
}
