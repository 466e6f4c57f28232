// Save HAR saves what is on screen: the live capture (the engine exports it), an opened file or a replay
// (the page sends the HAR of what it shows, and says which, for the dialog's title).
import { describe, expect, it } from 'vitest'
import type { SaveHarOptions } from '../../../src/shared/api/contract'
import { runCommand } from '../../../src/renderer/src/app/commands'
import { createRoundtripStore } from '../../../src/renderer/src/store'
import { nthExchange, loginStory, snapshot } from '../../helpers/capture-factory'
import { fakeClient } from '../fake-client'

function setup() {
  const store = createRoundtripStore()
  const client = fakeClient(loginStory())
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
    store.getState().applySnapshot(loginStory())
    await runCommand('save-har', client, store)
    expect(asked).toEqual([{}])
  })

  it('sends the opened file as it is on screen, named', async () => {
    const { store, client, asked } = setup()
    const file = snapshot({ exchanges: [nthExchange(1, { url: 'http://opened.test/only-in-the-file' })] })
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
    const replay = snapshot({ exchanges: [nthExchange(1, { url: 'http://replayed.test/again' })] })
    store.getState().applySnapshot(replay, { kind: 'file', fileName: 'Replay of shop.har', warnings: [] })
    store.getState().setReplayResults({
      jar: 'fresh',
      sourceName: 'shop.har',
      rows: [],
      replay,
      original: { snapshot: loginStory(), source: { kind: 'live' } },
      showing: 'replay'
    })
    await runCommand('save-har', client, store)
    expect(asked[0]).toMatchObject({ view: 'replay', name: 'shop.har' })
    expect(asked[0]!.har).toContain('http://replayed.test/again')
  })

  it('exports the live capture without cookie values through the engine', async () => {
    const { store, client, asked } = setup()
    store.getState().applySnapshot(loginStory())
    await runCommand('export-redacted', client, store)
    expect(asked).toEqual([{ redact: true }])
  })

  it('exports an opened file without cookie values: no value of its Cookie or Set-Cookie is left', async () => {
    const { store, client, asked } = setup()
    const file = loginStory()
    store.getState().applySnapshot(file, { kind: 'file', fileName: 'shop.har', warnings: [] })
    // Every cookie value the file holds: each pair of a Cookie header, the first pair of a Set-Cookie.
    const values = file.exchanges.flatMap((x) => [
      ...x.requestHeaders
        .filter(([name]) => /^cookie$/i.test(name))
        .flatMap(([, v]) => v.split(';').map((pair) => pair.split('=')[1]?.trim() ?? '')),
      ...(x.responseHeaders ?? [])
        .filter(([name]) => /^set-cookie$/i.test(name))
        .map(([, v]) => v.split(';')[0]!.split('=')[1]?.trim() ?? '')
    ])
    expect(values.length).toBeGreaterThan(2)
    await runCommand('export-redacted', client, store)
    expect(asked[0]).toMatchObject({ view: 'file', name: 'shop.har', redact: true })
    const text = asked[0]!.har!
    expect(JSON.parse(text).log.entries).toHaveLength(file.exchanges.length)
    for (const value of values.filter((v) => v.length > 3)) expect(text).not.toContain(value)
  })
})
