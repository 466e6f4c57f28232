// One row of the timeline: a connection's lane, a CONNECT tunnel's lane, or (in rows view) one
// exchange, drawn in two parts: its label (in the label column, which stays in place as one sticky
// block) and its track with bars and open/close markers.
import { memo } from 'react'
import type { CapturedExchange, CloseReason } from '../../../shared/model'
import type { TunnelMode } from '../../../shared/tls'
import { t, type Lang } from '../i18n'
import { reuseLabel, timelineBar, visibleBars, type Lane } from '../store/selectors'
import { urlParts } from '../../../shared/http'
import { Bar } from './Bar'
import { toX, type Scale } from './geometry'
import { barTexts, errorTexts, layoutLabels, type LabelItem } from './label-layout'

export type RowItem = { kind: 'lane'; lane: Lane } | { kind: 'exchange'; exchange: CapturedExchange }

interface LabelProps {
  item: RowItem
  selectedId: string | undefined
  lang: Lang
  onSelect: (id: string) => void
}

interface RowProps extends LabelProps {
  scale: Scale
  /** The visible time window; bars outside it are not drawn. */
  from: number
  to: number
  now: number
  /** The track's width: no label may pass it. */
  trackWidth: number
}

function closeText(lang: Lang, by: CloseReason | undefined): string {
  return by ? t(lang, 'timeline.closedBy', { who: t(lang, `closedBy.${by}`) }) : t(lang, 'timeline.open')
}

function Marker(props: {
  x: number
  kind: 'open' | 'close'
  title: string
  by?: CloseReason
}): React.JSX.Element {
  return (
    <span
      className={`marker marker-${props.kind}${props.by ? ` by-${props.by}` : ''}`}
      style={{ left: props.x }}
      title={props.title}
    />
  )
}

/** A close marker's texts, longest first: "closed by the client", "client". */
function closeTexts(lang: Lang, by: CloseReason | undefined): string[] {
  return by ? [closeText(lang, by), t(lang, `closedShort.${by}`)] : []
}

/** The marker words of a lane, laid out so they never overlap or pass the end of the track. */
function MarkerLabels(props: { items: LabelItem[]; limit: number }): React.JSX.Element {
  return (
    <>
      {layoutLabels(props.items, { limit: props.limit }).map((l) => (
        // The box is the width reserved for the text; words left of a marker end at the marker.
        <span key={l.id} className={`marker-label side-${l.side}`} style={{ left: l.x, width: l.width }}>
          {l.text}
        </span>
      ))}
    </>
  )
}

export const RowLabel = memo(function RowLabel(props: LabelProps): React.JSX.Element {
  const { item, selectedId, lang, onSelect } = props
  if (item.kind === 'exchange') {
    const x = item.exchange
    const { host, path } = urlParts(x.url)
    const cls = `row-label${selectedId === x.id ? ' selected' : ''}${x.state === 'error' ? ' error' : ''}`
    return (
      <div
        className={cls}
        onClick={() => onSelect(x.id)}
        title={`${x.method} ${x.url}\n${reuseLabel(x, lang)}`}
      >
        <span className="status">{x.status ?? (x.state === 'error' ? '✕' : '…')}</span>
        <span className="method">{x.method}</span>
        <span className="path">
          {host}
          {path}
        </span>
        <span className="conn">
          {x.connectionSource === 'none'
            ? '—'
            : x.sequence > 1
              ? `${x.clientConnectionId} #${x.sequence}`
              : x.clientConnectionId}
        </span>
      </div>
    )
  }
  const lane = item.lane
  if (lane.kind === 'tunnel') {
    return (
      <div
        className={`row-label${lane.error ? ' error' : ''} tunnel-${lane.mode ?? 'tunnel'}`}
        title={tunnelTitle(lane, lang)}
      >
        <span className="lane-kind">{TUNNEL_GLYPH[lane.mode ?? 'tunnel']}</span> {lane.host}:{lane.port}
        <span className="conn">{lane.clientConnectionId}</span>
      </div>
    )
  }
  return (
    <div
      className={`row-label${lane.error ? ' error' : ''}`}
      title={`${t(lang, 'timeline.connection', { id: lane.id })} ${lane.remote}`}
    >
      <span className="lane-id">{lane.id}</span>
      {lane.streams && (
        <span className="lane-proto" title={t(lang, 'h2.badgeTitle')}>
          {t(lang, 'h2.badge')}
        </span>
      )}
      <span className="lane-count">×{lane.exchanges.length}</span>
      <span className="lane-state">{closeText(lang, lane.closedBy)}</span>
    </div>
  )
})

/** Intercepted and passed-through tunnels look different at a glance. */
const TUNNEL_GLYPH: Record<TunnelMode, string> = {
  intercepted: '🔓',
  http: '⇢',
  passthrough: '⇉',
  tunnel: '⇅'
}

function tunnelTitle(lane: Extract<Lane, { kind: 'tunnel' }>, lang: Lang): string {
  const mode = t(lang, `tunnel.mode.${lane.mode ?? 'tunnel'}`)
  return `${t(lang, 'timeline.tunnel', { id: lane.id, host: `${lane.host}:${lane.port}` })} · ${mode} · ↑${lane.bytesUp} B ↓${lane.bytesDown} B`
}

