// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/app/App'
import { createRoundtripStore } from '../../../src/renderer/src/store'
import { nthConnection, nthExchange, loginStory, snapshot, withHeaders } from '../../helpers/capture-factory'
import { fakeClient } from '../fake-client'
import { giveElementsASize } from '../jsdom-layout'

afterEach(cleanup)

giveElementsASize()

function setup(initial = loginStory()) {
  const store = createRoundtripStore()
  store.getState().setLang('en')
  const client = fakeClient(initial)
  const view = render(<App client={client} store={store} />)
  return { store, client, view }
}

describe('start screen', () => {
  it('shows the proxy address and a curl one-liner through it', async () => {
    setup()
    expect(await screen.findByTestId('proxy-address')).toHaveProperty('textContent', 'http://127.0.0.1:8080')
    expect(screen.getByText('curl -x http://127.0.0.1:8080 http://roundtrip.test/')).toBeTruthy()
    const link = screen.getByRole('link', { name: 'Open the sample site' })
    expect(link.getAttribute('href')).toBe('http://roundtrip.test/')
  })

  it('moves the proxy to another port and shows the new address, or the reason it could not', async () => {
    const { client } = setup()
    const asked: number[] = []
    client.setProxyPort = async (port) => {
      asked.push(port)
      return port === 9999
        ? { status: 'error', error: 'Port 9999 on 127.0.0.1 is already in use.' }
        : { status: 'moved', proxy: `http://127.0.0.1:${port}` }
    }
    const input = await screen.findByTestId('proxy-port-input')
    fireEvent.change(input, { target: { value: '9090' } })
    fireEvent.click(screen.getByRole('button', { name: 'Move the proxy' }))
    await waitFor(() =>
      expect(screen.getByTestId('proxy-address')).toHaveProperty('textContent', 'http://127.0.0.1:9090')
    )
    expect(screen.getByText('curl -x http://127.0.0.1:9090 http://roundtrip.test/')).toBeTruthy()
    fireEvent.change(input, { target: { value: '9999' } })
    fireEvent.click(screen.getByRole('button', { name: 'Move the proxy' }))
    expect(await screen.findByText(/Port 9999 on 127.0.0.1 is already in use/)).toBeTruthy()
    expect(screen.getByTestId('proxy-address')).toHaveProperty('textContent', 'http://127.0.0.1:9090')
    expect(asked).toEqual([9090, 9999])
  })

  it('switches to Korean and back', async () => {
    const { store } = setup()
    fireEvent.click(screen.getByRole('button', { name: '한국어' }))
    expect(store.getState().lang).toBe('ko')
    expect(await screen.findByText('프록시 주소')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'English' }))
    expect(screen.getByText('Proxy address')).toBeTruthy()
  })
})

