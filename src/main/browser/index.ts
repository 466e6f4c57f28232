// One call for the app's button and for `roundtrip serve --browser [NAME|PATH]`: find the
// browser the user asked for (or the first one installed) and start it through the proxy.
import { existsSync } from 'node:fs'
import { discoverBrowsers, resolveBrowser, type DiscoverOptions, type FoundBrowser } from './discover'
import { BrowserExitError, type BrowserExitParams } from './exit'
import { launchBrowser, type BrowserHandle } from './launch'
import { noBrowserFound } from './manual'
import type { CaTrust } from './trust'

export type { FoundBrowser } from './discover'
export type { BrowserHandle } from './launch'
export { browserExitText, type BrowserExitParams } from './exit'

/** This machine: the real platform, environment and file system. */
export function hostDiscovery(): DiscoverOptions {
  return { platform: process.platform, env: process.env, exists: (p) => existsSync(p) }
}

export function listBrowsers(opts: DiscoverOptions = hostDiscovery()): FoundBrowser[] {
  return discoverBrowsers(opts)
}

export interface OpenBrowserOptions {
  /** A name ('firefox', 'chrome'), a path, or nothing for the first browser found. */
  choice?: string
  proxyUrl: string
  url?: string
  extraArgs?: string[]
  /** Shown in the "no browser found" sentence when a web API serves /proxy.pac. */
  pacUrl?: string
  discovery?: DiscoverOptions
  /** Roundtrip's CA for the browser to trust (HTTPS interception). */
  trust?: () => Promise<CaTrust>
}

export type OpenBrowserResult =
  { ok: true; handle: BrowserHandle } | { ok: false; error: string; exit?: BrowserExitParams }

/** Never throws: a browser that cannot be found or started comes back as a sentence. */
export async function openBrowser(opts: OpenBrowserOptions): Promise<OpenBrowserResult> {
  const discovery = opts.discovery ?? hostDiscovery()
  const resolved = resolveBrowser(opts.choice, discovery)
  if (!resolved.ok) {
    const none = !opts.choice && discoverBrowsers(discovery).length === 0
    return {
      ok: false,
      error: none ? noBrowserFound(opts.proxyUrl, { pacUrl: opts.pacUrl }) : resolved.error
    }
  }
  try {
    const handle = await launchBrowser({
      browser: resolved.browser,
      proxyUrl: opts.proxyUrl,
      url: opts.url,
      extraArgs: opts.extraArgs,
      trust: await opts.trust?.()
    })
    return { ok: true, handle }
  } catch (err) {
    if (err instanceof BrowserExitError) return { ok: false, error: err.message, exit: err.params }
    return { ok: false, error: (err as Error).message }
  }
}
