// The replay's rows are built in one literal (the common row) or with their optional fields in their places:
// either way the fields come in the order `inspect --json` writes them, and each list holds exactly its items.
import { describe, expect, it } from 'vitest'
import { replayCookies } from '../../../src/shared/analysis/replay'
import { exchange } from '../../helpers/capture-factory'

const ORDER = [
  'index',
  'expectedCookie',
  'sentCookie',
  'differences',
  'orderDiffers',
  'method',
  'url',
  'startedDateTime',
  'siteContext',
  'sent',
  'expected',
  'adopted',
  'expired',
  'setCookies',
  'jarAfter'
]

describe('replay rows', () => {
  it('write their fields in order, the optional ones in their places', () => {
    const plain = exchange({
      url: 'https://a.test/',
      requestHeaders: [['Cookie', 'x=1']],
      responseHeaders: [
        ['Set-Cookie', 'y=2; Path=/'],
        ['Set-Cookie', 'z=3; Path=/; SameSite=Lax']
      ]
    })
    const placed = exchange({
      url: 'https://a.test/p',
      startedAt: plain.startedAt + 1000,
      pageRef: 'page_1',
      requestHeaders: [
        ['cookie', 'x=1'],
        ['cookie', 'y=2']
      ]
    })
    const [first, second] = replayCookies(
      [plain, placed],
      [{ id: 'page_1', title: 'https://a.test/' }]
    ).requests
    expect(Object.keys(first ?? {})).toEqual(ORDER)
    expect(Object.keys(second ?? {})).toEqual([
      ...ORDER.slice(0, 9),
      'topLevelSite',
      ...ORDER.slice(9, 13),
      'cookieSplit',
      ...ORDER.slice(13)
    ])
    expect(second).toMatchObject({
      topLevelSite: 'a.test',
      cookieSplit: { code: 'request.cookieSplit', fields: 2 }
    })
    expect(first?.setCookies.map((r) => [r.accepted, r.cookie?.name, r.cookie?.sameSite])).toEqual([
      [true, 'y', undefined],
      [true, 'z', 'lax']
    ])
    expect(Object.keys(first?.setCookies[1]?.cookie ?? {}).at(-1)).toBe('sameSite')
    expect(first?.jarAfter.map((c) => c.name)).toEqual(['x', 'y', 'z'])
    expect(second?.expected.map((c) => `${c.name}=${c.value}`)).toEqual(['x=1', 'y=2', 'z=3'])
    expect(second?.setCookies).toEqual([])
  })
})
