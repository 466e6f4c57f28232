// Where a request came from, for SameSite: the browser's own Sec-Fetch-Site header when it sent one,
// otherwise the capture's page (its top-level site) compared with the request's site, otherwise unknown.
import type { CapturedExchange } from '../model'
import { headerValue } from '../http'
import { hostAndPath, siteOf } from './jar-helpers'
import type { SiteContext } from './jar'

/** A page of the capture (HAR `log.pages`): its id and title (Chrome writes the page's URL there). */
export interface PageInfo {
  id: string
  title?: string
}

const header = (x: CapturedExchange, name: string): string | undefined =>
  headerValue(x.requestHeaders, name)?.toLowerCase()

function isNavigation(x: CapturedExchange): boolean {
  const safe = ['GET', 'HEAD'].includes(x.method.toUpperCase())
  const nav = header(x, 'sec-fetch-mode') === 'navigate' || x.resourceType === 'document'
  return safe && nav
}

function siteOfUrl(url: string): string | undefined {
  if (!/^(https?|wss?):\/\//i.test(url)) return undefined
  const { host } = hostAndPath(url)
  return host ? siteOf(host) : undefined
}

const isHtml = (x: CapturedExchange): boolean =>
  /html/i.test(headerValue(x.responseHeaders, 'content-type') ?? '')

/**
 * The top-level site of each page: its title when the tool wrote the page's URL there (Chrome does),
 * otherwise the URL of the page's first document request.
 */
export function topLevelSites(
  exchanges: readonly CapturedExchange[],
  pages: readonly PageInfo[]
): Map<string, string> {
  const out = new Map<string, string>()
  for (const page of pages) {
    const fromTitle = typeof page.title === 'string' ? siteOfUrl(page.title) : undefined
    const first = fromTitle
      ? undefined
      : exchanges.find((x) => x.pageRef === page.id && (isNavigation(x) || isHtml(x)))
    const site = fromTitle ?? (first ? siteOfUrl(first.url) : undefined)
    if (site && typeof page.id === 'string') out.set(page.id, site)
  }
  return out
}

export function siteContext(x: CapturedExchange, topLevelSite?: string): SiteContext {
  const fetchSite = header(x, 'sec-fetch-site')
  if (fetchSite === 'same-origin' || fetchSite === 'same-site' || fetchSite === 'none') return 'same-site'
  if (fetchSite === 'cross-site') return isNavigation(x) ? 'cross-site-navigation' : 'cross-site'
  if (!topLevelSite) return 'unknown'
  const site = siteOfUrl(x.url)
  if (!site) return 'unknown'
  if (site === topLevelSite || isNavigation(x))
    return site === topLevelSite ? 'same-site' : 'cross-site-navigation'
  return 'cross-site'
}
