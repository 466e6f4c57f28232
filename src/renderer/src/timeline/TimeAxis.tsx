// The time axis along the top of the timeline, with ticks only where the view is. Memoised: it
// changes with horizontal scrolling and zoom, not with vertical scrolling.
import { memo } from 'react'
import { axisTicks, formatOffset, LABEL_WIDTH, tickStep, type Scale } from './geometry'

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
  return (
    <div className="axis" style={{ width: width + LABEL_WIDTH }}>
      <div className="axis-corner" />
      <div className="axis-track">
        {axisTicks(scale, width, scrollLeft, viewport).map((ms) => (
          <span key={ms} className="tick" style={{ left: ms * scale.pxPerMs }}>
            {formatOffset(ms, step)}
          </span>
        ))}
      </div>
    </div>
  )
})
