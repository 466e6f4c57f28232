// Pure helpers for showing values from a capture, which is untrusted: anything becomes bounded
// text, invisible direction/formatting characters become visible escapes (a U+202E cannot reorder
// what is around it), header bytes that are not UTF-8 are read as Latin-1 and said so, and times
// are checked before they are formatted.

/** Characters shown before "show all". */
export const SHOWN_CHARS = 2000
/** The most characters ever put on the page for one value, even after "show all". */
export const MAX_CHARS = 1_000_000

/** Bidi overrides/isolates/marks, zero-width characters, the BOM, and C0/C1 controls but tab and newline. */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g

/** Any value as text: a string as it is, a number or boolean written out, anything else summarised. */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value)
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return `[a list of ${value.length}]`
  if (typeof value === 'object') return '{an object}'
  return `(${typeof value})`
}

/** Invisible and direction-changing characters as `\u202E`-style escapes. */
export function visibleControls(text: string): { text: string; changed: boolean } {
  let changed = false
  const out = text.replace(INVISIBLE, (c) => {
    changed = true
    return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
  })
  return { text: out, changed }
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * A header value as received: Node hands header bytes over one character per byte (Latin-1). When
 * those bytes are valid UTF-8 they are shown decoded; when not, as Latin-1, marked.
 */
export function headerText(value: string): { text: string; latin1: boolean } {
  // Pure ASCII, or already beyond one byte per character: nothing to decode.
  // eslint-disable-next-line no-control-regex
  if (!/[\u0080-\u00FF]/.test(value) || /[^\u0000-\u00FF]/.test(value)) return { text: value, latin1: false }
  const bytes = new Uint8Array(value.length)
  for (let i = 0; i < value.length; i++) bytes[i] = value.charCodeAt(i)
  try {
    return { text: utf8.decode(bytes), latin1: false }
  } catch {
    return { text: value, latin1: true }
  }
}

/** A time formatted only when it is one (finite, within what Date can show); otherwise `fallback`. */
export function safeTime(ms: unknown, format: (d: Date) => string, fallback: string): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return fallback
  try {
    return format(new Date(ms))
  } catch {
    return fallback
  }
}

/** The text to put on the page: bounded, controls visible, and whether it was cut. */
export function displayText(
  value: unknown,
  showAll: boolean,
  max = SHOWN_CHARS
): {
  text: string
  cut: boolean
  length: number
  escaped: boolean
} {
  const raw = toText(value)
  const limit = showAll ? MAX_CHARS : max
  const cut = raw.length > limit
  const { text, changed } = visibleControls(cut ? raw.slice(0, limit) : raw)
  return { text: cut ? `${text}…` : text, cut, length: raw.length, escaped: changed }
}
