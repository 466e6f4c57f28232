// @vitest-environment jsdom
// The Replay action and its results panel, and the progress shown while a file opens, in the real
// App with an in-memory client.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { OpenProgress, ReplayOutcome, ReplayRequest } from '../../../src/renderer/src/api/client'
import { App } from '../../../src/renderer/src/app/App'
import { createRoundtripStore } from '../../../src/renderer/src/store'
import { nthConnection, nthExchange, loginStory, snapshot } from '../../helpers/capture-factory'
import { fakeClient } from '../fake-client'
import { giveElementsASize } from '../jsdom-layout'

afterEach(cleanup)

giveElementsASize()

const HOSTILE = '<img src=x onerror="window.pwned=1">'

/** The replay's own capture: two exchanges on one new connection. */
function replayCapture() {
  return snapshot({
    connections: [nthConnection(9, { exchangeIds: ['e1', 'e2'] })],
    exchanges: [
      nthExchange(1, { clientConnectionId: 'c9', url: 'http://roundtrip.test/login', status: 200 }),
      nthExchange(2, {
        clientConnectionId: 'c9',
        method: 'POST',
        url: 'http://roundtrip.test/login',
        status: 303
      })
    ]
  })
}

function outcome(jar: 'fresh' | 'recorded'): ReplayOutcome {
  return {
    status: 'replayed',
    jar,
    sourceName: 'the live capture',
    snapshot: replayCapture(),
    rows: [
      {
        index: 1,
        method: 'GET',
        url: 'http://roundtrip.test/login',
        recordedStatus: 200,
        status: 200,
        sentCookie: null,
        cookieChanges: [{ name: 'theme', change: 'same', recorded: 'dark', now: 'dark' }]
      },
      {
        index: 2,
        method: 'POST',
        url: 'http://roundtrip.test/login',
        recordedStatus: 303,
        status: jar === 'fresh' ? 303 : 403,
        sentCookie: 'rt_sid=old',
        cookieChanges: [
          { name: 'rt_sid', change: 'changed', recorded: 'old', now: 'new' },
          { name: 'track', change: 'new', now: HOSTILE }
        ]
      },
      {
        index: 3,
        method: 'GET',
        url: 'https://elsewhere.example/',
        recordedStatus: 200,
        status: null,
        sentCookie: null,
        cookieChanges: [],
        skipped: 'https is not replayed'
      }
    ]
  }
}

function setup() {
  const store = createRoundtripStore()
  store.getState().setLang('en')
  const client = fakeClient(loginStory())
  const asked: ReplayRequest[] = []
  client.replay = async (request) => {
    asked.push(request)
    return outcome(request.jar)
  }
  const progress: { emit?: (p: OpenProgress) => void } = {}
  client.onOpenProgress = (cb) => {
    progress.emit = cb
    return () => (progress.emit = undefined)
  }
  render(<App client={client} store={store} />)
  return { store, client, asked, progress }
}

