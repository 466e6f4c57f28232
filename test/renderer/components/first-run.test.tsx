// @vitest-environment jsdom
// The first five minutes in the UI: a live timeline that fits its span and says what each bar is, a
// start screen that shows traffic arriving and leads to it, the first traffic opening the timeline
// once, and lessons ticked off by the capture.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/app/App'
import { createRoundtripStore } from '../../../src/renderer/src/store'
import { LABEL_WIDTH } from '../../../src/renderer/src/timeline/geometry'
import type { CaptureSnapshot } from '../../../src/shared/model'
import { nthConnection, nthExchange, loginStory, snapshot } from '../../helpers/capture-factory'
import { fakeClient } from '../fake-client'
import { giveElementsASize } from '../jsdom-layout'

afterEach(cleanup)

const VIEWPORT = 1000
giveElementsASize({ clientWidth: VIEWPORT, clientHeight: 600 })

function setup(initial: CaptureSnapshot = snapshot()) {
  const store = createRoundtripStore()
  store.getState().setLang('en')
  const client = fakeClient(initial)
  render(<App client={client} store={store} />)
  return { store, client }
}

/** Three requests 50 ms apart on one kept-alive connection, the last to /cart; the connection is still open. */
function threeRequests(at = Date.now()): CaptureSnapshot {
  const paths = ['/', '/account', '/cart']
  const exchanges = paths.map((path, i) =>
    nthExchange(i + 1, {
      url: `http://roundtrip.test${path}`,
      sequence: i + 1,
      startedAt: at + i * 50,
      timings: { requestSent: 1, responseHeaders: 4, responseEnd: 5 }
    })
  )
  return snapshot({
    seq: 1,
    connections: [nthConnection(1, { openedAt: at - 1, exchangeIds: exchanges.map((x) => x.id) })],
    exchanges
  })
}

const px = (el: Element, prop: 'left' | 'width'): number => parseFloat((el as HTMLElement).style[prop])

