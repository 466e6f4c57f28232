// The pieces the word tables share: parameter readers, and durations and dates in each language (both in
// UTC, so the same capture reads the same in every time zone).

export type Lang = 'en' | 'ko'

export type Param =
  | string
  | number
  | boolean
  | null
  | readonly number[]
  | readonly string[]
  | { code: string; [param: string]: unknown }

export interface Explanation {
  code: string
  [param: string]: Param
}

/** A sentence: as it stands when it has no parameters, else made from the explanation's parameters. */
export type Words = string | ((p: Explanation, sub: (e: Explanation) => string) => string)

export const str = (v: Param | undefined): string => (v === undefined || v === null ? '' : String(v))
export const num = (v: Param | undefined): number => (typeof v === 'number' ? v : Number(v))
export const nums = (v: Param | undefined): number[] => (Array.isArray(v) ? (v as number[]) : [])
export const has = (v: Param | undefined): boolean => v !== undefined && v !== null && v !== false
export const sub = (v: Param | undefined): Explanation =>
  (typeof v === 'object' && v !== null && !Array.isArray(v) ? v : { code: '' }) as Explanation

/** Long captured values shortened for a sentence. */
export const short = (v: Param | undefined): string => {
  const s = str(v)
  return s.length > 48 ? `${s.slice(0, 44)}…` : s
}

/** The first entries of a list, then an ellipsis. */
export const list = (v: Param | undefined, max = 8): string => {
  const xs = nums(v)
  return xs.slice(0, max).join(', ') + (xs.length > max ? ', …' : '')
}

const UNITS: [ms: number, en: string, ko: string][] = [
  [365 * 24 * 3600_000, 'year', '년'],
  [30 * 24 * 3600_000, 'month', '개월'],
  [7 * 24 * 3600_000, 'week', '주'],
  [24 * 3600_000, 'day', '일'],
  [3600_000, 'hour', '시간'],
  [60_000, 'minute', '분'],
  [1000, 'second', '초']
]

function duration(ms: number, lang: Lang): string {
  // Capture times carry fractions of a millisecond; a year less 0.25 ms is still a year.
  const abs = Math.abs(ms) >= 1000 ? Math.round(Math.abs(ms) / 1000) * 1000 : Math.abs(ms)
  for (const [size, one, ko] of UNITS) {
    if (abs >= size) {
      const n = Math.round(abs / size)
      return lang === 'ko' ? `${n}${ko}` : `${n} ${one}${n === 1 ? '' : 's'}`
    }
  }
  return lang === 'ko' ? '1초 미만' : 'less than a second'
}

/** "2 minutes", "1 year", "less than a second". */
export const enDuration = (ms: number): string => duration(ms, 'en')
/** "2분", "1년", "1초 미만". */
export const koDuration = (ms: number): string => duration(ms, 'ko')

/** A stable, readable UTC date: "Tue, 15 Jun 2027 21:41:24 GMT". */
export const enDate = (ms: number): string => new Date(ms).toUTCString()
/** "2027-06-15 21:41:24 UTC". */
export const koDate = (ms: number): string =>
  Number.isFinite(ms) ? `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC` : String(ms)

/** A SameSite value as the attribute is written ('strict' → Strict; anything else unknown → Lax). */
export const sameSiteName = (v: unknown): string =>
  v === 'strict' ? 'Strict' : v === 'none' ? 'None' : 'Lax'

/**
 * The ways a cookie behaved like a session ID (codes `sign.*`, each language has the words), in the one
 * order every language lists them: replaced at login, cleared at logout, HttpOnly, its lifetime, sent back.
 */
export function sessionSigns(p: Explanation): Explanation[] {
  const signs: Explanation[] = []
  for (const sign of ['rotated', 'cleared', 'httpOnly', 'sessionOnly'] as const)
    if (has(p[sign])) signs.push({ code: `sign.${sign}` })
  if (!has(p.sessionOnly) && has(p.lives)) signs.push({ code: 'sign.lives', ms: num(p.lives) })
  if (has(p.echoed)) signs.push({ code: 'sign.echoed' })
  return signs
}
