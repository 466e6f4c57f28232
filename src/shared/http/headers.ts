// Header look-ups over ordered [name, value] pairs. Pairs are never joined: two Set-Cookie lines stay two.
import type { HeaderPair } from '../model'

/**
 * Whether header name `n` is `lower` (already lower case), case-insensitively. Names of another length are
 * told apart without making a lower-case copy of each (most of the names a look-up passes).
 */
export function isHeader(n: string, lower: string): boolean {
  return n.length === lower.length && (n === lower || n.toLowerCase() === lower)
}

/** Every value of a header, in wire order (names compare case-insensitively). */
export function headerValues(headers: readonly HeaderPair[] | undefined, name: string): string[] {
  if (!headers) return []
  const lower = name.toLowerCase()
  const out: string[] = []
  for (const [n, v] of headers) if (isHeader(n, lower)) out.push(v)
  return out
}

/** The first value of a header, or undefined. */
export function headerValue(headers: readonly HeaderPair[] | undefined, name: string): string | undefined {
  if (!headers) return undefined
  const lower = name.toLowerCase()
  for (const [n, v] of headers) if (isHeader(n, lower)) return v
  return undefined
}

/** HAR's `{ name, value }` headers as ordered pairs (anything odd becomes text). */
export function toPairs(headers: readonly { name: unknown; value?: unknown }[] | undefined): HeaderPair[] {
  return (headers ?? []).map((h) => [String(h.name), String(h.value ?? '')])
}
