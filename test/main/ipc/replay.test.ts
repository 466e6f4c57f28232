// The replay channel: its arguments are checked before anything runs, and a recorded login on the
// sample site, replayed through a real engine's proxy, logs in again with a new session ID, is
// captured live by that engine, and comes back as rows plus the replay's own capture.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Har } from 'har-format'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ReplayOutcome } from '../../../src/main/replay/runner'
import { CHANNELS } from '../../../src/main/ipc/channels'
import { replayArgs } from '../../../src/main/ipc/validate'
import { PAGE as page, wireIpc, type IpcWiring } from '../../helpers/ipc'
import { eventually } from '../../helpers/net'
import { recordLogin, sidOf } from '../../helpers/record-login'

let wired: IpcWiring | undefined
let engine: IpcWiring['engine'] | undefined
let recorded: { har: Har; recordedSid: string }
let dir: string

beforeAll(async () => {
  recorded = await recordLogin()
  dir = await mkdtemp(join(tmpdir(), 'roundtrip-ipc-replay-'))
  return () => rm(dir, { recursive: true, force: true })
})
afterEach(async () => {
  await wired?.close()
  wired = engine = undefined
})

/** A fresh engine behind the real IPC door; `opened` is opened through the Open dialog first. */
async function wire(opened?: { har: Har; name: string }) {
  const w = (wired = await wireIpc())
  engine = w.engine
  if (opened) {
    w.answer.open = join(dir, opened.name)
    await writeFile(w.answer.open, JSON.stringify(opened.har))
    const result = (await w.call(CHANNELS.openHar)) as { status: string }
    expect(result.status).toBe('opened')
  }
  return (event: unknown, ...args: unknown[]) => w.callFrom(event, CHANNELS.replay, ...args)
}

describe('replay arguments', () => {
  it('accepts a jar and a source, and nothing else', () => {
    expect(replayArgs('replay', [{ jar: 'fresh', source: 'live' }])).toEqual([
      { jar: 'fresh', source: 'live' }
    ])
    expect(replayArgs('replay', [{ jar: 'recorded', source: 'opened' }])).toEqual([
      { jar: 'recorded', source: 'opened' }
    ])
  })

  it('refuses anything else with a sentence naming the problem', () => {
    expect(() => replayArgs('replay', [])).toThrow(/takes one options object, got 0/)
    expect(() => replayArgs('replay', ['fresh'])).toThrow(/must be an object/)
    expect(() => replayArgs('replay', [[{ jar: 'fresh' }]])).toThrow(/must be an object/)
    expect(() => replayArgs('replay', [{ jar: 'stale', source: 'live' }])).toThrow(
      /"jar" must be "fresh" or "recorded"/
    )
    expect(() => replayArgs('replay', [{ jar: 'fresh', source: '/etc/passwd' }])).toThrow(
      /"source" must be "live" or "opened"/
    )
    expect(() => replayArgs('replay', [{ jar: 'fresh', source: 'live', via: 'http://evil' }])).toThrow(
      /unknown replay option "via"/
    )
  })

  it('checks the arguments in main too, and refuses pages that are not the app', async () => {
    const call = await wire()
    await expect(call(page, { jar: 'fresh', source: 'live', har: {} })).rejects.toThrow(
      /unknown replay option/
    )
    await expect(
      call({ senderFrame: { url: 'https://evil.example/', parent: null } }, { jar: 'fresh', source: 'live' })
    ).rejects.toThrow(/refused a call/)
  })
})

describe('replay through the engine', () => {
  it('replays the opened login with a fresh jar: a new session ID, captured live, and its own capture', async () => {
    const call = await wire({ har: recorded.har, name: 'login.har' })
    const outcome = (await call(page, { jar: 'fresh', source: 'opened' })) as ReplayOutcome
    if (outcome.status !== 'replayed') throw new Error(outcome.error)
    expect(outcome.sourceName).toBe('login.har')
    expect(outcome.rows.map((r) => [r.method, new URL(r.url).pathname, r.recordedStatus, r.status])).toEqual([
      ['GET', '/login', 200, 200],
      ['POST', '/login', 303, 303],
      ['GET', '/account', 200, 200]
    ])
    const login = outcome.rows[1]!
    const sidChange = login.cookieChanges.find((c) => /sid/i.test(c.name))!
    expect(sidChange.change).toBe('changed')
    expect(sidChange.now).not.toBe(sidChange.recorded)
    expect(`${sidChange.name}=${sidChange.recorded}`).toBe(recorded.recordedSid)
    // The server knows alice under the new ID only, and /account was reached with it.
    expect(
      engine!.sample
        .sessions()
        .filter((s) => s.user === 'alice')
        .map((s) => s.id)
    ).toEqual([sidChange.now])
    expect(outcome.rows[2]!.sentCookie).toContain(`${sidChange.name}=${sidChange.now}`)
    // The replay went through the engine's proxy, so the live capture has it too.
    const live = await eventually(() => {
      const urls = engine!.store.snapshot().exchanges.map((e) => `${e.method} ${e.url}`)
      expect(urls).toHaveLength(3)
      return urls
    })
    expect(live).toEqual([
      'GET http://roundtrip.test/login',
      'POST http://roundtrip.test/login',
      'GET http://roundtrip.test/account'
    ])
    // And the replay's own capture is a new recording with the new Set-Cookie in it.
    expect(outcome.snapshot.exchanges.map((e) => e.status)).toEqual([200, 303, 200])
    const replayedSid = sidOf(
      outcome.snapshot.exchanges[1]!.responseHeaders!.filter(([n]) => n.toLowerCase() === 'set-cookie').map(
        ([, v]) => v
      )
    )
    expect(replayedSid).toBe(`${sidChange.name}=${sidChange.now}`)
  })

  it('with the recorded jar sends the stale session ID and is turned away', async () => {
    const call = await wire({ har: recorded.har, name: 'login.har' })
    const outcome = (await call(page, { jar: 'recorded', source: 'opened' })) as ReplayOutcome
    if (outcome.status !== 'replayed') throw new Error(outcome.error)
    expect(outcome.rows[2]!.sentCookie).toContain(recorded.recordedSid)
    expect(outcome.rows.map((r) => r.status)).toEqual([200, 403, 303])
  })

  it('says so when nothing is open, and when the live capture is empty', async () => {
    const call = await wire()
    await expect(call(page, { jar: 'fresh', source: 'opened' })).resolves.toEqual({
      status: 'error',
      error: 'No recording is open to replay. Open a HAR file first.'
    })
    await expect(call(page, { jar: 'fresh', source: 'live' })).resolves.toMatchObject({
      status: 'error',
      error: expect.stringMatching(/no requests to replay/)
    })
  })

  it('runs one replay at a time', async () => {
    const call = await wire({ har: recorded.har, name: 'login.har' })
    const first = call(page, { jar: 'fresh', source: 'opened' })
    const second = (await call(page, { jar: 'fresh', source: 'opened' })) as ReplayOutcome
    expect(second).toEqual({ status: 'error', error: 'A replay is already running. Wait for it to finish.' })
    expect(((await first) as ReplayOutcome).status).toBe('replayed')
  })
})
