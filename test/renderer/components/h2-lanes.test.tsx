// @vitest-environment jsdom
// HTTP/2 on the timeline: an h2 lane stacks its concurrent streams in sub-rows and is marked h2, an
// HTTP/1.1 lane stays one row; details say "stream 5 on connection c1, 2 others in flight" in
// English and Korean; the multiplexing chapter ticks itself off.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/app/App'
import { createRoundtripStore } from '../../../src/renderer/src/store'
import type { CaptureSnapshot } from '../../../src/shared/model'
import { nthConnection, nthExchange, snapshot } from '../../helpers/capture-factory'
import { fakeClient } from '../fake-client'
import { giveElementsASize } from '../jsdom-layout'

afterEach(cleanup)
giveElementsASize({ clientWidth: 1000, clientHeight: 600 })

/** c1: three streams of one HTTP/2 connection in flight together; c2: two HTTP/1.1 requests in turn. */
function capture(): CaptureSnapshot {
  const at = Date.now()
  const timings = { requestSent: 1, responseHeaders: 40, responseEnd: 60 }
  const streams = [1, 3, 5].map((streamId, i) =>
    nthExchange(i + 1, {
      clientConnectionId: 'c1',
      sequence: i + 1,
      url: `https://roundtrip.test/img/${i + 1}.svg`,
      httpVersion: 'HTTP/2',
      streamId,
      upstreamHttpVersion: 'HTTP/1.1',
      startedAt: at + i * 5,
      timings
    })
  )
  const serial = [4, 5].map((n, i) =>
    nthExchange(n, { clientConnectionId: 'c2', sequence: i + 1, startedAt: at + i * 100, timings })
  )
  return snapshot({
    seq: 1,
    connections: [
      nthConnection(1, { openedAt: at - 1, protocol: 'h2', exchangeIds: ['e1', 'e2', 'e3'] }),
      nthConnection(2, { openedAt: at - 1, exchangeIds: ['e4', 'e5'] })
    ],
    exchanges: [...streams, ...serial]
  })
}

function setup(lang: 'en' | 'ko') {
  const store = createRoundtripStore()
  store.getState().setLang(lang)
  render(<App client={fakeClient(capture())} store={store} />)
  act(() => store.getState().setPage('timeline'))
  return store
}

const top = (id: string): string =>
  (document.querySelector(`[data-exchange-id="${id}"]`) as HTMLElement | null)?.style.top ?? 'missing'

describe('HTTP/2 lanes', () => {
  it('stacks concurrent streams in sub-rows, marks the lane h2, and leaves HTTP/1.1 lanes one row', async () => {
    setup('en')
    await waitFor(() => expect(document.querySelectorAll('.row.lane [data-exchange-id]')).toHaveLength(5))
    expect([top('e1'), top('e2'), top('e3')]).toEqual(['', '26px', '46px'])
    expect([top('e4'), top('e5')]).toEqual(['', ''])
    const badges = [...document.querySelectorAll('.lane-proto')]
    expect(badges.map((b) => b.textContent)).toEqual(['h2'])
    expect(badges[0]!.closest('.row-label')?.querySelector('.lane-id')?.textContent).toBe('c1')
    // The h2 lane is as tall as its three sub-rows; the other row keeps the usual height.
    const heights = [...document.querySelectorAll('.tl-tracks > .tl-row')].map(
      (r) => (r as HTMLElement).style.height
    )
    expect(heights).toContain('68px')
    expect(document.querySelector('[data-exchange-id="e2"]')?.getAttribute('title')).toContain(
      'stream 3 on connection c1'
    )
  })

  it('says which stream, on which connection, with how many others in flight (English and Korean)', async () => {
    const store = setup('en')
    await waitFor(() => expect(document.querySelector('[data-exchange-id="e3"]')).not.toBeNull())
    fireEvent.click(document.querySelector('[data-exchange-id="e3"]')!)
    const line = await screen.findByTestId('stream-line')
    expect(line.textContent).toBe(
      'stream 5 on connection c1, 2 others in flight · sent to the origin over HTTP/1.1'
    )
    act(() => store.getState().setLang('ko'))
    expect(screen.getByTestId('stream-line').textContent).toBe(
      '연결 c1의 스트림 5, 동시에 진행 중인 다른 요청 2개 · 원 서버에는 HTTP/1.1(으)로 보냄'
    )
  })

  it('ticks off the multiplexing chapter with a stream that had company as proof', async () => {
    const store = setup('en')
    act(() => store.getState().setPage('learn'))
    const step = await waitFor(() => {
      const el = document.querySelector('[data-chapter="multiplex"]')
      expect(el?.getAttribute('data-done')).toBe('true')
      return el!
    })
    expect(step.querySelector('[data-proof]')?.getAttribute('data-proof')).toBe('e1')
  })
})
