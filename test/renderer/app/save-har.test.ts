// Save HAR saves what is on screen: the live capture (the engine exports it), an opened file or a replay
// (the page sends the HAR of what it shows, and says which, for the dialog's title).
import { describe, expect, it } from 'vitest'
import type { SaveHarOptions } from '../../../src/shared/api/contract'
import { runCommand } from '../../../src/renderer/src/app/commands'
import { createRoundtripStore } from '../../../src/renderer/src/store'
import { exchange, loginCapture, snapshot } from '../factories'
import { fakeClient } from '../fake-client'

function setup() {
  const store = createRoundtripStore()
  const client = fakeClient(loginCapture())
  const asked: SaveHarOptions[] = []
  client.saveHar = async (opts) => {
    asked.push(opts)
    return { status: 'saved', path: 'x.har' }
  }
  return { store, client, asked }
}

describe('Save HAR', () => {
  it('asks the engine for the live capture when live is on screen', async () => {
    const { store, client, asked } = setup()
    store.getState().applySnapshot(loginCapture())
    await runCommand('save-har', client, store)
    expect(asked).toEqual([{}])
  })

  it('sends the opened file as it is on screen, named', async () => {
    const { store, client, asked } = setup()
    const file = snapshot({ exchanges: [exchange(1, { url: 'http://opened.test/only-in-the-file' })] })
    store.getState().applySnapshot(file, { kind: 'file', fileName: 'shop.har', warnings: [] })
    await runCommand('save-har', client, store)
    expect(asked[0]).toMatchObject({ view: 'file', name: 'shop.har' })
    const har = JSON.parse(asked[0]!.har!)
    expect(har.log.entries.map((e: { request: { url: string } }) => e.request.url)).toEqual([
      'http://opened.test/only-in-the-file'
    ])
  })

  it('sends the replay when the replay is shown', async () => {
    const { store, client, asked } = setup()
    const replay = snapshot({ exchanges: [exchange(1, { url: 'http://replayed.test/again' })] })
    store.getState().applySnapshot(replay, { kind: 'file', fileName: 'Replay of shop.har', warnings: [] })
    store.getState().setReplayResults({
      jar: 'fresh',
      sourceName: 'shop.har',
      rows: [],
      replay,
      original: { snapshot: loginCapture(), source: { kind: 'live' } },
      showing: 'replay'
    })
    await runCommand('save-har', client, store)
    expect(asked[0]).toMatchObject({ view: 'replay', name: 'shop.har' })
    expect(asked[0]!.har).toContain('http://replayed.test/again')
  })
})
