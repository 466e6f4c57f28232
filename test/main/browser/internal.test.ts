// The browser's own background traffic is marked on the record, so the timeline can hide it; and
// Firefox started by Roundtrip makes (almost) none of it.
import { afterEach, describe, expect, it } from 'vitest'
import type { CaptureSnapshot } from '../../../src/shared/model'
import { isBrowserInternalHost, isBrowserInternalUrl } from '../../../src/main/browser/internal-hosts'
import { startEngine, type Engine } from '../../../src/main/engine'
import { eventually, execFileP } from '../../helpers/net'
import { apiRequest, startServe, type RunningServe } from '../../helpers/serve'

let engine: Engine | undefined
let serve: RunningServe | undefined
afterEach(async () => {
  await engine?.close({ graceMs: 0 })
  await serve?.stop()
  engine = serve = undefined
})

const SAMPLE = new Set(['roundtrip.test', 'tracker.test'])

describe('browser-internal traffic', () => {
  it('names the services browsers call on their own, and not the pages people visit', () => {
    for (const host of [
      'firefox.settings.services.mozilla.com',
      'incoming.telemetry.mozilla.org',
      'detectportal.firefox.com',
      'safebrowsing.googleapis.com',
      'update.googleapis.com',
      'clients2.google.com'
    ])
      expect(isBrowserInternalHost(host), host).toBe(true)
    for (const host of ['roundtrip.test', 'developer.mozilla.org', 'www.google.com', 'example.com'])
      expect(isBrowserInternalHost(host), host).toBe(false)
  })

  it('reads the host of a URL as the URL parser does, the same answer every time it is asked', () => {
    const cases: [string, boolean][] = [
      ['http://detectportal.firefox.com/canonical.html', true],
      ['http://detectportal.firefox.com/other?x=1', true],
      ['HTTP://DetectPortal.Firefox.com.:80/', true],
      ['https://clients2.google.com?x', true],
      ['http://clients2.google.com\\path', true],
      ['http://clients2.google.com#frag', true],
      ['http://clients2.google.com.evil.example/', false],
      ['http://evil.example/http://clients2.google.com/', false],
      ['http://example.com@clients2.google.com/', true],
      ['http://clients2.google.com:99999/', false],
      ['not a url', false],
      ['ftp://clients2.google.com/', true]
    ]
    for (let round = 0; round < 2; round++)
      for (const [url, internal] of cases) expect(isBrowserInternalUrl(url), url).toBe(internal)
  })

  it('marks a tunnel and an exchange to such a host as the proxy records them', async () => {
    engine = await startEngine({ proxyPort: 0, samplePort: 0, batchMs: 10, upstreamTimeoutMs: 2000 })
    const proxy = engine.proxyUrl
    // Whether or not this machine reaches the internet, both are recorded (as errors when it does not).
    await execFileP('curl', ['-sS', '-m', '5', '-x', proxy, 'https://incoming.telemetry.mozilla.org/']).catch(
      () => undefined
    )
    await execFileP('curl', [
      '-sS',
      '-m',
      '5',
      '-x',
      proxy,
      'http://detectportal.firefox.com/canonical.html'
    ]).catch(() => undefined)
    await execFileP('curl', ['-sS', '-x', proxy, 'http://roundtrip.test/'])
    const snap = await eventually(() => {
      const s = engine!.store.snapshot()
      expect(s.exchanges.filter((x) => x.state !== 'pending')).toHaveLength(2)
      expect(s.tunnels).toHaveLength(1)
      return s
    }, 10_000)
    expect(snap.tunnels[0]!.browserInternal).toBe(true)
    expect(snap.exchanges.map((x) => [new URL(x.url).hostname, x.browserInternal ?? false])).toEqual([
      ['detectportal.firefox.com', true],
      ['roundtrip.test', false]
    ])
  })

  it('leaves at most 3 browser-internal exchanges from Firefox in 15 s on the sample site, each marked', async () => {
    serve = await startServe(['--browser', '/usr/bin/firefox-esr', '--browser-arg=--headless'], 30_000)
    const { ui, token } = serve.addresses
    expect(serve.addresses.browser?.pid).toBeGreaterThan(0)
    const snapshot = async (): Promise<CaptureSnapshot> =>
      JSON.parse((await apiRequest(ui, '/api/snapshot', { token })).body) as CaptureSnapshot
    // The page itself arrives (so Firefox really runs through the proxy) ...
    let loaded = false
    for (let i = 0; i < 200 && !loaded; i++) {
      const s = await snapshot()
      loaded = s.exchanges.some((x) => x.url === 'http://roundtrip.test/' && x.status === 200)
      if (!loaded) await new Promise((r) => setTimeout(r, 100))
    }
    expect(loaded).toBe(true)
    // ... and after 15 s of Firefox running, its own traffic is small and marked.
    await new Promise((r) => setTimeout(r, 15_000))
    const s = await snapshot()
    const host = (url: string): string => new URL(url).hostname
    const foreign = [
      ...s.exchanges
        .filter((x) => !SAMPLE.has(host(x.url)))
        .map((x) => ({ what: x.url, marked: x.browserInternal })),
      ...s.tunnels.map((t) => ({ what: `CONNECT ${t.host}:${t.port}`, marked: t.browserInternal }))
    ]
    expect(foreign.length, JSON.stringify(foreign)).toBeLessThanOrEqual(3)
    for (const f of foreign) expect(f.marked, f.what).toBe(true)
  }, 60_000)
})
