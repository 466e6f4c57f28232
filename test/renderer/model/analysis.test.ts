import { describe, expect, it } from 'vitest'
import { ANALYSIS_WINDOW, analyseUpTo } from '../../../src/renderer/src/model/analysis'
import { nthExchange, loginStory, withHeaders } from '../../helpers/capture-factory'

describe('cookie analysis of the live capture', () => {
  it('gives the selected request its expected and sent cookies and the jar after it', () => {
    const { exchanges, sessionEvents, connections } = loginStory()
    const result = analyseUpTo(exchanges, new Map(connections.map((c) => [c.id, c])), sessionEvents, 'e4')
    expect(result?.ok).toBe(true)
    if (!result?.ok) return
    expect(result.windowed).toBe(false)
    expect(result.request.sentCookie).toBe('sid=user222222222222')
    expect(result.request.setCookies.map((r) => r.cleared)).toEqual([true])
    expect(result.request.jarAfter.map((c) => c.name)).not.toContain('sid')
  })

  it('replays only a window of exchanges before a late one, and says so', () => {
    const ordered = Array.from({ length: ANALYSIS_WINDOW + 5 }, (_, i) =>
      nthExchange(i + 1, withHeaders([], i === 0 ? [['Set-Cookie', 'early=1; Path=/']] : []))
    )
    const last = ordered.at(-1)!
    last.requestHeaders.push(['Cookie', 'early=1'])
    const result = analyseUpTo(ordered, new Map(), [], last.id)
    expect(result).toMatchObject({ ok: true, windowed: true })
    if (result?.ok) expect(result.request.jarAfter.map((c) => `${c.name}=${c.value}`)).toContain('early=1')
    expect(analyseUpTo(ordered, new Map(), [], 'e999999')).toBeUndefined()
  })
})
