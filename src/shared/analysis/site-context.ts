// Where a request came from, for SameSite: the browser's own Sec-Fetch-Site header when it sent one,
// otherwise the capture's page (its top-level site) compared with the request's site, otherwise unknown.
import type { Entry, Page } from 'har-format'
import { hostAndPath, siteOf } from './jar-helpers'
import type { SiteContext } from './jar'

const header = (entry: Entry, name: string): string | undefined =>
  entry.request.headers.find((h) => h.name.toLowerCase() === name)?.value.toLowerCase()

function isNavigation(entry: Entry): boolean {
  const extra = entry as unknown as Record<string, unknown>
  const safe = ['GET', 'HEAD'].includes(entry.request.method.toUpperCase())
  const nav = header(entry, 'sec-fetch-mode') === 'navigate' || extra._resourceType === 'document'
  return safe && nav
}

function siteOfUrl(url: string): string | undefined {
  if (!/^(https?|wss?):\/\//i.test(url)) return undefined
  const { host } = hostAndPath(url)
  return host ? siteOf(host) : undefined
}

/**
 * The top-level site of each page: its title when the tool wrote the page's URL there (Chrome does),
 * otherwise the URL of the page's first document request.
 */
export function topLevelSites(entries: readonly Entry[], pages: readonly Page[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const page of pages) {
    const fromTitle = typeof page.title === 'string' ? siteOfUrl(page.title) : undefined
    const first = fromTitle
      ? undefined
      : entries.find(
          (e) =>
            e.pageref === page.id && (isNavigation(e) || /html/i.test(e.response?.content?.mimeType ?? ''))
        )
    const site = fromTitle ?? (first ? siteOfUrl(first.request.url) : undefined)
    if (site && typeof page.id === 'string') out.set(page.id, site)
  }
  return out
}

export function siteContext(entry: Entry, topLevelSite?: string): SiteContext {
  const fetchSite = header(entry, 'sec-fetch-site')
  if (fetchSite === 'same-origin' || fetchSite === 'same-site' || fetchSite === 'none') return 'same-site'
  if (fetchSite === 'cross-site') return isNavigation(entry) ? 'cross-site-navigation' : 'cross-site'
  if (!topLevelSite) return 'unknown'
  const site = siteOfUrl(entry.request.url)
  if (!site) return 'unknown'
  if (site === topLevelSite || isNavigation(entry))
    return site === topLevelSite ? 'same-site' : 'cross-site-navigation'
  return 'cross-site'
}
