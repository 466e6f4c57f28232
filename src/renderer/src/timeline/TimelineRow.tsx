// One row of the timeline: a connection's lane, a CONNECT tunnel's lane, or (in rows view) one
// exchange. A label column that stays in place, and a track with bars and open/close markers.
import { memo } from 'react'
import type { CapturedExchange, CloseReason } from '../../../shared/model'
import { t, type Lang } from '../i18n'
import { reuseLabel, timelineBar, visibleBars, type Lane } from '../store/selectors'
import { urlParts } from '../model/headers'
import { Bar } from './Bar'
import { toX, type Scale } from './geometry'

export type RowItem = { kind: 'lane'; lane: Lane } | { kind: 'exchange'; exchange: CapturedExchange }

interface RowProps {
  item: RowItem
  scale: Scale
  /** The visible time window; bars outside it are not drawn. */
  from: number
  to: number
  now: number
  selectedId: string | undefined
  lang: Lang
  onSelect: (id: string) => void
}

function closeText(lang: Lang, by: CloseReason | undefined): string {
  return by ? t(lang, 'timeline.closedBy', { who: t(lang, `closedBy.${by}`) }) : t(lang, 'timeline.open')
}

function Marker(props: {
  x: number
  kind: 'open' | 'close'
  title: string
  by?: CloseReason
  quiet?: boolean
}): React.JSX.Element {
  return (
    <span
      className={`marker marker-${props.kind}${props.by ? ` by-${props.by}` : ''}`}
      style={{ left: props.x }}
      title={props.title}
    >
      {props.kind === 'close' && !props.quiet && <span className="marker-text">{props.title}</span>}
    </span>
  )
}

export const TimelineRow = memo(function TimelineRow(props: RowProps): React.JSX.Element {
  const { item, scale, from, to, now, selectedId, lang, onSelect } = props
  if (item.kind === 'exchange') {
    const x = item.exchange
    const bar = timelineBar(x, now)
    const { host, path } = urlParts(x.url)
    const reuse = reuseLabel(x, lang)
    return (
      <div className={`row${selectedId === x.id ? ' selected' : ''}${x.state === 'error' ? ' error' : ''}`}>
        <div className="row-label" onClick={() => onSelect(x.id)} title={`${x.method} ${x.url}\n${reuse}`}>
          <span className="status">{x.status ?? (x.state === 'error' ? '✕' : '…')}</span>
          <span className="method">{x.method}</span>
          <span className="path">
            {host}
            {path}
          </span>
          <span className="conn">
            {x.sequence > 1 ? `${x.clientConnectionId} #${x.sequence}` : x.clientConnectionId}
          </span>
        </div>
        <div className="row-track">
          <Bar
            bar={bar}
            scale={scale}
            selected={selectedId === x.id}
            lang={lang}
            reuse={reuse}
            onSelect={onSelect}
          />
        </div>
      </div>
    )
  }
  const lane = item.lane
  if (lane.kind === 'tunnel') {
    const end = lane.closedAt ?? now
    const left = toX(scale, lane.openedAt)
    const title = `${t(lang, 'timeline.tunnel', { id: lane.id, host: `${lane.host}:${lane.port}` })} · ↑${lane.bytesUp} B ↓${lane.bytesDown} B`
    return (
      <div className={`row lane tunnel${lane.error ? ' error' : ''}`}>
        <div className="row-label" title={title}>
          <span className="lane-kind">⇅</span> {lane.host}:{lane.port}
          <span className="conn">{lane.clientConnectionId}</span>
        </div>
        <div className="row-track">
          <span
            className="tunnel-bar"
            style={{ left, width: Math.max(3, toX(scale, end) - left) }}
            title={[title, lane.error].filter(Boolean).join('\n')}
          >
            {lane.error && <span className="bar-reason">{lane.error}</span>}
          </span>
          {lane.closedAt !== undefined && (
            <Marker
              x={toX(scale, lane.closedAt)}
              kind="close"
              by={lane.closedBy}
              title={closeText(lang, lane.closedBy)}
            />
          )}
        </div>
      </div>
    )
  }
  const visible = visibleBars(lane, from, to, now)
  return (
    <div className={`row lane${lane.error ? ' error' : ''}`}>
      <div className="row-label" title={`${t(lang, 'timeline.connection', { id: lane.id })} ${lane.remote}`}>
        <span className="lane-id">{lane.id}</span>
        <span className="lane-count">×{lane.exchanges.length}</span>
        <span className="lane-state">{closeText(lang, lane.closedBy)}</span>
      </div>
      <div className="row-track">
        <span
          className="lane-line"
          style={{
            left: toX(scale, lane.openedAt),
            width: Math.max(0, toX(scale, lane.closedAt ?? now) - toX(scale, lane.openedAt))
          }}
        />
        <Marker
          x={toX(scale, lane.openedAt)}
          kind="open"
          title={t(lang, 'timeline.connection', { id: lane.id })}
        />
        {visible.map((bar) => (
          <Bar
            key={bar.id}
            bar={bar}
            scale={scale}
            selected={selectedId === bar.id}
            lang={lang}
            reuse={reuseLabel({ sequence: bar.sequence, clientConnectionId: lane.id }, lang)}
            onSelect={onSelect}
          />
        ))}
        {lane.closedAt !== undefined && (
          <Marker
            x={toX(scale, lane.closedAt)}
            kind="close"
            by={lane.closedBy}
            title={closeText(lang, lane.closedBy)}
          />
        )}
      </div>
    </div>
  )
})