describe('timeline and details', () => {
  it('says when older exchanges left memory at the capture limit', async () => {
    const { store, client } = setup({ ...loginStory(), evicted: 0 })
    act(() => store.getState().setPage('timeline'))
    await screen.findByTestId('exchange-count')
    expect(screen.queryByTestId('evicted-count')).toBeNull()
    act(() => client.push({ seq: 1, changes: [{ type: 'evicted', exchangeIds: ['e1', 'e2'] }] }))
    expect((await screen.findByTestId('evicted-count')).textContent).toBe(
      '2 older exchanges left memory at the capture limit (a recording file still has them)'
    )
  })

  it('draws lanes per connection, then rows; live batches add rows', async () => {
    const { store, client } = setup()
    act(() => store.getState().setPage('timeline'))
    expect(await screen.findByText('c1')).toBeTruthy()
    expect(screen.getByTestId('exchange-count').textContent).toBe('4 of 4 exchanges')
    fireEvent.click(screen.getByRole('button', { name: 'Rows' }))
    act(() =>
      client.push({
        seq: 6,
        changes: [
          { type: 'connection', connection: nthConnection(2, { exchangeIds: ['e5'] }) },
          {
            type: 'exchange',
            exchange: nthExchange(5, { clientConnectionId: 'c2', url: 'http://tracker.test/t.gif' })
          }
        ]
      })
    )
    await waitFor(() => expect(screen.getByTestId('exchange-count').textContent).toBe('5 of 5 exchanges'))
    expect(document.querySelectorAll('[data-exchange-id]').length).toBe(5)
  })

  it('shows a selected exchange with its Cookie table, Set-Cookie attributes and jar', async () => {
    const { store } = setup()
    act(() => {
      store.getState().setPage('timeline')
      store.getState().selectExchange('e2')
    })
    const details = await screen.findByTestId('details')
    expect(details.textContent).toContain('2nd request on connection c1')
    expect(screen.getByTestId('cookie-table').textContent).toContain('anon111111111111')
    const setCookies = screen.getByTestId('set-cookies').textContent ?? ''
    expect(setCookies).toContain('HttpOnly: page scripts cannot read it')
    expect(setCookies).toContain('SameSite=Lax')
    expect(setCookies).toContain('expires in 15 minutes')
    expect(screen.getByTestId('expected').textContent).toBe(
      'A browser would have sentsid=anon111111111111This request sentsid=anon111111111111'
    )
    expect(details.textContent).toContain('They match')
    expect(screen.getByTestId('jar-changes').textContent).toContain('changed: sid=user222222222222')
    expect(screen.getByTestId('jar').textContent).toContain('user222222222222')
    act(() => store.getState().selectExchange('e3'))
    // A cookie first seen in a request was in the browser before the capture began: the jar adopts it.
    expect(screen.getByTestId('jar').textContent).toContain('themedark')
  })

  it('moves the selection with the arrow keys and clears it with Escape', async () => {
    const { store } = setup()
    act(() => {
      store.getState().setPage('timeline')
      store.getState().setViewMode('rows')
    })
    const scroller = await screen.findByTestId('timeline-scroll')
    fireEvent.keyDown(scroller, { key: 'ArrowDown' })
    expect(store.getState().selectedExchangeId).toBe('e1')
    fireEvent.keyDown(scroller, { key: 'ArrowDown' })
    fireEvent.keyDown(scroller, { key: 'ArrowDown' })
    fireEvent.keyDown(scroller, { key: 'ArrowUp' })
    expect(store.getState().selectedExchangeId).toBe('e2')
    fireEvent.keyDown(scroller, { key: 'Escape' })
    expect(store.getState().selectedExchangeId).toBeUndefined()
  })

  it('filters rows by cookie name', async () => {
    const { store } = setup()
    act(() => {
      store.getState().setPage('timeline')
      store.getState().setViewMode('rows')
    })
    fireEvent.change(await screen.findByLabelText('Cookie name'), { target: { value: 'theme' } })
    expect(screen.getByTestId('exchange-count').textContent).toBe('1 of 4 exchanges')
  })

  it('shows an error exchange in red with its reason', async () => {
    const failed = nthExchange(1, {
      state: 'error',
      status: undefined,
      responseHeaders: undefined,
      timings: {},
      error: { kind: 'upstream-refused', message: 'nothing listens on 127.0.0.1:9' }
    })
    const { store } = setup(snapshot({ connections: [nthConnection(1)], exchanges: [failed] }))
    act(() => {
      store.getState().setPage('timeline')
      store.getState().selectExchange('e1')
    })
    expect((await screen.findByRole('alert')).textContent).toContain('nothing listens on 127.0.0.1:9')
    expect(document.querySelector('.bar.state-error .bar-reason')?.textContent).toContain('upstream-refused')
  })
})

describe('playback', () => {
  it('plays a recording back on the timeline and shows everything again', async () => {
    const { store } = setup()
    act(() => {
      store.getState().applySnapshot(loginStory(), { kind: 'file', fileName: 'login.har', warnings: [] })
      store.getState().setPage('timeline')
      store.getState().setViewMode('rows')
    })
    expect(await screen.findByText('Opened from login.har')).toBeTruthy()
    // Fitted to the window (1000 px wide here) and not following the end.
    expect(store.getState().follow).toBe(false)
    expect(store.getState().pxPerMs).toBeGreaterThan(1)
    const first = store.getState().exchanges.get('e1')!.startedAt
    fireEvent.change(screen.getByLabelText('Playhead'), { target: { value: String(first) } })
    expect(screen.getByTestId('exchange-count').textContent).toBe('1 of 4 exchanges')
    fireEvent.change(screen.getByLabelText('Speed'), { target: { value: '8' } })
    fireEvent.click(screen.getByRole('button', { name: '▶ Play' }))
    await waitFor(() => expect(screen.getByTestId('exchange-count').textContent).toBe('4 of 4 exchanges'), {
      timeout: 3000
    })
    fireEvent.click(screen.getByRole('button', { name: 'Show everything' }))
    expect(store.getState().playhead).toBeUndefined()
  })
})

describe('sessions', () => {
  it('draws each session id as a thread, its sequence, and the server store beside the jar', async () => {
    const { store, client } = setup()
    client.sessionsNow = [
      {
        id: 'user222222222222',
        user: 'alice',
        data: { cart: ['tea'] },
        createdAt: 1,
        lastSeenAt: 2,
        idleExpiresAt: 3,
        absoluteExpiresAt: 4,
        expiresAt: 3
      }
    ]
    act(() => store.getState().setPage('sessions'))
    const threads = await screen.findByTestId('threads')
    expect(threads.querySelectorAll('[data-session-id]').length).toBe(2)
    await waitFor(() => expect(screen.getByTestId('server-store').textContent).toContain('alice'))
    expect(screen.getByTestId('server-store').textContent).toContain('tea')
    const sequence = screen.getByTestId('sequence').textContent ?? ''
    expect(sequence).toContain('POST /login')
    expect(sequence).toContain('replaces anon1111… with user2222…')
    expect(sequence).toContain('deletes session user2222…')
    // The jar as the browser held it after this session's last exchange: the logout cleared the sid.
    expect(screen.getByTestId('browser-jar').textContent).not.toContain('sid')
    expect(screen.getByTestId('browser-jar').textContent).toContain('theme')
    fireEvent.click(threads.querySelector('[data-session-id="anon111111111111"]')!)
    await waitFor(() => expect(screen.getByTestId('browser-jar').textContent).toContain('user222222222222'))
  })
})

