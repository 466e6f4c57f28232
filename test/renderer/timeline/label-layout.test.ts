import { describe, expect, it } from 'vitest'
import {
  barTexts,
  estimateTextWidth,
  layoutLabels,
  NARROW_CHAR_PX,
  WIDE_CHAR_PX,
  type LabelItem,
  type PlacedLabel
} from '../../../src/renderer/src/timeline/label-layout'

const bar = (id: string, x: number, texts = barTexts('GET', `http://roundtrip.test/${id}`)): LabelItem => ({
  id,
  x,
  texts,
  sides: ['right']
})

function overlaps(a: PlacedLabel, b: PlacedLabel): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width
}

describe('bar texts', () => {
  it('offers METHOD /path, then the path, then the path without its query', () => {
    expect(barTexts('GET', 'http://roundtrip.test/theme?name=dark')).toEqual([
      'GET /theme?name=dark',
      '/theme?name=dark',
      '/theme'
    ])
    expect(barTexts('POST', 'http://roundtrip.test/login')).toEqual(['POST /login', '/login'])
  })

  it('starts a reused connection’s bar with its place on it, down to the number alone', () => {
    expect(barTexts('GET', 'http://roundtrip.test/account', 3)).toEqual([
      '#3 GET /account',
      '#3 /account',
      '#3'
    ])
  })

  it('keeps a URL it cannot read as it is', () => {
    expect(barTexts('CONNECT', 'example.test:443')).toEqual(['CONNECT example.test:443', 'example.test:443'])
  })
})

describe('text width estimate', () => {
  it('counts Hangul as wide and Latin as narrow', () => {
    expect(estimateTextWidth('GET /cart')).toBe(9 * NARROW_CHAR_PX)
    expect(estimateTextWidth('클라이언트')).toBe(5 * WIDE_CHAR_PX)
  })
})

describe('label layout', () => {
  it('puts the full line on a bar with room, the short form with less, nothing with none', () => {
    const placed = layoutLabels([bar('cart', 0), bar('account', 200), bar('x', 280), bar('y', 285)], {
      limit: 1000
    })
    const text = new Map(placed.map((p) => [p.id, p.text]))
    expect(text.get('cart')).toBe('GET /cart')
    expect(text.get('account')).toBe('/account')
    expect(text.has('x')).toBe(false)
    expect(text.get('y')).toBe('GET /y')
  })

  it('never passes the end of the track, and moves a marker’s words to its left when the right has no room', () => {
    const [close] = layoutLabels(
      [{ id: 'close', x: 495, texts: ['closed by the client', 'client'], sides: ['right', 'left'] }],
      { limit: 500 }
    )
    expect(close).toMatchObject({ text: 'closed by the client', side: 'left' })
    expect(close!.x + close!.width).toBeLessThanOrEqual(500)
    expect(close!.x).toBeGreaterThanOrEqual(0)
  })

  it('falls back to the short form, then to nothing, when neither side has room', () => {
    const items: LabelItem[] = [
      { id: 'open', x: 0, texts: [], sides: [] },
      { id: 'close', x: 60, texts: ['closed by the client', 'client'], sides: ['right', 'left'] }
    ]
    expect(layoutLabels(items, { limit: 70 }).map((l) => l.text)).toEqual(['client'])
    expect(layoutLabels(items, { limit: 62 }).map((l) => l.text)).toEqual(['client'])
    expect(layoutLabels([items[0]!, { ...items[1]!, x: 20 }], { limit: 22 })).toEqual([])
  })

  it('places only whole texts, within the track, and no two labels overlap (seeded random lanes)', () => {
    let seed = 7
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    for (let lane = 0; lane < 200; lane++) {
      const limit = 200 + Math.floor(random() * 800)
      const items: LabelItem[] = Array.from({ length: 1 + Math.floor(random() * 12) }, (_, i) => ({
        id: `i${i}`,
        x: Math.floor(random() * limit),
        texts: random() < 0.5 ? ['closed by the client', 'client'] : ['GET /account', '/account'],
        sides: random() < 0.5 ? ['right'] : ['right', 'left']
      }))
      const placed = layoutLabels(items, { limit })
      for (const p of placed) {
        const item = items.find((i) => i.id === p.id)!
        expect(item.texts).toContain(p.text)
        expect(p.x).toBeGreaterThanOrEqual(0)
        expect(p.x + p.width).toBeLessThanOrEqual(limit)
        // A label never runs over the next item on the lane.
        for (const other of items) if (other.x > item.x) expect(p.x + p.width).toBeLessThan(other.x)
      }
      for (let i = 0; i < placed.length; i++)
        for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i]!, placed[j]!)).toBe(false)
    }
  })
})
