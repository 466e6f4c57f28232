// The parts of a captured URL. Captured URLs can be anything (a CONNECT target, a broken request line),
// so every function answers something readable instead of throwing.

export interface UrlParts {
  scheme: string
  /** host[:port] as written. */
  host: string
  /** Lower-case host name without brackets or port ('' when there is none). */
  hostname: string
  /** Path and query. */
  path: string
  pathname: string
  search: string
  secure: boolean
}

export function urlParts(url: string): UrlParts {
  let parts = recent.get(url)
  if (!parts) {
    parts = Object.freeze(readUrl(url))
    if (recent.size >= 2048) recent.clear()
    recent.set(url, parts)
  }
  return parts
}

/** The analysis asks for the same URL's parts several times per entry: the last few thousand, shared (frozen). */
const recent = new Map<string, UrlParts>()

function readUrl(url: string): UrlParts {
  try {
    const u = new URL(url)
    return {
      scheme: u.protocol.replace(':', ''),
      host: u.host,
      hostname: u.hostname.toLowerCase().replace(/^\[|\]$/g, ''),
      path: u.pathname + u.search,
      pathname: u.pathname || '/',
      search: u.search,
      secure: u.protocol === 'https:' || u.protocol === 'wss:'
    }
  } catch {
    const q = url.indexOf('?')
    return {
      scheme: '',
      host: url.split('/')[0] ?? url,
      hostname: '',
      path: url,
      pathname: q < 0 ? url : url.slice(0, q),
      search: q < 0 ? '' : url.slice(q),
      secure: false
    }
  }
}

/** scheme://host:port with the default port spelled out; the URL itself when it cannot be read. */
export function originOf(url: string): string {
  try {
    const u = new URL(url)
    const port = u.port || (u.protocol === 'https:' || u.protocol === 'wss:' ? '443' : '80')
    return `${u.protocol}//${u.hostname}:${port}`
  } catch {
    return url
  }
}

/** The query string's name/value pairs, in order. */
export function queryPairs(url: string): { name: string; value: string }[] {
  return [...new URLSearchParams(urlParts(url).search)].map(([name, value]) => ({ name, value }))
}
