// Seeded random captures: export never throws, har-validator accepts every result, and
// export -> import -> export is stable. Bounded: a fixed number of cases from a fixed seed.
import { createRequire } from 'node:module'
import type { Har } from 'har-format'
import { describe, expect, it } from 'vitest'
import { exportHar } from '../../../src/shared/har/export'
import { importCapture } from '../../../src/shared/har/to-capture'
import type { CaptureSnapshot, CapturedExchange, HeaderPair } from '../../../src/shared/model'
import { connection, exchange } from '../../helpers/capture-factory'
import { prng } from '../../../bench/lib/prng.js'

type Validator = (har: unknown) => Promise<unknown>
const { har: validateHar } = createRequire(import.meta.url)('har-validator') as { har: Validator }

const PIECES = [
  'sid',
  '=',
  ';',
  ' ',
  'Path=/',
  'SameSite=Lax',
  'Max-Age=-1',
  'Expires=garbage',
  'é',
  '\u0000',
  '%',
  'ü',
  '"',
  ',',
  'Domain=.test',
  'HttpOnly',
  ''
]

function randomCase(rand: () => number, i: number): CaptureSnapshot {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!
  const str = (n: number) => Array.from({ length: Math.floor(rand() * n) }, () => pick(PIECES)).join('')
  const headers = (): HeaderPair[] =>
    Array.from({ length: Math.floor(rand() * 5) }, () => [
      pick(['Set-Cookie', 'Cookie', 'Authorization', 'Content-Type', 'X-A', 'Content-Encoding']),
      str(8)
    ])
  const bytes = Uint8Array.from({ length: Math.floor(rand() * 40) }, () => Math.floor(rand() * 256))
  const state = pick<CapturedExchange['state']>(['complete', 'complete', 'error', 'pending'])
  const e = exchange({
    id: `e${i}`,
    url: pick([
      'http://roundtrip.test/a?b=c&d',
      'http://[::1]:8080/x',
      '/origin-form',
      'weird target',
      'https://x.test/é'
    ]),
    method: pick(['GET', 'POST', 'PUT']),
    requestHeaders: headers(),
    requestBody:
      rand() < 0.5
        ? { size: bytes.length, truncated: rand() < 0.2, base64: Buffer.from(bytes).toString('base64') }
        : undefined,
    status: state === 'complete' ? pick([200, 204, 302, 404, 500]) : undefined,
    responseHeaders: state === 'pending' ? undefined : headers(),
    responseBody:
      rand() < 0.6
        ? { size: bytes.length, truncated: false, base64: Buffer.from(bytes).toString('base64') }
        : undefined,
    timings: {
      upstreamConnected: rand() < 0.5 ? rand() * 3 : undefined,
      requestSent: rand() * 5,
      responseHeaders: rand() < 0.8 ? 5 + rand() * 5 : undefined,
      responseEnd: rand() < 0.7 ? 12 : undefined
    },
    upstreamConnectionId: rand() < 0.7 ? 'u1' : undefined,
    state,
    error: state === 'error' ? { kind: 'upstream-reset', message: str(5) } : undefined
  })
  return {
    seq: 0,
    connections: [
      connection('c1', { exchangeIds: [e.id] }),
      connection('u1', { remoteAddress: pick(['127.0.0.1', '::1', '::ffff:10.0.0.1', '']) })
    ],
    exchanges: [e],
    tunnels: [],
    sessionEvents: []
  }
}

describe('exportHar on random captures', () => {
  it('always gives valid HAR that re-imports exactly', async () => {
    const rand = prng(20261126)
    for (let i = 1; i <= 150; i++) {
      const snapshot = randomCase(rand, i)
      for (const redact of [false, true]) {
        const har = exportHar(snapshot, { redact })
        await validateHar(har).catch((err: { errors?: unknown }) => {
          throw new Error(
            `case ${i} (redact ${redact}) is not valid HAR: ${JSON.stringify(err.errors)}\n${JSON.stringify(snapshot)}`
          )
        })
        const again = exportHar(importCapture(JSON.parse(JSON.stringify(har)) as Har), { redact: false })
        if (!redact) expect(again, `case ${i}`).toEqual(har)
      }
    }
  })
})
