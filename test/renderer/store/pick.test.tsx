// @vitest-environment jsdom
// useRoundtripPick: several store fields in one hook, and a re-render only when one of them changes.
import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, expect, it } from 'vitest'
import { StoreProvider, createRoundtripStore, useRoundtripPick } from '../../../src/renderer/src/store'

afterEach(cleanup)

it('re-renders when a picked field changes, not when another field does', () => {
  const store = createRoundtripStore()
  let renders = 0
  function Probe(): React.JSX.Element {
    renders++
    const { page, viewMode } = useRoundtripPick('page', 'viewMode')
    return <p data-testid="probe">{`${page} ${viewMode}`}</p>
  }
  render(
    <StoreProvider store={store}>
      <Probe />
    </StoreProvider>
  )
  expect(screen.getByTestId('probe').textContent).toBe('start lanes')
  const before = renders
  act(() => store.getState().setFilter('host', 'example.test'))
  expect(renders).toBe(before)
  act(() => store.getState().setViewMode('rows'))
  expect(screen.getByTestId('probe').textContent).toBe('start rows')
  expect(renders).toBe(before + 1)
})
