// TLS facts survive a HAR export and import (`_tls` on the entry; the tunnel's mode in the log).
import { describe, expect, it } from 'vitest'
import { exportHar } from '../../../src/shared/har/export'
import { importCapture } from '../../../src/shared/har/to-capture'
import type { CaptureSnapshot } from '../../../src/shared/model'
import { connection, exchange, T0 } from '../../helpers/capture-factory'

describe('HAR _tls', () => {
  it('keeps both sides of an intercepted exchange, and the tunnel it came through', () => {
    const tls = {
      client: {
        sni: 'roundtrip.test',
        version: 'TLSv1.3',
        cipher: 'TLS_AES_256_GCM_SHA384',
        alpn: 'http/1.1'
      },
      upstream: {
        version: 'TLSv1.3',
        cipher: 'TLS_AES_128_GCM_SHA256',
        chain: [
          {
            subject: 'CN=roundtrip.test',
            issuer: 'CN=Roundtrip local CA',
            validFrom: 'Dec  1 00:00:00 2026 GMT',
            validTo: 'Jan 15 00:00:00 2027 GMT',
            fingerprint256: 'AA:BB'
          }
        ],
        verified: true
      }
    }
    const ex = exchange({ url: 'https://roundtrip.test/login', tls })
    const snapshot: CaptureSnapshot = {
      seq: 1,
      connections: [connection('c1', { exchangeIds: [ex.id] })],
      exchanges: [ex],
      tunnels: [
        {
          id: 't1',
          clientConnectionId: 'c1',
          host: 'roundtrip.test',
          port: 443,
          openedAt: T0,
          bytesUp: 0,
          bytesDown: 0,
          mode: 'intercepted',
          tls: tls.client
        }
      ],
      sessionEvents: []
    }
    const har = exportHar(snapshot)
    expect((har.log.entries[0] as unknown as { _tls: unknown })._tls).toEqual(tls)
    const back = importCapture(JSON.parse(JSON.stringify(har)))
    expect(back.exchanges[0]!.tls).toEqual(tls)
    expect(back.tunnels[0]!.mode).toBe('intercepted')
  })
})
