import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, deflateRawSync, gzipSync } from 'node:zlib'
import type { Har } from 'har-format'
import { describe, expect, it } from 'vitest'
import { decodeBody } from '../../../src/main/recording/decode'
import { exportHar } from '../../../src/shared/har/export'
import { parseHar } from '../../../src/shared/har/read'
import { importCapture } from '../../../src/shared/har/to-capture'
import { connection, exchange } from '../../helpers/capture-factory'

const PAGE = '<p>compressed hello, ünïcode</p>'.repeat(20)

function gzipCapture() {
  const bytes = gzipSync(Buffer.from(PAGE))
  const e = exchange({
    id: 'e1',
    responseHeaders: [
      ['Content-Type', 'text/html; charset=utf-8'],
      ['Content-Encoding', 'gzip']
    ],
    responseBody: { size: bytes.length, truncated: false, base64: bytes.toString('base64') }
  })
  return {
    seq: 0,
    connections: [connection('c1', { exchangeIds: ['e1'] })],
    exchanges: [e],
    tunnels: [],
    sessionEvents: []
  }
}

describe('decodeBody', () => {
  it('undoes gzip, br and raw deflate, and gives up on unknown codings', () => {
    const plain = Buffer.from(PAGE)
    expect(Buffer.from(decodeBody(gzipSync(plain), 'gzip')!).toString()).toBe(PAGE)
    expect(Buffer.from(decodeBody(brotliCompressSync(plain), 'br')!).toString()).toBe(PAGE)
    expect(Buffer.from(decodeBody(deflateRawSync(plain), 'deflate')!).toString()).toBe(PAGE)
    expect(decodeBody(plain, 'gzip')).toBeUndefined()
    expect(decodeBody(plain, 'zstd')).toBeUndefined()
  })
})

describe('exporting a compressed body', () => {
  it('writes the decoded text with the compression saved, and stays stable on re-export', () => {
    const har = exportHar(gzipCapture(), { decodeBody })
    const content = har.log.entries[0]!.response.content
    expect(content.text).toBe(PAGE)
    expect(content.size).toBe(Buffer.byteLength(PAGE))
    expect(content.compression).toBeGreaterThan(0)
    const again = exportHar(importCapture(JSON.parse(JSON.stringify(har)) as Har), { decodeBody })
    expect(again.log.entries).toEqual(har.log.entries)
  })

  it('without a decoder keeps the wire bytes as base64 and says so', () => {
    const content = exportHar(gzipCapture()).log.entries[0]!.response.content as unknown as Record<
      string,
      unknown
    >
    expect(content.encoding).toBe('base64')
    expect(content._contentEncoded).toBe('gzip')
    expect(Buffer.from(String(content.text), 'base64')[0]).toBe(0x1f)
  })
})

describe('redacting a HAR from another tool', () => {
  it("replaces the values in the tool's own cookie arrays too", () => {
    const text = readFileSync(
      join(import.meta.dirname, '..', '..', 'fixtures', 'har', 'playwright-recordhar_redirect.har'),
      'utf8'
    )
    const parsed = parseHar(text)
    if (!parsed.ok) throw new Error(parsed.error)
    const out = JSON.stringify(exportHar(importCapture(parsed.har), { redact: true }))
    expect(text).toContain('9faf31ab-1415-4b90-b367-24b670205f41')
    expect(out).not.toContain('9faf31ab-1415-4b90-b367-24b670205f41')
    expect(out).toContain('vmidv1=redacted-')
  })
})
