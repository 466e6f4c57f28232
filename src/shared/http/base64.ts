// Bytes as base64 and text, without node's Buffer, so the renderer and the engine share one copy.

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

const encoder = new TextEncoder()
// eslint-disable-next-line no-control-regex
const ASCII = /^[\u0000-\u007f]*$/

/** UTF-8 bytes of a text, as base64 (ASCII text takes a fast path). */
export function textToBase64(text: string): string {
  return ASCII.test(text) ? btoa(text) : bytesToBase64(encoder.encode(text))
}

/** How many bytes a base64 string holds, without decoding it. */
export function base64Length(base64: string): number {
  const len = base64.length
  if (len === 0) return 0
  const pad = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0
  return Math.floor((len * 3) / 4) - pad
}

/** The number of bytes of a text in UTF-8. */
export function utf8Length(text: string): number {
  return ASCII.test(text) ? text.length : encoder.encode(text).length
}

/** The bytes as text when they are valid UTF-8 without control bytes, otherwise undefined. */
export function bytesAsText(bytes: Uint8Array): string | undefined {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return undefined
  }
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? undefined : text
}

/** A base64 body as text when it is UTF-8 text, otherwise undefined (also for broken base64). */
export function base64AsText(base64: string): string | undefined {
  try {
    return bytesAsText(base64ToBytes(base64))
  } catch {
    return undefined
  }
}
