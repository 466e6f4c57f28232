// @vitest-environment jsdom
// The timeline draws reuse only where the file supports it: Firefox (the server port in `connection`) gets
// no lanes and a sentence saying the file does not say which connection carried what; Charles (no ids,
// timings) says its connections were inferred; Chrome's recorded ids keep their lanes and reuse labels.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { parseHar } from '../../../src/shared/har/read'
import { importCapture } from '../../../src/shared/har/to-capture'
import { App } from '../../../src/renderer/src/app/App'
import { createRoundtripStore } from '../../../src/renderer/src/store'
import { reuseLabel } from '../../../src/renderer/src/store/selectors'
import { fakeClient } from '../fake-client'
import { giveElementsASize } from '../jsdom-layout'

afterEach(cleanup)
giveElementsASize()

function open(name: string, lang: 'en' | 'ko' = 'en') {
  const r = parseHar(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'har', name), 'utf8'))
  if (!r.ok) throw new Error(r.error)
  const snap = importCapture(r.har)
  const store = createRoundtripStore()
  store.getState().setLang(lang)
  render(<App client={fakeClient(snap)} store={store} />)
  act(() => store.getState().setPage('timeline'))
  return { store, snap }
}

describe('connection source on the timeline', () => {
  it('Firefox: no lanes, no reuse, and the UI says the file does not tell', async () => {
    const { store, snap } = open('firefox-111_mitmproxy.org.har')
    expect((await screen.findByTestId('connection-source')).textContent).toContain(
      'this file does not say which connection carried what'
    )
    expect(document.querySelectorAll('.row.lane').length).toBe(0)
    for (const x of snap.exchanges) {
      expect(reuseLabel(x, 'en')).toBe('connection unknown')
    }
    expect(document.body.textContent).not.toMatch(/request on connection|new connection 443/)
    expect(store.getState().viewMode).toBe('lanes')
  })

  it('Firefox in Korean names the source in Korean', async () => {
    open('firefox-111_mitmproxy.org.har', 'ko')
    expect((await screen.findByTestId('connection-source')).textContent).toContain(
      '이 파일은 어느 연결이 무엇을 실었는지 말하지 않습니다'
    )
  })

  it('Charles: connections inferred from timings, and the UI says so', async () => {
    const { snap } = open('charles-4.6.3_mitmproxy.org.har')
    expect((await screen.findByTestId('connection-source')).textContent).toContain(
      'connections inferred from timings'
    )
    expect(reuseLabel(snap.exchanges[0]!, 'en')).toBe('new connection c1 (connections inferred from timings)')
  })

  it('Chrome: recorded connection ids keep their lanes and reuse, with no source sentence', async () => {
    const { snap } = open('chrome-devtools_run.sitespeed.io.har')
    await screen.findAllByText('1043855')
    expect(screen.queryByTestId('connection-source')).toBeNull()
    expect(document.querySelectorAll('.row.lane').length).toBe(2)
    expect(snap.exchanges.map((x) => reuseLabel(x, 'en'))).toContain('8th request on connection 1043855')
  })
})
