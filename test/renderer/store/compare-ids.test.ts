// Exchange ids sort by prefix and number, so a capture loaded with `serve --load` (ids `Le1`, `Le2`, …)
// keeps its order past ten: Le2 before Le10.
import { describe, expect, it } from 'vitest'
import { compareIds } from '../../../src/renderer/src/store/capture-slice'

describe('compareIds', () => {
  it('orders numbers within a prefix numerically', () => {
    expect(['Le1', 'Le10', 'Le2', 'Le11', 'Le3'].sort(compareIds)).toEqual([
      'Le1',
      'Le2',
      'Le3',
      'Le10',
      'Le11'
    ])
    expect(['e10', 'e9', 'e100', 'e1'].sort(compareIds)).toEqual(['e1', 'e9', 'e10', 'e100'])
  })
  it('orders different prefixes by text, then numbers within each', () => {
    expect(['e2', 'Le1', 'e10'].sort(compareIds)).toEqual(['Le1', 'e2', 'e10'])
    expect(compareIds('x', 'y')).toBeLessThan(0)
  })
  it('orders ids whose prefix holds a digit, or that have no number, by text', () => {
    expect(['a1b2', 'a1b10'].sort(compareIds)).toEqual(['a1b10', 'a1b2'])
    expect(['e', 'e1', 'e10', 'x'].sort(compareIds)).toEqual(['e', 'e1', 'e10', 'x'])
    expect(['e2', 'ex10', 'e10'].sort(compareIds)).toEqual(['e2', 'e10', 'ex10'])
    expect(compareIds('e7', 'e7')).toBe(0)
  })
})