export const RowTrack = memo(function RowTrack(props: RowProps): React.JSX.Element {
  const { item, scale, from, to, now, selectedId, lang, onSelect, trackWidth } = props
  if (item.kind === 'exchange') {
    const x = item.exchange
    const bar = timelineBar(x, now)
    const texts = bar.error ? errorTexts(bar.error) : barTexts(x.method, x.url)
    const [label] = layoutLabels([{ id: x.id, x: toX(scale, bar.start), texts, sides: ['right'] }], {
      limit: trackWidth
    })

    return (
      <div className={`row${selectedId === x.id ? ' selected' : ''}${x.state === 'error' ? ' error' : ''}`}>
        <Bar
          bar={bar}
          scale={scale}
          selected={selectedId === x.id}
          lang={lang}
          reuse={reuseLabel(x, lang)}
          text={label?.text}
          onSelect={onSelect}
        />
      </div>
    )
  }
  const lane = item.lane
  if (lane.kind === 'tunnel') {
    const end = lane.closedAt ?? now
    const left = toX(scale, lane.openedAt)
    return (
      <div className={`row lane tunnel mode-${lane.mode ?? 'tunnel'}${lane.error ? ' error' : ''}`}>
        <span
          className="tunnel-bar"
          style={{ left, width: Math.max(3, toX(scale, end) - left) }}
          title={[tunnelTitle(lane, lang), lane.error].filter(Boolean).join('\n')}
        />
        {lane.error &&
          layoutLabels([{ id: 'reason', x: left, texts: errorTexts(lane.error), sides: ['right'] }], {
            limit: trackWidth
          }).map((l) => (
            <span key={l.id} className="bar-label bar-reason" style={{ left: l.x, top: 4 }}>
              {l.text}
            </span>
          ))}
        {lane.closedAt !== undefined && (
          <>
            <Marker
              x={toX(scale, lane.closedAt)}
              kind="close"
              by={lane.closedBy}
              title={closeText(lang, lane.closedBy)}
            />
            <MarkerLabels
              limit={trackWidth}
              items={[
                { id: 'open', x: left, texts: [], sides: [] },
                {
                  id: 'close',
                  x: toX(scale, lane.closedAt),
                  texts: closeTexts(lang, lane.closedBy),
                  sides: ['right', 'left']
                }
              ]}
            />
          </>
        )}
      </div>
    )
  }
  const visible = visibleBars(lane, from, to, now)
  const opened = toX(scale, lane.openedAt)
  const closed = lane.closedAt === undefined ? undefined : toX(scale, lane.closedAt)
  // The first bar past the view still bounds the room of the last visible bar's words.
  const beyond = lane.exchanges.find((x) => x.startedAt > to)
  const rowOf = (id: string): number => lane.streams?.rows.get(id) ?? 0
  const barText = new Map<string, string>()
  // Words on bars are placed per sub-row: stacked HTTP/2 streams do not crowd each other's room.
  for (let row = 0; row < (lane.streams?.count ?? 1); row++) {
    const barItems: LabelItem[] = visible
      .filter((bar) => rowOf(bar.id) === row)
      .map((bar) => ({
        id: bar.id,
        x: toX(scale, bar.start),
        texts: bar.error ? errorTexts(bar.error) : barTexts(bar.method, bar.url, bar.sequence),
        sides: ['right']
      }))
    if (beyond && !lane.streams)
      barItems.push({ id: '', x: toX(scale, beyond.startedAt), texts: [], sides: [] })
    for (const l of layoutLabels(barItems, { limit: trackWidth })) barText.set(l.id, l.text)
  }
  return (
    <div className={`row lane${lane.error ? ' error' : ''}`}>
      <span
        className="lane-line"
        style={{ left: opened, width: Math.max(0, (closed ?? toX(scale, now)) - opened) }}
      />
      <Marker x={opened} kind="open" title={t(lang, 'timeline.connection', { id: lane.id })} />
      {visible.map((bar) => (
        <Bar
          key={bar.id}
          bar={bar}
          scale={scale}
          selected={selectedId === bar.id}
          lang={lang}
          reuse={reuseLabel(
            {
              sequence: bar.sequence,
              clientConnectionId: lane.id,
              connectionSource: lane.exchanges[0]?.connectionSource,
              streamId: bar.streamId
            },
            lang
          )}
          text={barText.get(bar.id)}
          row={rowOf(bar.id)}
          onSelect={onSelect}
        />
      ))}
      {closed !== undefined && (
        <>
          <Marker x={closed} kind="close" by={lane.closedBy} title={closeText(lang, lane.closedBy)} />
          <MarkerLabels
            limit={trackWidth}
            items={[
              { id: 'open', x: opened, texts: [], sides: [] },
              { id: 'close', x: closed, texts: closeTexts(lang, lane.closedBy), sides: ['right', 'left'] }
            ]}
          />
        </>
      )}
    </div>
  )
})
