// Where the words on a lane go: each bar's `METHOD /path` and each marker's "closed by the client".
// A pure function of positions and texts, so it is tested without a browser: every item offers its
// texts longest first and takes the first that fits whole in the room it has; a text that fits
// nowhere is left out (the tooltip still has it). Nothing is ever cut mid-word and no two labels
// overlap.
import { urlParts } from '../../../shared/http'

export interface LabelItem {
  id: string
  /** The item's position on the track, px. */
  x: number
  /** Texts to choose from, longest first. An item with none still takes up its place. */
  texts: string[]
  /**
   * Where the label may go: `right` starts it at `x + offset` (a bar's label starts on the bar),
   * `left` ends it at `x - offset` (a marker at the end of the track). Tried in this order.
   */
  sides: ('right' | 'left')[]
}

export interface PlacedLabel {
  id: string
  text: string
  side: 'right' | 'left'
  /** The label's left edge and width on the track, px. */
  x: number
  width: number
}

export interface LabelLayoutOptions {
  /** The track's right edge: no label may pass it. */
  limit: number
  /** Space kept between a label and the next thing. */
  gap?: number
  /** Distance between the item's position and its label. */
  offset?: number
  /** The text's width in px (an upper bound is fine). */
  measure?: (text: string) => number
}

/** Label font: 11px. Upper bounds per character for the monospace Latin face and for wide (CJK) glyphs. */
export const NARROW_CHAR_PX = 7
export const WIDE_CHAR_PX = 12

/** East Asian wide characters: Hangul, CJK ideographs, kana, full-width forms. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u

/** An upper bound of a label's width in px, without a browser. */
export function estimateTextWidth(text: string): number {
  let px = 0
  for (const ch of text) px += WIDE.test(ch) ? WIDE_CHAR_PX : NARROW_CHAR_PX
  return px
}

/**
 * Places labels left to right. A label's room ends at the next item's position (so a bar's label never
 * runs over the next bar), at the track's end and after the last placed label (so none overlap).
 */
export function layoutLabels(items: readonly LabelItem[], opts: LabelLayoutOptions): PlacedLabel[] {
  const { limit, gap = 4, offset = 3, measure = estimateTextWidth } = opts
  const sorted = [...items].sort((a, b) => a.x - b.x)
  const placed: PlacedLabel[] = []
  let taken = -Infinity
  for (let i = 0; i < sorted.length; i++) {
    const item = sorted[i] as LabelItem
    const next = sorted[i + 1]?.x ?? Infinity
    const previous = sorted[i - 1]?.x ?? -Infinity
    const floor = Math.max(0, taken + gap, previous + gap)
    const ceiling = Math.min(limit, next - gap)
    const label = choose(item, floor, ceiling, offset, measure)
    if (!label) continue
    placed.push(label)
    taken = label.x + label.width
  }
  return placed
}

function choose(
  item: LabelItem,
  floor: number,
  ceiling: number,
  offset: number,
  measure: (text: string) => number
): PlacedLabel | undefined {
  for (const text of item.texts) {
    if (!text) continue
    const width = measure(text)
    for (const side of item.sides) {
      const x = side === 'right' ? item.x + offset : item.x - offset - width
      if (x >= floor && x + width <= ceiling) return { id: item.id, text, side, x, width }
    }
  }
  return undefined
}

/**
 * A bar's texts, longest first: `GET /theme?name=dark`, `/theme?name=dark`, `/theme`; a request that
 * reused its connection starts with its place on it (`#3 GET /account`, …, `#3`).
 */
export function barTexts(method: string, url: string, sequence = 1): string[] {
  const parts = urlParts(url)
  // A CONNECT target or a URL that is not http(s) is shown as it is.
  const web = parts.scheme === 'http' || parts.scheme === 'https'
  const path = web ? parts.path : url
  const pathname = web ? parts.pathname : url
  const texts = [`${method} ${path}`, path]
  if (pathname !== path) texts.push(pathname)
  if (sequence <= 1) return texts
  return [...texts.map((text) => `#${sequence} ${text}`), `#${sequence}`]
}

/** A failed exchange's or tunnel's texts: the whole reason (`kind: message`), then its kind alone. */
export function errorTexts(error: string): string[] {
  const kind = error.split(':')[0] ?? error
  return kind === error ? [error] : [error, kind]
}
