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
  it('keeps other ids in text order after comparing prefixes', () => {
    expect(['e2', 'Le1', 'e10'].sort(compareIds)).toEqual(
      ['Le1', 'e10', 'e2'].sort((a, b) => (a < b ? -1 : 1)).sort(compareIds)
    )
    expect(compareIds('x', 'y')).toBeLessThan(0)
  })
})
