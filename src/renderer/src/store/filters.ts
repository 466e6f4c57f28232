// Whether an exchange matches the filters. Plain functions; the store only holds the filter text.
import type { CapturedExchange, ServerSessionEvent } from '../../../shared/model'
import { cookiesOf } from '../model/exchange-cookies'
import { urlParts } from '../../../shared/http'
import type { Filters } from './ui-slice'

export function isFiltering(f: Filters): boolean {
  return Object.values(f).some((v) => v.trim() !== '')
}

export function statusMatches(x: CapturedExchange, filter: string): boolean {
  const f = filter.trim().toLowerCase()
  if (!f) return true
  if (f === 'error') return x.state === 'error'
  if (f === 'pending') return x.state === 'pending'
  if (x.status === undefined) return false
  const s = String(x.status)
  if (/^\dxx$/.test(f)) return s[0] === f[0]
  return s.startsWith(f)
}

function cookieNames(x: CapturedExchange): string[] {
  const { sent, set } = cookiesOf(x)
  return [...sent.map((c) => c.name), ...set.map((c) => c.name)]
}

function cookieValues(x: CapturedExchange): string[] {
  const { sent, set } = cookiesOf(x)
  return [...sent.map((c) => c.value), ...set.map((c) => c.value)]
}

function searchText(x: CapturedExchange): string {
  const parts = [x.method, x.url, String(x.status ?? ''), x.error?.message ?? '']
  for (const [n, v] of x.requestHeaders) parts.push(`${n}: ${v}`)
  for (const [n, v] of x.responseHeaders ?? []) parts.push(`${n}: ${v}`)
  return parts.join('\n').toLowerCase()
}

/** `eventsByExchange` lets a session-ID filter match the exchange where the server created it. */
export function exchangeMatches(
  x: CapturedExchange,
  f: Filters,
  eventsByExchange?: Map<string, ServerSessionEvent[]>
): boolean {
  const host = f.host.trim().toLowerCase()
  if (host && !urlParts(x.url).host.toLowerCase().includes(host)) return false
  const method = f.method.trim().toUpperCase()
  if (method && x.method.toUpperCase() !== method) return false
  if (!statusMatches(x, f.status)) return false
  const cookie = f.cookieName.trim().toLowerCase()
  if (cookie && !cookieNames(x).some((n) => n.toLowerCase() === cookie)) return false
  const sid = f.sessionId.trim()
  if (sid) {
    const inCookies = cookieValues(x).some((v) => v.includes(sid))
    const inEvents = eventsByExchange
      ?.get(x.id)
      ?.some((e) => e.sessionId.includes(sid) || e.previousId?.includes(sid))
    if (!inCookies && !inEvents) return false
  }
  const search = f.search.trim().toLowerCase()
  if (search && !searchText(x).includes(search)) return false
  return true
}
