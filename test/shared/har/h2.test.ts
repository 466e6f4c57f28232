// HTTP/2 in HAR: stream ids (`_streamId`), the upstream protocol and the connection's protocol survive an
// export and an import; a foreign HAR whose entries say h2 on one `connection` id is one HTTP/2 lane.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportHar } from '../../../src/shared/har/export'
import type { Har } from 'har-format'
import { importCapture } from '../../../src/shared/har/to-capture'
import type { CaptureSnapshot } from '../../../src/shared/model'
import { connection, exchange, T0 } from '../../helpers/capture-factory'

describe('HAR and HTTP/2 streams', () => {
  it('writes _streamId and reads it back with the connection protocol', () => {
    const a = exchange({
      id: 'e1',
      url: 'https://roundtrip.test/img/1.svg',
      httpVersion: 'HTTP/2',
      streamId: 1,
      upstreamHttpVersion: 'HTTP/1.1'
    })
    const b = exchange({
      id: 'e2',
      url: 'https://roundtrip.test/img/2.svg',
      httpVersion: 'HTTP/2',
      streamId: 3,
      upstreamHttpVersion: 'HTTP/2',
      upstreamStreamId: 5
    })
    const snapshot: CaptureSnapshot = {
      seq: 1,
      connections: [
        connection('c1', {
          exchangeIds: ['e1', 'e2'],
          protocol: 'h2',
          goaway: 'The client sent GOAWAY NO_ERROR (0), last stream 3: a polite close.'
        })
      ],
      exchanges: [a, b],
      tunnels: [],
      sessionEvents: []
    }
    const har = exportHar(snapshot)
    const entries = har.log.entries as unknown as Record<string, unknown>[]
    expect(entries.map((e) => e._streamId)).toEqual([1, 3])
    expect(entries.map((e) => e.connection)).toEqual(['c1', 'c1'])
    const back = importCapture(JSON.parse(JSON.stringify(har)))
    expect(back.exchanges.map((e) => e.streamId)).toEqual([1, 3])
    expect(back.exchanges.map((e) => e.upstreamHttpVersion)).toEqual(['HTTP/1.1', 'HTTP/2'])
    expect(back.exchanges[1]!.upstreamStreamId).toBe(5)
    expect(back.connections[0]!.protocol).toBe('h2')
    expect(back.connections[0]!.goaway).toMatch(/GOAWAY NO_ERROR/)
  })

  it("keeps a foreign HAR's HTTP/2 connection id and stream ids, and calls that connection h2", () => {
    const har = exportHar({
      seq: 1,
      connections: [connection('c1', { exchangeIds: ['e1', 'e2'] })],
      exchanges: [exchange({ id: 'e1', streamId: 1 }), exchange({ id: 'e2', startedAt: T0 + 5 })],
      tunnels: [],
      sessionEvents: []
    })
    // As another tool writes it: no Roundtrip fields but `connection`, `_streamId` and httpVersion h2.
    const foreign = JSON.parse(JSON.stringify(har)) as {
      log: { _roundtrip?: unknown; entries: Record<string, unknown>[] }
    }
    delete foreign.log._roundtrip
    foreign.log.entries = foreign.log.entries.map((e, i) => {
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(e)) if (!k.startsWith('_')) out[k] = v
      out.connection = '301122'
      out._streamId = 2 * i + 1
      ;(out.request as Record<string, unknown>).httpVersion = 'h2'
      ;(out.response as Record<string, unknown>).httpVersion = 'h2'
      return out
    })
    const back = importCapture(foreign as unknown as Har)
    expect(back.connections.map((c) => [c.id, c.protocol])).toEqual([['301122', 'h2']])
    expect(back.exchanges.map((e) => e.streamId)).toEqual([1, 3])
    const again = exportHar(back)
    expect(
      (again.log.entries as unknown as Record<string, unknown>[]).map((e) => [e.connection, e._streamId])
    ).toEqual([
      ['301122', 1],
      ['301122', 3]
    ])
  })

  it("keeps Chrome DevTools' HTTP/2 connection id from a real export and writes it back", () => {
    const file = join(import.meta.dirname, '../../fixtures/har/chrome-h2-newline-set-cookie.har')
    const back = importCapture(JSON.parse(readFileSync(file, 'utf8')) as Har)
    expect(back.connections.map((c) => [c.id, c.protocol])).toEqual([['301122', 'h2']])
    expect(back.exchanges.every((e) => e.clientConnectionId === '301122')).toBe(true)
    const again = exportHar(back).log.entries as unknown as Record<string, unknown>[]
    expect(again.every((e) => e.connection === '301122')).toBe(true)
  })
})
