// Lanes or rows, zoom, follow, and how many exchanges are shown.
import { memo } from 'react'
import { CaptureLoading } from '../components/CaptureLoading'
import { t } from '../i18n'
import { useRoundtripPick } from '../store'
import { Explain } from '../components/Explain'

/** Memoised with steady callbacks: the timeline's re-render on each scrolled frame skips it. */
export const TimelineToolbar = memo(function TimelineToolbar(props: {
  shown: number
  total: number
  onFit: () => void
  onZoom: (factor: number) => void
}): React.JSX.Element {
  const { lang, viewMode, setViewMode, follow, setFollow, evicted } = useRoundtripPick(
    'lang',
    'viewMode',
    'setViewMode',
    'follow',
    'setFollow',
    'evicted'
  )
  return (
    <div className="tl-toolbar">
      <div className="segmented" role="group">
        <button type="button" aria-pressed={viewMode === 'lanes'} onClick={() => setViewMode('lanes')}>
          {t(lang, 'timeline.lanes')}
        </button>
        <button type="button" aria-pressed={viewMode === 'rows'} onClick={() => setViewMode('rows')}>
          {t(lang, 'timeline.rows')}
        </button>
      </div>
      <button type="button" onClick={() => props.onZoom(0.5)} aria-label={t(lang, 'timeline.zoomOut')}>
        −
      </button>
      <button type="button" onClick={() => props.onZoom(2)} aria-label={t(lang, 'timeline.zoomIn')}>
        +
      </button>
      <button type="button" onClick={props.onFit}>
        {t(lang, 'timeline.fit')}
      </button>
      <label className="follow">
        <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
        {t(lang, 'timeline.follow')}
      </label>
      <span className="count" data-testid="exchange-count">
        {t(lang, 'timeline.count', { shown: props.shown, total: props.total })}
      </span>
      <CaptureLoading />
      {evicted > 0 && (
        <span className="count evicted" role="status" data-testid="evicted-count">
          {t(lang, 'timeline.evicted', { count: evicted })}
        </span>
      )}
      <span className="legend">
        <span className="phase phase-connect" /> {t(lang, 'phase.connect')}
        <span className="phase phase-waiting" /> {t(lang, 'phase.waiting')}
        <span className="phase phase-receiving" /> {t(lang, 'phase.receiving')}
      </span>
      <Explain topic="connectionless" />
    </div>
  )
})
