// The time axis along the top of the timeline, with ticks only where the view is.
import { formatOffset, LABEL_WIDTH, tickStep, ticks, toTime, type Scale } from './geometry'

interface TimeAxisProps {
  scale: Scale
  width: number
  scrollLeft: number
  viewport: number
}

export function TimeAxis({ scale, width, scrollLeft, viewport }: TimeAxisProps): React.JSX.Element {
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
}
