// Play the capture back on the timeline: play, pause, speed 0.25x to 8x, and a scrubber. The jar,
// sessions and details then show the capture as it stood at the playhead.
import { memo, useEffect } from 'react'
import { t } from '../i18n'
import { useRoundtrip, useRoundtripPick } from '../store'
import { SPEEDS } from '../store/playback-slice'
import { timeRange } from '../store/selectors'
import { formatOffset } from './geometry'

const TICK_MS = 50

/** Memoised: it reads the store itself, so the timeline's re-render on each scrolled frame skips it. */
export const PlaybackBar = memo(function PlaybackBar(): React.JSX.Element | null {
  const lang = useRoundtrip((s) => s.lang)
  const range = useRoundtrip(timeRange)
  const { playhead, playing, speed, setPlayhead, play, pause, setSpeed, advance, setFollow } =
    useRoundtripPick(
      'playhead',
      'playing',
      'speed',
      'setPlayhead',
      'play',
      'pause',
      'setSpeed',
      'advance',
      'setFollow'
    )

  const end = range?.end
  useEffect(() => {
    if (!playing || end === undefined) return
    const timer = setInterval(() => advance(TICK_MS, end), TICK_MS)
    return () => clearInterval(timer)
  }, [playing, end, advance])

  if (!range) return null
  const at = playhead ?? range.end
  const start = (): void => {
    if (playhead === undefined || playhead >= range.end) setPlayhead(range.start)
    setFollow(false)
    play()
  }
  return (
    <div className="playback" role="group" aria-label={t(lang, 'playback.label')}>
      {playing ? (
        <button type="button" onClick={pause}>
          {t(lang, 'playback.pause')}
        </button>
      ) : (
        <button type="button" onClick={start}>
          {t(lang, 'playback.play')}
        </button>
      )}
      <select
        value={speed}
        aria-label={t(lang, 'playback.speed')}
        onChange={(e) => setSpeed(Number(e.target.value))}
      >
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s}×
          </option>
        ))}
      </select>
      <input
        type="range"
        min={range.start}
        max={range.end}
        step={1}
        value={at}
        aria-label={t(lang, 'playback.scrub')}
        onChange={(e) => {
          setFollow(false)
          setPlayhead(Number(e.target.value))
        }}
      />
      <span className="muted" data-testid="playhead">
        {formatOffset(at - range.start, 100)}
      </span>
      {playhead !== undefined && (
        <button type="button" onClick={() => (pause(), setPlayhead(undefined))}>
          {t(lang, 'playback.all')}
        </button>
      )}
    </div>
  )
})