describe('bodies', () => {
  it('shows a whole PNG through a data: URL and JSON pretty-printed', async () => {
    const png = btoa('\x89PNG\r\n\x1a\n')
    const image = nthExchange(1, {
      responseHeaders: [['Content-Type', 'image/png']],
      responseBody: { size: 8, truncated: false, base64: png }
    })
    const json = nthExchange(2, {
      responseHeaders: [['Content-Type', 'application/json']],
      responseBody: { size: 7, truncated: false, base64: btoa('{"a":1}') }
    })
    const { store, view } = setup(snapshot({ connections: [nthConnection(1)], exchanges: [image, json] }))
    act(() => {
      store.getState().setPage('timeline')
      store.getState().selectExchange('e1')
    })
    await screen.findByTestId('details')
    expect(view.container.querySelector('img.body-image')?.getAttribute('src')).toBe(
      `data:image/png;base64,${png}`
    )
    act(() => store.getState().selectExchange('e2'))
    expect(view.container.querySelector('pre.json')?.textContent).toBe('{\n  "a": 1\n}')
  })
})

describe('bodies fetched by id', () => {
  it('asks for the bodies a live feed left out when the row is opened, and shows them', async () => {
    const posted = nthExchange(1, {
      method: 'POST',
      responseHeaders: [['Content-Type', 'text/plain']],
      requestBodyInfo: { size: 9, truncated: false, kept: 12, digest: 'abc' },
      responseBodyInfo: { size: 5, truncated: false, kept: 8, digest: 'def' }
    })
    const { store, client } = setup(snapshot({ connections: [nthConnection(1)], exchanges: [posted] }))
    const asked: string[] = []
    let answer!: () => void
    client.body = (id) => {
      asked.push(id)
      return new Promise((resolve) => {
        answer = () =>
          resolve({
            id,
            request: { size: 9, truncated: false, base64: btoa('user=alice') },
            response: { size: 5, truncated: false, base64: btoa('hello') }
          })
      })
    }
    act(() => {
      store.getState().setPage('timeline')
      store.getState().selectExchange('e1')
    })
    const details = await screen.findByTestId('details')
    expect(details.textContent).toContain('Fetching the body (5 bytes)')
    expect(asked).toEqual(['e1'])
    await act(async () => answer())
    await waitFor(() => expect(details.textContent).toContain('hello'))
    expect(details.textContent).toContain('user=alice')
  })

  it('says so when the body cannot be fetched', async () => {
    const gone = nthExchange(1, { responseBodyInfo: { size: 5, truncated: false, kept: 8, digest: 'x' } })
    const { store, client } = setup(snapshot({ connections: [nthConnection(1)], exchanges: [gone] }))
    client.body = async () => {
      throw new Error('The Roundtrip server answered 404 for /api/exchanges/e1/body.')
    }
    act(() => {
      store.getState().setPage('timeline')
      store.getState().selectExchange('e1')
    })
    const details = await screen.findByTestId('details')
    await waitFor(() =>
      expect(details.textContent).toContain(
        'The body could not be fetched: The Roundtrip server answered 404'
      )
    )
  })
})

describe('untrusted captured values', () => {
  it('never turns header, cookie or body text into elements', async () => {
    const evil = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
    const x = nthExchange(1, {
      ...withHeaders(
        [
          ['X-Evil', evil],
          ['Cookie', `a=${evil}`]
        ],
        [
          ['Content-Type', 'text/html'],
          ['Set-Cookie', `b=<img src=x onerror=alert(1)>; Path=/<script>`]
        ]
      ),
      url: 'http://roundtrip.test/<script>alert(1)</script>',
      responseBody: { size: evil.length, truncated: false, base64: btoa(evil) }
    })
    const { store, view } = setup(snapshot({ connections: [nthConnection(1)], exchanges: [x] }))
    act(() => {
      store.getState().setPage('timeline')
      store.getState().setViewMode('rows')
      store.getState().selectExchange('e1')
    })
    const details = await screen.findByTestId('details')
    expect(details.textContent).toContain('<script>window.__pwned = 1</script>')
    expect(view.container.querySelector('[data-exchange-id="e1"]')?.getAttribute('title')).toContain(
      '<script>'
    )
    expect(view.container.querySelectorAll('script').length).toBe(0)
    expect(view.container.querySelectorAll('img').length).toBe(0)
    expect(view.container.querySelectorAll('[onerror]').length).toBe(0)
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined()
  })
})
