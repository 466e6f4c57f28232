// Time <-> pixels for the timeline, and axis ticks at round intervals.
export const LABEL_WIDTH = 220
export const ROW_HEIGHT = 28
/** HTTP/2 lanes stack streams in flight together: one sub-row of this height per stream at once. */
export const SUB_ROW_HEIGHT = 20
const SUB_ROW_TOP = 6

/** A row's height: an HTTP/2 lane grows with the streams it had in flight together. */
export function rowHeight(subRows: number | undefined): number {
  return subRows && subRows > 1
    ? Math.max(ROW_HEIGHT, subRows * SUB_ROW_HEIGHT + 2 * SUB_ROW_TOP - 4)
    : ROW_HEIGHT
}

/** The top of a bar on sub-row `row` (row 0: where every HTTP/1.1 bar sits). */
export const barTop = (row: number): number => SUB_ROW_TOP + row * SUB_ROW_HEIGHT
/** Browsers stop laying out elements wider than about 16 million pixels. */
export const MAX_TRACK_PX = 8_000_000
export const PAD_MS = 50
/** The smallest scale the live view fits to; a longer span scrolls at this scale instead. 850 px ≈ 8.5 s. */
export const READABLE_PX_PER_MS = 0.1
/** Space the fit leaves right of the track for a vertical scrollbar. */
export const FIT_MARGIN_PX = 20
/** Room after the newest thing drawn, so the newest bar has space for its `METHOD /path`. */
export const END_ROOM_PX = 120

/** Space before the first and after the last thing drawn: a little, in proportion to what is drawn. */
export function padFor(spanMs: number): number {
  return Math.min(PAD_MS, Math.max(1, spanMs * 0.04))
}

/**
 * The scale that shows `spanMs` (padding included) across a viewport `viewport` px wide, leaving the
 * label column, the end room and a scrollbar's width aside.
 */
export function fitScale(spanMs: number, viewport: number): number {
  return Math.max(50, viewport - LABEL_WIDTH - FIT_MARGIN_PX - END_ROOM_PX) / Math.max(1, spanMs)
}

/**
 * The live view's own scale: the fit while the span fits at a readable scale; past that the readable
 * scale, and "follow" scrolls.
 */
export function autoScale(spanMs: number, viewport: number): number {
  return Math.max(READABLE_PX_PER_MS, fitScale(spanMs, viewport))
}

export interface Scale {
  /** Epoch ms at x = 0 of the track. */
  origin: number
  pxPerMs: number
}

export const toX = (scale: Scale, at: number): number => (at - scale.origin) * scale.pxPerMs
export const toTime = (scale: Scale, x: number): number => scale.origin + x / scale.pxPerMs

/** The largest scale that keeps the track within what a browser can lay out. */
export function clampPxPerMs(pxPerMs: number, spanMs: number): number {
  return Math.min(pxPerMs, MAX_TRACK_PX / Math.max(spanMs, 1))
}

const STEPS = [1, 2, 5]

/** A tick step near `targetPx` pixels apart: 1, 2 or 5 times a power of ten milliseconds. */
export function tickStep(pxPerMs: number, targetPx = 100): number {
  const raw = targetPx / pxPerMs
  const pow = 10 ** Math.floor(Math.log10(raw))
  for (const s of STEPS) if (s * pow >= raw) return s * pow
  return 10 * pow
}

/** Tick offsets (ms from the origin) inside [fromMs, toMs]. */
export function ticks(fromMs: number, toMs: number, step: number, limit = 500): number[] {
  const out: number[] = []
  for (let v = Math.max(0, Math.ceil(fromMs / step) * step); v <= toMs && out.length < limit; v += step)
    out.push(v)
  return out
}

/**
 * The axis ticks (ms from the origin) for the visible part of a track `width` px wide scrolled to
 * `scrollLeft` in a viewport `viewport` px wide: one step beyond each visible edge, never past the end of
 * the track (a tick beyond it would widen the scroll area, and "follow" would chase it).
 */
export function axisTicks(scale: Scale, width: number, scrollLeft: number, viewport: number): number[] {
  const step = tickStep(scale.pxPerMs)
  const from = (scrollLeft - LABEL_WIDTH) / scale.pxPerMs
  const to = (scrollLeft + viewport) / scale.pxPerMs
  return ticks(from - step, Math.min(to + step, width / scale.pxPerMs), step)
}

/** An axis label: as precise as the tick step needs ("+250 ms", "+1.5 s", "+8m 19.2s"). */
export function formatOffset(ms: number, step = 1000): string {
  if (ms === 0) return '0'
  if (ms < 1000) return `+${Math.round(ms)} ms`
  const decimals = step >= 1000 ? 0 : step >= 100 ? 1 : step >= 10 ? 2 : 3
  if (ms < 60_000) return `+${(ms / 1000).toFixed(decimals)} s`
  const m = Math.floor(ms / 60_000)
  const s = (ms % 60_000) / 1000
  return `+${m}m ${s.toFixed(decimals)}s`
}

export function formatDuration(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`
  if (ms < 1000) return `${Math.round(ms)} ms`
  return `${(ms / 1000).toFixed(2)} s`
}
