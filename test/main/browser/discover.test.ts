import { describe, expect, it } from 'vitest'
import {
  browserAtPath,
  discoverBrowsers,
  resolveBrowser,
  type DiscoverOptions
} from '../../../src/main/browser/discover'

function machine(platform: NodeJS.Platform, env: Record<string, string>, files: string[]): DiscoverOptions {
  const set = new Set(files)
  return { platform, env, exists: (p) => set.has(p) }
}

describe('discoverBrowsers', () => {
  it('finds browsers on PATH and in /opt on Linux, in preference order, each once', () => {
    const m = machine('linux', { PATH: '/home/u/bin:/usr/local/bin:/usr/bin' }, [
      '/usr/bin/firefox-esr',
      '/usr/bin/chromium',
      '/usr/local/bin/chromium',
      '/opt/google/chrome/chrome',
      '/opt/brave.com/brave/brave-browser'
    ])
    expect(discoverBrowsers(m)).toEqual([
      { id: 'chromium', name: 'Chromium', family: 'chromium', path: '/usr/local/bin/chromium' },
      { id: 'chrome', name: 'Google Chrome', family: 'chromium', path: '/opt/google/chrome/chrome' },
      { id: 'brave', name: 'Brave', family: 'chromium', path: '/opt/brave.com/brave/brave-browser' },
      { id: 'firefox', name: 'Firefox', family: 'firefox', path: '/usr/bin/firefox-esr' }
    ])
  })

  it('ignores relative PATH entries on Linux and finds snaps', () => {
    const m = machine('linux', { PATH: '.:bin' }, ['bin/chromium', '/snap/bin/firefox'])
    expect(discoverBrowsers(m).map((b) => b.path)).toEqual(['/snap/bin/firefox'])
  })

  it('finds app bundles in /Applications and ~/Applications on macOS', () => {
    const m = machine('darwin', { HOME: '/Users/ann' }, [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Users/ann/Applications/Firefox.app/Contents/MacOS/firefox',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      '/usr/bin/chromium'
    ])
    expect(discoverBrowsers(m).map((b) => [b.id, b.path])).toEqual([
      ['chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
      ['edge', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'],
      ['firefox', '/Users/ann/Applications/Firefox.app/Contents/MacOS/firefox']
    ])
  })

  it('finds browsers under Program Files, Program Files (x86) and LocalAppData on Windows', () => {
    const m = machine(
      'win32',
      {
        ProgramFiles: 'C:\\Program Files',
        'ProgramFiles(x86)': 'C:\\Program Files (x86)',
        LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local'
      },
      [
        'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
        'C:\\Users\\ann\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
        'C:\\Program Files\\BraveSoftware\\Brave-Browser\\Application\\brave.exe',
        'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
        'C:\\Users\\ann\\AppData\\Local\\Chromium\\Application\\chrome.exe'
      ]
    )
    expect(discoverBrowsers(m).map((b) => [b.id, b.path])).toEqual([
      ['chromium', 'C:\\Users\\ann\\AppData\\Local\\Chromium\\Application\\chrome.exe'],
      ['chrome', 'C:\\Users\\ann\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe'],
      ['edge', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'],
      ['brave', 'C:\\Program Files\\BraveSoftware\\Brave-Browser\\Application\\brave.exe'],
      ['firefox', 'C:\\Program Files\\Mozilla Firefox\\firefox.exe']
    ])
  })

  it('finds nothing on an empty machine and survives an exists() that throws', () => {
    expect(discoverBrowsers(machine('linux', { PATH: '/usr/bin' }, []))).toEqual([])
    const throwing: DiscoverOptions = {
      platform: 'linux',
      env: { PATH: '/usr/bin' },
      exists: () => {
        throw new Error('EACCES')
      }
    }
    expect(discoverBrowsers(throwing)).toEqual([])
  })
})

describe('resolveBrowser', () => {
  const m = machine('linux', { PATH: '/usr/bin' }, [
    '/usr/bin/chromium',
    '/usr/bin/firefox',
    '/tmp/x/librewolf'
  ])

  it('takes the first browser found when none is named', () => {
    const r = resolveBrowser(undefined, m)
    expect(r.ok && r.browser.id).toBe('chromium')
  })

  it('matches a name by id or display name, case-insensitively', () => {
    const r = resolveBrowser('FireFox', m)
    expect(r.ok && r.browser.path).toBe('/usr/bin/firefox')
  })

  it('takes a path as it is and guesses the family from the file name', () => {
    const r = resolveBrowser('/tmp/x/librewolf', m)
    expect(r.ok && r.browser.family).toBe('firefox')
    expect(browserAtPath('C:\\Apps\\chrome.exe')).toMatchObject({ family: 'chromium', name: 'chrome.exe' })
  })

  it('says what went wrong for a missing path or an unknown name', () => {
    const missing = resolveBrowser('/opt/nothing/here', m)
    expect(!missing.ok && missing.error).toMatch(/No browser at \/opt\/nothing\/here/)
    const unknown = resolveBrowser('opera', m)
    expect(!unknown.ok && unknown.error).toMatch(/No browser called "opera".*Found: chromium, firefox/)
    const none = resolveBrowser(undefined, machine('linux', {}, []))
    expect(!none.ok && none.error).toMatch(
      /looked for Chromium, Google Chrome, Microsoft Edge, Brave, Firefox/
    )
  })
})
