// One exchange on the track: its phases as segments, red when it failed, with the words placed on it
// (METHOD /path, or the reason it failed) when there is room for them.
import { memo } from 'react'
import { t, type Lang } from '../i18n'
import type { TimelineBar } from '../store/selectors'
import { barTop, formatDuration, toX, type Scale } from './geometry'

interface BarProps {
  bar: TimelineBar
  scale: Scale
  selected: boolean
  lang: Lang
  reuse: string
  /** The words placed on the bar (see label-layout.ts), if they fit. */
  text?: string
  /** HTTP/2: the sub-row of a stream in flight beside others (0 or absent: the lane's own row). */
  row?: number
  onSelect: (id: string) => void
}

export const Bar = memo(function Bar({
  bar,
  scale,
  selected,
  lang,
  reuse,
  text,
  row,
  onSelect
}: BarProps): React.JSX.Element {
  const left = toX(scale, bar.start)
  const width = Math.max(3, toX(scale, bar.end) - left)
  const phases = bar.phases
    .map((p) => `${t(lang, `phase.${p.kind}`)} ${formatDuration(p.end - p.start)}`)
    .join(', ')
  const retried = bar.retried ? t(lang, 'retry.bar') : undefined
  const title = [bar.label, reuse, retried, phases, bar.error].filter(Boolean).join('\n')
  const cls = [
    'bar',
    `state-${bar.state}`,
    bar.sequence > 1 ? 'reused' : 'first',
    bar.retried ? 'retried' : '',
    selected ? 'selected' : ''
  ]
  return (
    <button
      type="button"
      className={cls.join(' ')}
      style={row ? { left, width, top: barTop(row) } : { left, width }}
      title={title}
      data-exchange-id={bar.id}
      onClick={(e) => {
        e.stopPropagation()
        onSelect(bar.id)
      }}
    >
      {bar.phases.map((p) => (
        <span
          key={p.kind}
          className={`phase phase-${p.kind}`}
          style={{ left: toX(scale, p.start) - left, width: Math.max(1, (p.end - p.start) * scale.pxPerMs) }}
        />
      ))}
      {bar.retried && (
        <span className="retry-mark" aria-label={t(lang, 'retry.mark')}>
          ↻
        </span>
      )}
      {text ? (
        <span className={bar.error ? 'bar-label bar-reason' : 'bar-label'}>{text}</span>
      ) : (
        bar.sequence > 1 && width > 18 && <span className="seq">#{bar.sequence}</span>
      )}
    </button>
  )
})
