// What the analysis says, as data: a code and its parameters (`{ code: 'unexpected.path', path, requestPath }`),
// never a sentence. The words live in ./words (English and Korean, every code in both); `say` renders one.
import type { Explanation, Lang, Words } from '../i18n/format'
import { en, type Code } from '../i18n/en'
import { ko } from '../i18n/ko'

export type { Code, Explanation, Lang }
export type { Param } from '../i18n/format'

/** Builds an explanation; parameters that are undefined are left out, so JSON stays small. */
export function explain(code: Code, params: Record<string, unknown> = {}): Explanation {
  const out: Explanation = { code }
  // Own fields in order, as Object.entries gives them, without an array per field.
  for (const k in params) {
    const v = params[k]
    if (v !== undefined && Object.hasOwn(params, k)) out[k] = v as Explanation[string]
  }
  return out
}

export const words = { en, ko } as const

/** The sentence for an explanation in a language; an unknown code (from a newer file) is shown as the code. */
export function say(lang: Lang, e: Explanation): string {
  const fn =
    (words[lang] as Record<string, Fn | undefined>)[e.code] ?? (en as Record<string, Fn | undefined>)[e.code]
  return typeof fn === 'string' ? fn : fn ? fn(e, (x) => say(lang, x)) : e.code
}

type Fn = Words

export function isExplanation(v: unknown): v is Explanation {
  return typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string'
}
