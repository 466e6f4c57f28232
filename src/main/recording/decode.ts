// Undoes a response's Content-Encoding for HAR export (HAR's `content.text` is the decoded body).
// Main only: the renderer exports without it and keeps the wire bytes, marked `_contentEncoded`.
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib'
import type { BodyDecoder } from '../../shared/har/export-fields'

const LIMIT = 64 * 1024 * 1024

export const decodeBody: BodyDecoder = (bytes, contentEncoding) => {
  // `Content-Encoding: gzip, br` lists codings in the order they were applied.
  const codings = contentEncoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity')
  let data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  try {
    for (const coding of codings.reverse()) {
      if (coding === 'gzip' || coding === 'x-gzip') data = gunzipSync(data, { maxOutputLength: LIMIT })
      else if (coding === 'br') data = brotliDecompressSync(data, { maxOutputLength: LIMIT })
      else if (coding === 'deflate') data = inflateOrRaw(data)
      else return undefined
    }
  } catch {
    return undefined
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

/** Servers disagree on whether `deflate` means zlib-wrapped or raw deflate; accept both. */
function inflateOrRaw(data: Buffer): Buffer {
  try {
    return inflateSync(data, { maxOutputLength: LIMIT })
  } catch {
    return inflateRawSync(data, { maxOutputLength: LIMIT })
  }
}
