// A small dictionary: English and Korean, following the system language, switchable.
import { en, type MessageKey } from './en'
import { ko } from './ko'

export type { MessageKey }
export type Lang = 'en' | 'ko'

export function detectLang(language: string | undefined = globalThis.navigator?.language): Lang {
  return language?.toLowerCase().startsWith('ko') ? 'ko' : 'en'
}

export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = (lang === 'ko' ? ko[key] : undefined) ?? en[key]
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

/** 1st, 2nd, 3rd … in English; 1번째 … in Korean. */
export function ordinal(lang: Lang, n: number): string {
  if (lang === 'ko') return `${n}번째`
  const mod100 = n % 100
  const suffix = mod100 >= 11 && mod100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th')
  return `${n}${suffix}`
}

/** "in 1 year", "3 minutes ago": plain words for a span of time. */
export function relativeTime(lang: Lang, ms: number): string {
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 365 * 86400_000],
    ['month', 30 * 86400_000],
    ['day', 86400_000],
    ['hour', 3600_000],
    ['minute', 60_000],
    ['second', 1000]
  ]
  const abs = Math.abs(ms)
  const [unit, size] = units.find(([, s]) => abs >= s) ?? ['second', 1000]
  return new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }).format(Math.round(ms / size), unit)
}
