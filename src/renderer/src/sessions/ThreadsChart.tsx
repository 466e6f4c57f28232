// Each session ID's round trip as one coloured thread across the capture's time: issued, sent
// back, rotated, cleared. Points select their exchange; a thread selects its session.
import { t } from '../i18n'
import { short, type SessionThread } from '../model/threads'
import { useRoundtripPick } from '../store'
import type { TimeRange } from '../store/selectors'
import { formatOffset } from '../timeline/geometry'

const ROW = 34
const LEFT = 150
const WIDTH = 900

interface ThreadsChartProps {
  threads: SessionThread[]
  range: TimeRange
  /** The session drawn as chosen (the one picked, or else the latest). */
  selectedSession: string | undefined
}

export function ThreadsChart(props: ThreadsChartProps): React.JSX.Element {
  const { threads, range } = props
  const { lang, selectedExchangeId, selectSession, selectExchange } = useRoundtripPick(
    'lang',
    'selectedExchangeId',
    'selectSession',
    'selectExchange'
  )
  const span = Math.max(1, range.end - range.start)
  const x = (at: number): number => LEFT + ((at - range.start) / span) * (WIDTH - LEFT - 20)
  const height = threads.length * ROW + 24
  return (
    <svg className="threads" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" data-testid="threads">
      <text x={LEFT} y={14} className="axis-label">
        0
      </text>
      <text x={WIDTH - 20} y={14} className="axis-label" textAnchor="end">
        {formatOffset(span)}
      </text>
      {threads.map((th, i) => {
        const y = 24 + i * ROW + ROW / 2
        const colour = `hsl(${th.hue} 70% 50%)`
        const selected = props.selectedSession === th.id
        return (
          <g
            key={th.id}
            className={`thread${selected ? ' selected' : ''}`}
            data-session-id={th.id}
            onClick={() => selectSession(th.id)}
          >
            <text x={4} y={y + 4} className="thread-label">
              {th.cookieName ? `${th.cookieName}=` : ''}
              {short(th.id)}
              {th.user ? ` (${th.user})` : ''}
            </text>
            <line
              x1={x(th.start)}
              x2={x(th.end)}
              y1={y}
              y2={y}
              stroke={colour}
              strokeWidth={selected ? 6 : 4}
            />
            {th.points.map((p, j) => (
              <circle
                key={j}
                cx={x(p.at)}
                cy={y}
                r={p.exchangeId && p.exchangeId === selectedExchangeId ? 8 : 6}
                className={`point point-${p.kind}`}
                fill={colour}
                onClick={(e) => {
                  e.stopPropagation()
                  selectSession(th.id)
                  if (p.exchangeId) selectExchange(p.exchangeId)
                }}
              >
                <title>
                  {t(lang, `point.${p.kind}`)}
                  {p.exchangeId ? ` · ${p.exchangeId}` : ''}
                </title>
              </circle>
            ))}
          </g>
        )
      })}
    </svg>
  )
}
