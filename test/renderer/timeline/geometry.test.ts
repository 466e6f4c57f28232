import { describe, expect, it } from 'vitest'
import {
  axisTicks,
  clampPxPerMs,
  formatOffset,
  tickStep,
  ticks,
  toTime,
  toX
} from '../../../src/renderer/src/timeline/geometry'

describe('timeline geometry', () => {
  it('maps time to pixels and back', () => {
    const scale = { origin: 1000, pxPerMs: 0.5 }
    expect(toX(scale, 1200)).toBe(100)
    expect(toTime(scale, 100)).toBe(1200)
  })

  it('picks round tick steps about 100 px apart', () => {
    expect(tickStep(1)).toBe(100)
    expect(tickStep(0.5)).toBe(200)
    expect(tickStep(0.3)).toBe(500)
    expect(tickStep(0.001)).toBe(100_000)
    expect(ticks(150, 700, 200)).toEqual([200, 400, 600])
    expect(ticks(0, 1e12, 1, 5)).toHaveLength(5)
  })

  it('labels ticks as precisely as the step needs', () => {
    expect(formatOffset(0)).toBe('0')
    expect(formatOffset(250)).toBe('+250 ms')
    expect(formatOffset(1500, 500)).toBe('+1.5 s')
    expect(formatOffset(499_200, 200)).toBe('+8m 19.2s')
    expect(formatOffset(499_400, 200)).toBe('+8m 19.4s')
    expect(formatOffset(120_000, 10_000)).toBe('+2m 0s')
  })

  it('keeps the track narrow enough for a browser to lay out', () => {
    expect(clampPxPerMs(20, 3_600_000)).toBeCloseTo(8_000_000 / 3_600_000)
    expect(clampPxPerMs(0.5, 1000)).toBe(0.5)
  })

  it('draws axis ticks only over the track, never past its end', () => {
    const scale = { origin: 0, pxPerMs: 0.5 }
    // A 600 px track in an 848 px scroller (fitted): the view reaches past the end of the track.
    const fitted = axisTicks(scale, 600, 0, 848)
    expect(fitted).toEqual([0, 200, 400, 600, 800, 1000, 1200])
    expect(Math.max(...fitted) * scale.pxPerMs).toBeLessThanOrEqual(600)
    // Scrolled to the end of a long track: ticks a step either side of the view, none beyond the end.
    const end = axisTicks(scale, 100_000, 100_000 + 220 - 848, 848)
    expect(end[0]).toBe(198_200)
    expect(end.at(-1)).toBe(200_000)
    // Scrolled to the middle: a step beyond each visible edge.
    expect(axisTicks(scale, 100_000, 10_000, 848)).toEqual(
      Array.from({ length: 13 }, (_, i) => 19_400 + 200 * i)
    )
  })
})
