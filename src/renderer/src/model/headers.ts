// Header look-ups over ordered [name, value] pairs (never joined: two Set-Cookie lines stay two).
import type { HeaderPair } from '../../../shared/model'

export function headerValues(pairs: HeaderPair[] | undefined, name: string): string[] {
  if (!pairs) return []
  const lower = name.toLowerCase()
  return pairs.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v)
}

export function headerValue(pairs: HeaderPair[] | undefined, name: string): string | undefined {
  return headerValues(pairs, name)[0]
}

export interface UrlParts {
  scheme: string
  host: string
  path: string
}

/** Splits a captured URL; a CONNECT target or a broken URL yields what can be read from it. */
export function urlParts(url: string): UrlParts {
  try {
    const u = new URL(url)
    return { scheme: u.protocol.replace(':', ''), host: u.host, path: u.pathname + u.search }
  } catch {
    return { scheme: '', host: url.split('/')[0] ?? url, path: url }
  }
}
