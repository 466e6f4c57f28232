// The start screen's browsers: those installed here, and starting one through the proxy in a
// throwaway profile. A browser is named only by an id from the list, never by a path, so a caller
// cannot make the engine run a program of its choosing.
import type { BrowserChoice } from '../../shared/api/contract'
import { hostDiscovery } from '../browser'
import { discoverBrowsers, type DiscoverOptions } from '../browser/discover'
import { launchBrowser, type BrowserHandle, type LaunchOptions } from '../browser/launch'
import type { CaTrust } from '../browser/trust'
import { ServiceError } from './errors'

export interface BrowsersDeps {
  proxyUrl: () => string
  discovery?: () => DiscoverOptions
  launch?: (opts: LaunchOptions) => Promise<BrowserHandle>
  /** Roundtrip's CA, trusted by the browsers started here (HTTPS interception). */
  trust?: () => Promise<CaTrust>
}

export function createBrowsers(deps: BrowsersDeps) {
  const discovery = deps.discovery ?? hostDiscovery
  const launch = deps.launch ?? launchBrowser
  const running = new Set<BrowserHandle>()
  return {
    list(): BrowserChoice[] {
      return discoverBrowsers(discovery()).map(({ id, name, family, path }) => ({ id, name, family, path }))
    },
    async launch(id: string): Promise<{ name: string }> {
      const browser = discoverBrowsers(discovery()).find((b) => b.id === id)
      if (!browser) {
        throw new ServiceError(
          'not-found',
          `No browser "${id}" is installed here any more. Refresh the list.`,
          {
            id
          }
        )
      }
      try {
        const h = await launch({ browser, proxyUrl: deps.proxyUrl(), trust: await deps.trust?.() })
        running.add(h)
        void h.exited.then(() => running.delete(h))
        return { name: browser.name }
      } catch (err) {
        throw new ServiceError('failed', (err as Error).message, { id })
      }
    },
    /** Ends every browser started here (on quit). */
    async closeAll(): Promise<void> {
      await Promise.all([...running].map((h) => h.close()))
    }
  }
}