describe('replay', () => {
  it('replays the live capture with a fresh jar and shows a row per request, differences marked', async () => {
    const { asked, store } = setup()
    fireEvent.click(await screen.findByRole('button', { name: 'Replay' }))
    const table = await screen.findByTestId('replay-table')
    expect(asked).toEqual([{ jar: 'fresh', source: 'live' }])
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(3)
    expect(rows.map((r) => r.getAttribute('data-differs'))).toEqual(['false', 'true', 'false'])
    expect(rows[1]!.className).toContain('differs')
    expect(rows[0]!.textContent).toContain('200 → 200')
    expect(rows[0]!.textContent).toContain('theme: same value as recorded')
    expect(rows[1]!.textContent).toContain('rt_sid: new value new (recorded old)')
    expect(rows[2]!.textContent).toContain('skipped: https is not replayed')
    expect(screen.getByTestId('replay-summary').textContent).toBe(
      '2 of 3 requests re-sent through the proxy (fresh jar); 1 differ from the recording.'
    )
    // The new recording is shown beside the old one, which is kept.
    expect(screen.getByText('Opened from Replay of the live capture')).toBeTruthy()
    expect(store.getState().exchangeOrder).toEqual(['e1', 'e2'])
    expect(store.getState().replayResults?.original.snapshot.exchanges).toHaveLength(
      loginStory().exchanges.length
    )
  })

  it('renders captured cookie values as text, never as markup', async () => {
    setup()
    fireEvent.click(await screen.findByRole('button', { name: 'Replay' }))
    const table = await screen.findByTestId('replay-table')
    expect(table.querySelector('img')).toBeNull()
    expect(table.textContent).toContain(`track: set this time to ${HOSTILE}, not in the recording`)
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined()
  })

  it('switches between the replay and the recording, and replays with the recorded jar when chosen', async () => {
    const { asked, store } = setup()
    fireEvent.change(await screen.findByRole('combobox', { name: 'Cookie jar for the replay' }), {
      target: { value: 'recorded' }
    })
    fireEvent.click(screen.getByRole('button', { name: 'Replay' }))
    const table = await screen.findByTestId('replay-table')
    expect(asked).toEqual([{ jar: 'recorded', source: 'live' }])
    expect(within(table).getAllByRole('row')[2]!.textContent).toContain('303 → 403')
    fireEvent.click(screen.getByRole('button', { name: 'Show the recording' }))
    await waitFor(() => expect(store.getState().source.kind).toBe('live'))
    expect(store.getState().exchangeOrder).toHaveLength(loginStory().exchanges.length)
    fireEvent.click(screen.getByRole('button', { name: 'Show the replay' }))
    expect(store.getState().exchangeOrder).toEqual(['e1', 'e2'])
    // Replaying while the replay is shown re-sends the recording it came from, not the replay.
    fireEvent.click(screen.getByRole('button', { name: 'Replay' }))
    await waitFor(() => expect(asked).toHaveLength(2))
    expect(asked[1]).toEqual({ jar: 'recorded', source: 'live' })
    fireEvent.click(screen.getByRole('button', { name: 'Close the replay results' }))
    expect(screen.queryByTestId('replay-table')).toBeNull()
  })

  it('shows why a replay could not run, and labels the table in Korean', async () => {
    const { client, store } = setup()
    client.replay = async () => ({
      status: 'error',
      error: 'No recording is open to replay. Open a HAR file first.'
    })
    fireEvent.click(await screen.findByRole('button', { name: 'Replay' }))
    expect(await screen.findByText(/No recording is open to replay/)).toBeTruthy()
    client.replay = async (request) => outcome(request.jar)
    act(() => store.getState().setLang('ko'))
    fireEvent.click(screen.getByRole('button', { name: '다시 보내기' }))
    const table = await screen.findByTestId('replay-table')
    expect(table.textContent).toContain('Set-Cookie 차이')
    expect(table.textContent).toContain('rt_sid: 새 값 new (기록 old)')
  })
})

describe('opening a big file', () => {
  it('shows megabytes read, then parsing, then converting, and goes away when done', async () => {
    const { progress } = setup()
    await waitFor(() => expect(progress.emit).toBeDefined())
    const MB = 1024 * 1024
    act(() => progress.emit!({ fileName: 'big.har', phase: 'reading', loaded: 5 * MB, total: 20 * MB }))
    const shown = screen.getByTestId('open-progress')
    expect(shown.textContent).toContain('Reading big.har: 5.0 of 20.0 MB')
    const bar = shown.querySelector('progress')!
    expect(bar.getAttribute('value')).toBe(String(5 * MB))
    expect(bar.getAttribute('max')).toBe(String(20 * MB))
    act(() => progress.emit!({ fileName: 'big.har', phase: 'parsing', loaded: 20 * MB, total: 20 * MB }))
    expect(screen.getByTestId('open-progress').textContent).toContain('parsing the JSON')
    act(() => progress.emit!({ fileName: 'big.har', phase: 'converting', loaded: 0, total: 50000 }))
    expect(screen.getByTestId('open-progress').textContent).toContain('preparing 50,000 entries')
    act(() => progress.emit!({ fileName: 'big.har', phase: 'done', loaded: 1, total: 1 }))
    expect(screen.queryByTestId('open-progress')).toBeNull()
  })
})
