// @vitest-environment jsdom
// Showing untrusted capture values: any value as bounded text, bidi controls as visible escapes,
// long values cut with "show all", header bytes that are not UTF-8 shown as Latin-1 and marked,
// times checked before formatting, and a view that throws replaced by a sentence while the rest
// of the window keeps working.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SafeText } from '../../../src/renderer/src/components/SafeText'
import { ViewBoundary } from '../../../src/renderer/src/components/ViewBoundary'
import {
  displayText,
  headerText,
  safeTime,
  toText,
  visibleControls
} from '../../../src/renderer/src/components/safe-text'
import { StoreProvider, createRoundtripStore } from '../../../src/renderer/src/store'

afterEach(cleanup)

function withStore(ui: React.ReactNode): React.JSX.Element {
  const store = createRoundtripStore()
  store.getState().setLang('en')
  return <StoreProvider store={store}>{ui}</StoreProvider>
}

describe('safe text helpers', () => {
  it('turns any value into text without throwing', () => {
    expect(toText('a')).toBe('a')
    expect(toText(1e308)).toBe('1e+308')
    expect(toText({ message: {} })).toBe('{an object}')
    expect(toText([1, 2])).toBe('[a list of 2]')
    expect(toText(null)).toBe('')
  })

  it('shows bidi overrides and zero-width characters as escapes', () => {
    expect(visibleControls('/path\u202Etxt.exe').text).toBe('/path\\u202Etxt.exe')
    expect(visibleControls('a\u200Bb\u2066c\u0007').text).toBe('a\\u200Bb\\u2066c\\u0007')
    expect(visibleControls('tab\tand\nnewline 한국어').changed).toBe(false)
  })

  it('decodes header bytes as UTF-8 when they are, and marks Latin-1 when they are not', () => {
    const utf8AsLatin1 = Buffer.from('café', 'utf8').toString('latin1')
    expect(headerText(utf8AsLatin1)).toEqual({ text: 'café', latin1: false })
    expect(headerText('caf\u00e9')).toEqual({ text: 'caf\u00e9', latin1: true })
    expect(headerText('plain')).toEqual({ text: 'plain', latin1: false })
  })

  it('formats only real times', () => {
    const iso = (d: Date): string => d.toISOString()
    expect(safeTime(0, iso, '-')).toBe('1970-01-01T00:00:00.000Z')
    for (const bad of [1e308, Number.NaN, Infinity, '5', {}, 8.7e15])
      expect(safeTime(bad, iso, '-')).toBe('-')
  })

  it('cuts long values', () => {
    const r = displayText('x'.repeat(3000), false, 100)
    expect(r.cut).toBe(true)
    expect(r.text).toHaveLength(101)
    expect(r.length).toBe(3000)
  })
})

describe('<SafeText>', () => {
  it('cuts a 3,000-character cookie value with "show all", and shows all on request', () => {
    render(withStore(<SafeText value={'v'.repeat(3000)} max={300} />))
    const text = (): string => document.querySelector('.safe-text')!.firstChild!.textContent!
    expect(text()).toBe(`${'v'.repeat(300)}…`)
    fireEvent.click(screen.getByRole('button', { name: /show all \(3,000 characters\)/ }))
    expect(text()).toBe('v'.repeat(3000))
    expect(screen.getByRole('button', { name: 'show less' })).toBeTruthy()
  })

  it('renders an object as text instead of throwing (React error #31)', () => {
    render(withStore(<SafeText value={{ message: { nested: 1 } }} />))
    expect(screen.getByText('{an object}')).toBeTruthy()
  })

  it('marks a Latin-1 header value', () => {
    render(withStore(<SafeText value={'caf\u00e9'} header />))
    expect(screen.getByText(/latin-1/)).toBeTruthy()
  })
})

describe('<ViewBoundary>', () => {
  it('replaces a view that throws with what failed, keeps its siblings, and retries', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    let broken = true
    function Fragile(): React.JSX.Element {
      if (broken) throw new RangeError('Invalid time value')
      return <p>details fine</p>
    }
    render(
      withStore(
        <>
          <nav>navigation</nav>
          <ViewBoundary name="details">
            <Fragile />
          </ViewBoundary>
          <ViewBoundary name="timeline">
            <p>timeline fine</p>
          </ViewBoundary>
        </>
      )
    )
    expect(screen.getByTestId('view-failed-details').textContent).toMatch(/Invalid time value/)
    expect(screen.getByText('navigation')).toBeTruthy()
    expect(screen.getByText('timeline fine')).toBeTruthy()
    broken = false
    act(() => fireEvent.click(screen.getByRole('button', { name: 'Try again' })))
    expect(screen.getByText('details fine')).toBeTruthy()
    warn.mockRestore()
    error.mockRestore()
  })
})
