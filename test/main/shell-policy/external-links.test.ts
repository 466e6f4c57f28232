// What the window may hand to the system browser: the sample site only (its public name and the
// engine's direct address), and from the page only right after a real click or key press.
import { describe, expect, it } from 'vitest'
import {
  GESTURE_WINDOW_MS,
  createGestureClock,
  decideExternal,
  externalAllowlist
} from '../../../src/main/shell-policy/external-links'

const allow = externalAllowlist('http://127.0.0.1:3000')

describe('externalAllowlist', () => {
  it("is the sample site's name, over http and https, and the engine's direct sample address", () => {
    expect(allow).toEqual(['http://roundtrip.test', 'https://roundtrip.test', 'http://127.0.0.1:3000'])
    expect(externalAllowlist(undefined)).toEqual(['http://roundtrip.test', 'https://roundtrip.test'])
    expect(externalAllowlist('file:///etc')).toEqual(['http://roundtrip.test', 'https://roundtrip.test'])
  })
})

describe('decideExternal', () => {
  it('opens sample-site links a person clicked', () => {
    expect(decideExternal('http://roundtrip.test/', allow, true)).toEqual({
      open: true,
      url: 'http://roundtrip.test/'
    })
    expect(decideExternal('https://ROUNDTRIP.test/login?a=1', allow, true)).toEqual({
      open: true,
      url: 'https://roundtrip.test/login?a=1'
    })
    expect(decideExternal('http://127.0.0.1:3000/account', allow, true).open).toBe(true)
  })

  it('refuses, with a sentence, anything else or anything no one clicked', () => {
    const cases: [string, boolean, RegExp][] = [
      ['http://roundtrip.test/', false, /only when you click it/],
      ['https://evil.example/', true, /is not the sample site/],
      ['http://roundtrip.test.evil.example/', true, /is not the sample site/],
      ['http://roundtrip.test:8080/', true, /is not the sample site/],
      ['http://127.0.0.1:3001/', true, /is not the sample site/],
      ['http://user:pw@roundtrip.test/', true, /user name or password/],
      ['file:///home/u/.ssh/id_rsa', true, /file: addresses never open/],
      ['javascript:alert(1)', true, /javascript: addresses never open/],
      ['smb://host/share', true, /smb: addresses never open/],
      ['not a url', true, /is not an address/]
    ]
    for (const [url, gesture, reason] of cases) {
      const d = decideExternal(url, allow, gesture)
      expect(d.open, url).toBe(false)
      expect('reason' in d ? d.reason : '', url).toMatch(reason)
    }
  })
})

describe('createGestureClock', () => {
  it('counts clicks and key presses for a short while, never moves or wheels', () => {
    const clock = createGestureClock()
    expect(clock.recent(1000)).toBe(false)
    clock.note('mouseMove', 1000)
    clock.note('mouseWheel', 1000)
    expect(clock.recent(1000)).toBe(false)
    clock.note('mouseUp', 1000)
    expect(clock.recent(1000)).toBe(true)
    expect(clock.recent(1000 + GESTURE_WINDOW_MS)).toBe(true)
    expect(clock.recent(1001 + GESTURE_WINDOW_MS)).toBe(false)
    clock.note('keyDown', 50_000)
    expect(clock.recent(50_010)).toBe(true)
    // A clock that went backwards is not a gesture.
    expect(clock.recent(49_000)).toBe(false)
  })
})
