// The start screen's "open a browser" button: list the browsers installed here, and start one
// through the proxy in a throwaway profile. The page names a browser only by an id from the
// list, never by a path, so it cannot make the main process run a program of its choosing.
import { discoverBrowsers, type DiscoverOptions } from '../browser/discover'
import { hostDiscovery } from '../browser'
import { launchBrowser, type BrowserHandle, type LaunchOptions } from '../browser/launch'
import type { BrowserChoice, LaunchBrowserResult } from '../../shared/api/contract'
import type { CaTrust } from '../browser/trust'
import { CHANNELS } from './channels'
import type { Handle } from './handle'
import { browserIdArgs, noArgs } from './validate'

export type { BrowserChoice, LaunchBrowserResult }

export interface BrowserIpcDeps {
  proxyUrl: () => string
  discovery?: () => DiscoverOptions
  launch?: (opts: LaunchOptions) => Promise<BrowserHandle>
  /** Roundtrip's CA, trusted by the browsers started here (HTTPS interception). */
  trust?: () => Promise<CaTrust>
}

/** Registers the two channels; `closeAll` ends every browser started here (on quit). */
export function registerBrowserIpc(handle: Handle, deps: BrowserIpcDeps): { closeAll(): Promise<void> } {
  const discovery = deps.discovery ?? hostDiscovery
  const launch = deps.launch ?? launchBrowser
  const running = new Set<BrowserHandle>()

  handle(CHANNELS.listBrowsers, noArgs, (): BrowserChoice[] =>
    discoverBrowsers(discovery()).map(({ id, name, family, path }) => ({ id, name, family, path }))
  )

  handle(CHANNELS.launchBrowser, browserIdArgs, async (id): Promise<LaunchBrowserResult> => {
    const browser = discoverBrowsers(discovery()).find((b) => b.id === id)
    if (!browser)
      return { status: 'error', error: `No browser "${id}" is installed here any more. Refresh the list.` }
    try {
      const h = await launch({ browser, proxyUrl: deps.proxyUrl(), trust: await deps.trust?.() })
      running.add(h)
      void h.exited.then(() => running.delete(h))
      return { status: 'launched', name: browser.name }
    } catch (err) {
      return { status: 'error', error: (err as Error).message }
    }
  })

  return {
    async closeAll() {
      await Promise.all([...running].map((h) => h.close()))
    }
  }
}
