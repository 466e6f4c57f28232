// Timings of one exchange as durations, phase by phase.
import type { CapturedExchange } from '../../../shared/model'
import { t, type Lang } from '../i18n'
import { timelineBar } from '../store/selectors'
import { formatDuration } from '../timeline/geometry'
import { safeTime } from './safe-text'

export function TimingsTable(props: { exchange: CapturedExchange; lang: Lang }): React.JSX.Element {
  const { exchange, lang } = props
  const bar = timelineBar(exchange, exchange.startedAt)
  return (
    <table className="kv timings" data-testid="timings">
      <tbody>
        <tr>
          <th scope="row">start</th>
          <td>{safeTime(exchange.startedAt, (d) => d.toISOString(), t(lang, 'safe.noTime'))}</td>
        </tr>
        {bar.phases.map((p) => (
          <tr key={p.kind}>
            <th scope="row">{t(lang, `phase.${p.kind}`)}</th>
            <td>{formatDuration(p.end - p.start)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">total</th>
          <td>{formatDuration(bar.end - bar.start)}</td>
        </tr>
      </tbody>
    </table>
  )
}
