// Captured traffic and HAR files are untrusted. Script in header names and values, huge values,
// deep nesting and broken JSON go through export and parse as plain data or a clear refusal:
// nothing is evaluated, nothing throws. (Rendering is the renderer's; static.test.ts checks no
// source renders text as HTML.)
import { describe, expect, it } from 'vitest'
import type { CapturedExchange, CaptureSnapshot } from '../../src/shared/model'
import { exportHar } from '../../src/shared/har/export'
import { parseHar } from '../../src/shared/har/read'

const SCRIPT = `<script>globalThis.__pwned = 1</script><img src=x onerror="globalThis.__pwned=2">`

function snapshotWith(values: string[]): CaptureSnapshot {
  const exchange: CapturedExchange = {
    id: 'e1',
    clientConnectionId: 'c1',
    sequence: 1,
    method: 'GET',
    url: `http://roundtrip.test/?q=${encodeURIComponent(SCRIPT)}`,
    httpVersion: 'HTTP/1.1',
    requestHeaders: [
      ['Host', 'roundtrip.test'],
      ...values.map((v, i): [string, string] => [`X-Evil-${i}`, v])
    ],
    status: 200,
    statusText: SCRIPT.slice(0, 20),
    responseHeaders: [
      ['Set-Cookie', `a=${SCRIPT}; Path=/`],
      ['Content-Type', 'text/html'],
      ...values.map((v, i): [string, string] => [`X-Evil-${i}`, v])
    ],
    responseBody: { size: SCRIPT.length, truncated: false, base64: Buffer.from(SCRIPT).toString('base64') },
    startedAt: Date.UTC(2026, 0, 1),
    timings: { responseHeaders: 1, responseEnd: 2 },
    state: 'complete'
  }
  return { seq: 1, connections: [], exchanges: [exchange], tunnels: [], sessionEvents: [] }
}

describe('untrusted HAR content', () => {
  it('keeps script in headers, cookies, URL and body as exact data through export and parse', () => {
    const values = [SCRIPT, `"}]}};alert(1);//`, '\u2028\u2029</script>', `${'\\'}u003cscript>`]
    const har = exportHar(snapshotWith(values))
    const text = JSON.stringify(har)
    const parsed = parseHar(text)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    const entry = parsed.har.log.entries[0]!
    const headerValue = (name: string): string | undefined =>
      entry.request.headers.find((h) => h.name === name)?.value
    values.forEach((v, i) => expect(headerValue(`X-Evil-${i}`)).toBe(v))
    expect(entry.response.headers.find((h) => h.name === 'Set-Cookie')?.value).toBe(`a=${SCRIPT}; Path=/`)
    expect(decodeURIComponent(new URL(entry.request.url).searchParams.get('q') ?? '')).toBe(SCRIPT)
    expect((globalThis as { __pwned?: number }).__pwned).toBeUndefined()
  })

  it('carries a megabyte-long header value through intact', () => {
    const big = 'A'.repeat(1024 * 1024) + '<script>'
    const parsed = parseHar(JSON.stringify(exportHar(snapshotWith([big]))))
    expect(parsed.ok).toBe(true)
    if (parsed.ok) expect(parsed.har.log.entries[0]!.request.headers[1]!.value).toBe(big)
  })

  it('refuses broken JSON with a sentence that says where, without throwing', () => {
    const text = JSON.stringify(exportHar(snapshotWith([SCRIPT])))
    const broken = text.slice(0, Math.floor(text.length / 2))
    const r = parseHar(broken)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.length).toBeGreaterThan(20)
  })

  it('answers deeply nested JSON with a result or a clear refusal, never a crash', () => {
    const depth = 100_000
    const deep = `{"log":{"version":"1.2","entries":[],"x":${'['.repeat(depth)}${']'.repeat(depth)}}}`
    let result: ReturnType<typeof parseHar> | undefined
    expect(() => (result = parseHar(deep))).not.toThrow()
    expect(result).toBeDefined()
    if (result && !result.ok) expect(result.error.length).toBeGreaterThan(20)
  })

  it('refuses things that are not text or not HAR with a sentence', () => {
    for (const input of ['', 'null', '[]', '{"log":{}}', '<html><script>alert(1)</script></html>']) {
      const r = parseHar(input)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error).toMatch(/\.$|\)$/)
    }
  })
})
