import { existsSync } from 'node:fs'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  chromiumArgs,
  firefoxArgs,
  firefoxPrefs,
  firefoxUserJs,
  launchBrowser,
  type BrowserHandle
} from '../../../src/main/browser/launch'
import { openBrowser } from '../../../src/main/browser'

describe('browser arguments and profiles', () => {
  it('points the Chromium family at the proxy, loopback included, with no first-run screens', () => {
    const args = chromiumArgs('http://127.0.0.1:8080', '/tmp/p', 'http://roundtrip.test/', ['--headless=new'])
    expect(args).toEqual([
      '--proxy-server=http://127.0.0.1:8080',
      '--proxy-bypass-list=<-loopback>',
      '--user-data-dir=/tmp/p',
      '--no-first-run',
      '--no-default-browser-check',
      '--headless=new',
      'http://roundtrip.test/'
    ])
  })

  it('gives Firefox a profile that proxies everything, localhost included', () => {
    const prefs = firefoxPrefs('http://127.0.0.1:8099')
    expect(prefs).toMatchObject({
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': 8099,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': 8099,
      'network.proxy.allow_hijacking_localhost': true,
      'network.proxy.no_proxies_on': '',
      'browser.shell.checkDefaultBrowser': false,
      'browser.aboutwelcome.enabled': false
    })
    const js = firefoxUserJs('http://127.0.0.1:8099')
    expect(js).toContain('user_pref("network.proxy.type", 1);')
    expect(js).toContain('user_pref("network.proxy.http", "127.0.0.1");')
    expect(js).toContain('user_pref("network.proxy.no_proxies_on", "");')
    expect(js).toContain('user_pref("network.proxy.allow_hijacking_localhost", true);')
    expect(firefoxArgs('/tmp/ff', 'http://roundtrip.test/')).toEqual([
      '-profile',
      '/tmp/ff',
      '-no-remote',
      '-new-instance',
      'http://roundtrip.test/'
    ])
  })

  it('writes user.js into the temporary Firefox profile and removes the profile on exit', async () => {
    // A stand-in "firefox": a script that copies the user.js it was given out of its profile.
    const dir = await mkdtemp(join(tmpdir(), 'roundtrip-fake-firefox-'))
    try {
      const fake = join(dir, 'firefox')
      const copy = join(dir, 'copied-user.js')
      await writeFile(
        fake,
        `#!/bin/sh\n[ "$1" = -profile ] && cp "$2/user.js" '${copy}'\necho "$@" > '${copy}.args'\n`
      )
      await chmod(fake, 0o755)
      const handle = await launchBrowser({
        browser: { id: 'firefox', name: 'Firefox', family: 'firefox', path: fake },
        proxyUrl: 'http://127.0.0.1:8099'
      })
      expect(await handle.exited).toBe(0)
      expect(existsSync(handle.profileDir)).toBe(false)
      expect(await readFile(copy, 'utf8')).toBe(firefoxUserJs('http://127.0.0.1:8099'))
      expect((await readFile(`${copy}.args`, 'utf8')).trim()).toBe(
        `-profile ${handle.profileDir} -no-remote -new-instance http://roundtrip.test/`
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('reports a browser that cannot be started as a sentence and leaves no profile behind', async () => {
    const r = await openBrowser({ choice: '/nonexistent/chromium', proxyUrl: 'http://127.0.0.1:1' })
    expect(!r.ok && r.error).toMatch(/No browser at \/nonexistent\/chromium/)
    await expect(
      launchBrowser({
        browser: { id: 'x', name: 'Nothing', family: 'chromium', path: '/nonexistent/chromium' },
        proxyUrl: 'http://127.0.0.1:1'
      })
    ).rejects.toThrow(/Could not start Nothing at \/nonexistent\/chromium \(ENOENT\)/)
  })
})

describe('launching Chromium through a proxy', () => {
  let server: Server | undefined
  let handle: BrowserHandle | undefined

  afterEach(async () => {
    await handle?.close()
    await new Promise((r) => server?.close(r) ?? r(undefined))
    handle = undefined
    server = undefined
  })

  it('opens http://roundtrip.test/ through the proxy and removes its profile after close()', async () => {
    const seen: string[] = []
    let sawSample!: () => void
    const requested = new Promise<void>((r) => (sawSample = r))
    server = createServer((req, res) => {
      seen.push(req.url ?? '')
      if (req.url === 'http://roundtrip.test/') sawSample()
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<!doctype html><title>sample</title><p>hello')
    })
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r))
    const port = (server.address() as AddressInfo).port

    const r = await openBrowser({
      choice: '/usr/bin/chromium',
      proxyUrl: `http://127.0.0.1:${port}`,
      extraArgs: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync'
      ]
    })
    if (!r.ok) throw new Error(r.error)
    handle = r.handle
    expect(existsSync(handle.profileDir)).toBe(true)

    const timeout = new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`no request for the sample site; saw ${JSON.stringify(seen)}`)),
        20_000
      )
    )
    await Promise.race([requested, timeout])
    expect(seen).toContain('http://roundtrip.test/')

    await handle.close()
    expect(existsSync(handle.profileDir)).toBe(false)
  })
})