describe('the live timeline', () => {
  it('fits three requests 50 ms apart across the track and writes METHOD /path on the bars', async () => {
    const { store } = setup(threeRequests())
    act(() => store.getState().setPage('timeline'))
    await waitFor(() => expect(document.querySelectorAll('.row.lane [data-exchange-id]')).toHaveLength(3))
    const bars = [...document.querySelectorAll('.row.lane [data-exchange-id]')]
    const left = Math.min(...bars.map((b) => px(b, 'left')))
    const right = Math.max(...bars.map((b) => px(b, 'left') + px(b, 'width')))
    expect((right - left) / (VIEWPORT - LABEL_WIDTH)).toBeGreaterThanOrEqual(0.6)
    // The newest bar has the track's end for room: the whole line or its path, never less.
    const cart = document.querySelector('[data-exchange-id="e3"] .bar-label')
    expect(cart?.textContent).toMatch(/^#3 (GET )?\/cart$/)
    expect(document.querySelector('[data-exchange-id="e2"] .bar-label')?.textContent).toBe('#2 GET /account')
    // The full line stays in the tooltip.
    expect(document.querySelector('[data-exchange-id="e3"]')?.getAttribute('title')).toContain(
      'GET http://roundtrip.test/cart 200'
    )
  })

  it('keeps the user’s zoom when more traffic arrives, and Fit hands the scale back', async () => {
    const at = Date.now()
    const { store, client } = setup(threeRequests(at))
    act(() => store.getState().setPage('timeline'))
    await waitFor(() => expect(document.querySelectorAll('.row.lane [data-exchange-id]')).toHaveLength(3))
    const fitted = store.getState().pxPerMs
    fireEvent.click(screen.getByRole('button', { name: 'Zoom out' }))
    expect(store.getState().pxPerMs).toBeCloseTo(fitted / 2)
    act(() =>
      client.push({
        seq: 2,
        changes: [
          {
            type: 'exchange',
            exchange: nthExchange(4, { startedAt: at + 150, url: 'http://roundtrip.test/x' })
          }
        ]
      })
    )
    await waitFor(() => expect(document.querySelector('[data-exchange-id="e4"]')).toBeTruthy())
    expect(store.getState().pxPerMs).toBeCloseTo(fitted / 2)
    expect(store.getState().autoFit).toBe(false)
    fireEvent.click(screen.getByRole('button', { name: 'Fit' }))
    expect(store.getState().autoFit).toBe(true)
    await waitFor(() => expect(store.getState().pxPerMs).toBeLessThan(fitted))
  })

  it('labels a connection’s close without cutting it, on whichever side has room', async () => {
    const at = Date.now()
    const s = threeRequests(at)
    s.connections[0] = { ...s.connections[0]!, closedAt: at + 106, closedBy: 'client' }
    const { store } = setup(s)
    act(() => store.getState().setPage('timeline'))
    const label = await waitFor(() => {
      const el = document.querySelector('.marker-label')
      expect(el).toBeTruthy()
      return el as HTMLElement
    })
    expect(['closed by the client', 'client']).toContain(label.textContent)
    const track = px(document.querySelector('.tl-tracks')!, 'width')
    expect(px(label, 'left')).toBeGreaterThanOrEqual(0)
    expect(px(label, 'left') + label.textContent!.length * 7).toBeLessThanOrEqual(track)
  })

  it('marks the selected exchange on the timeline and on the start screen', async () => {
    const { store } = setup(threeRequests())
    act(() => store.getState().selectExchange('e2'))
    await waitFor(() =>
      expect(document.querySelector('.latest li.selected')?.textContent).toContain('/account')
    )
    act(() => store.getState().setPage('timeline'))
    await waitFor(() =>
      expect(document.querySelector('.bar.selected')?.getAttribute('data-exchange-id')).toBe('e2')
    )
  })
})

describe('the start screen with traffic', () => {
  it('counts the exchanges live, lists the latest, and opens them on the timeline', async () => {
    const { store, client } = setup(threeRequests(Date.now() - 60_000))
    expect((await screen.findByTestId('captured-count')).textContent).toBe('3 exchanges captured so far')
    const latest = [...document.querySelectorAll('.latest li')].map((li) => li.textContent)
    expect(latest[0]).toContain('GET roundtrip.test/cart')
    act(() =>
      client.push({
        seq: 2,
        changes: [{ type: 'exchange', exchange: nthExchange(9, { startedAt: Date.now() - 50_000 }) }]
      })
    )
    await waitFor(() => expect(screen.getByTestId('captured-count').textContent).toContain('4 exchanges'))
    expect(store.getState().page).toBe('start')
    fireEvent.click(screen.getByTestId('watch-traffic'))
    expect(store.getState().page).toBe('timeline')
  })

  it('opens the timeline for the first traffic of the run, once', async () => {
    const { store, client } = setup()
    expect(await screen.findByTestId('captured-count')).toBeTruthy()
    act(() =>
      client.push({
        seq: 1,
        changes: [{ type: 'exchange', exchange: nthExchange(1, { startedAt: Date.now() }) }]
      })
    )
    await waitFor(() => expect(store.getState().page).toBe('timeline'))
    act(() => store.getState().setPage('start'))
    act(() =>
      client.push({
        seq: 2,
        changes: [{ type: 'exchange', exchange: nthExchange(2, { startedAt: Date.now() }) }]
      })
    )
    await waitFor(() => expect(screen.getByTestId('captured-count').textContent).toContain('2 exchanges'))
    expect(store.getState().page).toBe('start')
  })

  it('leaves the user where they are when they are busy elsewhere', async () => {
    const { store, client } = setup()
    act(() => store.getState().setPage('sessions'))
    act(() =>
      client.push({
        seq: 1,
        changes: [{ type: 'exchange', exchange: nthExchange(1, { startedAt: Date.now() }) }]
      })
    )
    await waitFor(() => expect(store.getState().exchangeOrder).toHaveLength(1))
    expect(store.getState().page).toBe('sessions')
  })
})

describe('lessons', () => {
  it('lists the nine steps, ticks off what the capture shows, and links to the proof', async () => {
    const { store } = setup(loginStory())
    act(() => store.getState().setPage('learn'))
    const items = await waitFor(() => {
      const li = document.querySelectorAll('li[data-step]')
      expect(li).toHaveLength(9)
      return li
    })
    const state = Object.fromEntries(
      [...items].map((li) => [li.getAttribute('data-step'), li.getAttribute('data-done')])
    )
    expect(state).toMatchObject({ alone: 'true', session: 'true', logout: 'true' })
    expect(state['naive-cookie']).toBe('false')
    const proof = document.querySelector('li[data-step="session"] button[data-proof]') as HTMLElement
    expect(proof.getAttribute('data-proof')).toBe('e3')
    fireEvent.click(proof)
    expect(store.getState().page).toBe('timeline')
    expect(store.getState().selectedExchangeId).toBe('e3')
  })

  it('says every step in Korean too', async () => {
    const { store } = setup(loginStory())
    act(() => {
      store.getState().setLang('ko')
      store.getState().setPage('learn')
    })
    const first = await waitFor(() => {
      const li = document.querySelector('li[data-step="alone"]')
      expect(li).toBeTruthy()
      return li!
    })
    expect(first.textContent).toContain('요청은 홀로 선다')
    for (const li of document.querySelectorAll('li[data-step]')) expect(li.textContent).toMatch(/[가-힣]/)
  })
})
