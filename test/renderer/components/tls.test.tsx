// @vitest-environment jsdom
// The UI side of HTTPS interception: an exchange's TLS facts in its details, intercepted and
// passed-through tunnels told apart on the timeline, and the offer to pass a refusing host through.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/app/App'
import { createRoundtripStore } from '../../../src/renderer/src/store'
import type { CapturedTunnel } from '../../../src/shared/model'
import { nthConnection, nthExchange, snapshot, T0 } from '../../helpers/capture-factory'
import { fakeClient } from '../fake-client'
import { giveElementsASize } from '../jsdom-layout'

afterEach(cleanup)
giveElementsASize()

const tunnel = (id: string, host: string, over: Partial<CapturedTunnel>): CapturedTunnel => ({
  id,
  clientConnectionId: 'c1',
  host,
  port: 443,
  openedAt: T0,
  closedAt: T0 + 50,
  bytesUp: 10,
  bytesDown: 20,
  ...over
})

function setup() {
  const tls = {
    client: { sni: 'roundtrip.test', version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', alpn: 'http/1.1' },
    upstream: {
      version: 'TLSv1.3',
      cipher: 'TLS_AES_128_GCM_SHA256',
      chain: [
        {
          subject: 'CN=dev.local',
          issuer: 'CN=dev.local',
          validFrom: 'Dec 1 2026',
          validTo: 'Dec 3 2026',
          fingerprint256: 'AA'
        }
      ],
      verified: false,
      verifyError: 'DEPTH_ZERO_SELF_SIGNED_CERT'
    }
  }
  const snap = snapshot({
    connections: [nthConnection(1, { exchangeIds: ['e1'] })],
    exchanges: [nthExchange(1, { url: 'https://roundtrip.test/login', tls })],
    tunnels: [
      tunnel('t1', 'roundtrip.test', { mode: 'intercepted', tls: tls.client }),
      tunnel('t2', 'bank.example', { mode: 'passthrough' }),
      tunnel('t3', 'pinned.example', {
        mode: 'intercepted',
        error: {
          kind: 'client-distrust',
          message: "pinned.example:443: This client does not trust Roundtrip's CA."
        }
      })
    ]
  })
  const store = createRoundtripStore()
  store.getState().setLang('en')
  const client = fakeClient(snap)
  const asked: string[] = []
  client.addPassthrough = async (host) => {
    asked.push(host)
    return true
  }
  render(<App client={client} store={store} />)
  return { store, asked }
}

describe('HTTPS in the UI', () => {
  it("shows both sides' TLS facts, and warns when the server was not verified", async () => {
    const { store } = setup()
    act(() => {
      store.getState().setPage('timeline')
      store.getState().selectExchange('e1')
    })
    const facts = await screen.findByTestId('tls-facts')
    expect(facts.textContent).toContain('roundtrip.test')
    expect(facts.textContent).toContain('TLS_AES_256_GCM_SHA384')
    expect(facts.textContent).toContain('http/1.1')
    expect(facts.textContent).toContain('NOT verified (DEPTH_ZERO_SELF_SIGNED_CERT)')
    expect(facts.textContent).toContain('CN=dev.local')
  })

  it('tells intercepted from passed-through tunnels and offers to pass a refusing host through', async () => {
    const { store, asked } = setup()
    act(() => store.getState().setPage('timeline'))
    await waitFor(() => expect(document.querySelector('.row.tunnel.mode-intercepted')).toBeTruthy())
    expect(document.querySelector('.row.tunnel.mode-passthrough')).toBeTruthy()
    expect(document.querySelector('.tunnel-intercepted')?.getAttribute('title')).toContain('decrypted')
    expect(document.querySelector('.tunnel-passthrough')?.getAttribute('title')).toContain(
      'passed through untouched'
    )
    const notice = screen.getByTestId('distrust-notice')
    expect(notice.textContent).toContain("refused Roundtrip's certificate")
    fireEvent.click(screen.getByRole('button', { name: 'Pass pinned.example through' }))
    await waitFor(() => expect(notice.textContent).toContain('pinned.example now passes through untouched'))
    expect(asked).toEqual(['pinned.example'])
  })
})
