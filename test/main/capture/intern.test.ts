import { describe, expect, it } from 'vitest'
import { Interner } from '../../../src/main/capture/intern'
import type { HeaderPair } from '../../../src/shared/model'

describe('Interner', () => {
  it('shares equal pairs, keeps order and duplicates, and leaves long values unshared', () => {
    const i = new Interner({ maxLength: 10 })
    const long = 'v'.repeat(11)
    const one: HeaderPair[] = [
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'a=1'],
      ['X', long]
    ]
    const two: HeaderPair[] = [['Set-Cookie', 'a=1']]
    i.headers(one)
    i.headers(two)
    expect(one).toEqual([
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'a=1'],
      ['X', long]
    ])
    expect(one[0]).toBe(one[1])
    expect(two[0]).toBe(one[0])
    expect(Object.isFrozen(one[2])).toBe(false)
  })

  it('starts afresh when full instead of growing', () => {
    const i = new Interner({ maxEntries: 5 })
    for (let n = 0; n < 100; n++) {
      i.intern(`s${n}`)
      i.headers([['Date', `d${n}`]])
    }
    expect(i.size).toBeLessThanOrEqual(10)
    expect(i.intern('s99')).toBe('s99')
  })
})
