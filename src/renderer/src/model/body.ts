// How to show a captured body: as JSON, text, an image (data: URL) or bytes; HTML is text, never rendered.
import type { CapturedBody, HeaderPair } from '../../../shared/model'
import { base64ToBytes, headerValue } from '../../../shared/http'

export type BodyView =
  | { kind: 'none' }
  | { kind: 'json'; text: string; truncated: boolean; size: number; kept: number }
  | { kind: 'text'; text: string; html: boolean; truncated: boolean; size: number; kept: number }
  | { kind: 'image'; dataUrl: string; truncated: boolean; size: number; kept: number }
  | { kind: 'binary'; hex: string; truncated: boolean; size: number; kept: number }

const IMAGE_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'image/x-icon'
]

export function bodyView(body: CapturedBody | undefined, headers: HeaderPair[] | undefined): BodyView {
  if (!body || body.size === 0) return { kind: 'none' }
  const type = (headerValue(headers, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  const encoding = (headerValue(headers, 'content-encoding') ?? 'identity').toLowerCase()
  let bytes: Uint8Array
  try {
    bytes = base64ToBytes(body.base64)
  } catch {
    return { kind: 'binary', hex: '', truncated: body.truncated, size: body.size, kept: 0 }
  }
  const common = { truncated: body.truncated, size: body.size, kept: bytes.length }
  // SVG is an image that can carry script: show it as text like HTML.
  if (IMAGE_TYPES.includes(type) && encoding === 'identity' && !body.truncated) {
    return { kind: 'image', dataUrl: `data:${type};base64,${body.base64}`, ...common }
  }
  const textual =
    encoding === 'identity' &&
    (type.startsWith('text/') ||
      /json|xml|javascript|x-www-form-urlencoded|svg/.test(type) ||
      looksLikeText(bytes))
  if (!textual) return { kind: 'binary', hex: hexDump(bytes.subarray(0, 512)), ...common }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes)
  if (/json/.test(type)) {
    try {
      return { kind: 'json', text: JSON.stringify(JSON.parse(text), null, 2), ...common }
    } catch {
      // Not valid (or cut short): show as it came.
    }
  }
  return { kind: 'text', text, html: /html/.test(type), ...common }
}

function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512)
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number
    if (b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13 && b !== 27) return false
  }
  return true
}

function hexDump(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ')
}
