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

/**
 * An http(s)/ws(s) URL's origin depends only on what comes before its path, query or fragment (whether
 * it can be read at all too: the URL parser never fails on the later parts): origins read are kept per
 * that prefix, since a capture names few.
 */
const origins = new Map<string, string>()

const SCHEMES = /^(?:https?|wss?)$/i

/**
 * `scheme://authority` of an http(s) or ws(s) URL: up to where its authority ends ('/', '?', '#' or
 * '\\', which the URL parser reads as '/' in these schemes); undefined for any other URL or an empty
 * authority. What a URL's origin (or anything else read from its host) depends on.
 */
export function authorityPrefix(url: string): string | undefined {
  const sep = url.indexOf('://')
  if (sep < 2 || sep > 5 || !SCHEMES.test(url.slice(0, sep))) return undefined
  const start = sep + 3
  let end = start
  for (; end < url.length; end++) {
    const c = url.charCodeAt(end)
    // '/', '?', '#', '\\'
    if (c === 47 || c === 63 || c === 35 || c === 92) break
  }
  return end === start ? undefined : url.slice(0, end)
}

/** scheme://host:port with the default port spelled out; the URL itself when it cannot be read. */
export function originOf(url: string): string {
  const prefix = authorityPrefix(url)
  let origin = prefix === undefined ? undefined : origins.get(prefix)
  if (origin === undefined) {
    origin = readOrigin(url)
    // Only an origin read is kept (a URL that cannot be read answers itself).
    if (origin === undefined) return url
    if (prefix !== undefined) {
      if (origins.size >= 1024) origins.clear()
      origins.set(prefix, origin)
    }
  }
  return origin
}

function readOrigin(url: string): string | undefined {
  try {
    const u = new URL(url)
    const port = u.port || (u.protocol === 'https:' || u.protocol === 'wss:' ? '443' : '80')
    return `${u.protocol}//${u.hostname}:${port}`
  } catch {
    return undefined
  }
}

/** The query string's name/value pairs, in order. */
export function queryPairs(url: string): { name: string; value: string }[] {
  return [...new URLSearchParams(urlParts(url).search)].map(([name, value]) => ({ name, value }))
}
