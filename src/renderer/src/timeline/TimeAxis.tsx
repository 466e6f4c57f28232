// The time axis along the top of the timeline, with ticks only where the view is. Memoised: it
// changes with horizontal scrolling and zoom, not with vertical scrolling.
import { memo } from 'react'
import { formatOffset, LABEL_WIDTH, tickStep, ticks, toTime, type Scale } from './geometry'

interface TimeAxisProps {
  scale: Scale
  width: number
  scrollLeft: number
  viewport: number
}

export const TimeAxis = memo(function TimeAxis({
  scale,
  width,
  scrollLeft,
  viewport
}: TimeAxisProps): React.JSX.Element {
  const step = tickStep(scale.pxPerMs)
  const from = toTime(scale, scrollLeft - LABEL_WIDTH) - scale.origin
  const to = toTime(scale, scrollLeft + viewport) - scale.origin
  return (
    <div className="axis" style={{ width: width + LABEL_WIDTH }}>
      <div className="axis-corner" />
      <div className="axis-track">
        {ticks(from - step, Math.min(to + step, width / scale.pxPerMs), step).map((ms) => (
          <span key={ms} className="tick" style={{ left: ms * scale.pxPerMs }}>
            {formatOffset(ms, step)}
          </span>
        ))}
      </div>
    </div>
  )
})
