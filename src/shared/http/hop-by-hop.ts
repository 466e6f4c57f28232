// Hop-by-hop header fields (RFC 9110 §7.6.1): they describe one connection, not the message, so a
// proxy drops them on the way through, in both directions. The capture keeps what the client and the
// origin really sent; only what is forwarded is filtered. Pure: the proxy and the UI share it.

/** Always hop-by-hop, whatever the Connection header says. */
export const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  // A challenge from a proxy to its own client (RFC 9110 §11.7.1), never the origin's to pass on.
  'proxy-authenticate',
  'te',
  // Announces trailer fields; the proxy re-frames the body and forwards only the trailers that
  // really arrive, so a stale announcement is not passed on.
  'trailer',
  'transfer-encoding',
  'upgrade'
] as const

const ALWAYS = new Set<string>(HOP_BY_HOP)

/** The option names a Connection header value lists (`close, X-Secret` → `close`, `x-secret`). */
export function connectionOptions(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return []
  const text = typeof value === 'string' ? value : value.join(',')
  return text
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token.length > 0)
}

/**
 * Every header name (lower case) a proxy must not forward for a message whose Connection header
 * is `connection`: the fixed list plus each name Connection lists.
 */
export function hopByHopNames(connection: string | readonly string[] | undefined): ReadonlySet<string> {
  // Most messages carry no Connection header, or one naming nothing else: the fixed set, shared.
  if (connection === undefined) return ALWAYS
  const options = connectionOptions(connection)
  if (options.every((option) => ALWAYS.has(option))) return ALWAYS
  const names = new Set(ALWAYS)
  for (const option of options) names.add(option)
  return names
}

/**
 * What a proxy may pass on of a request's TE header: only `trailers` (the client can take trailer
 * fields), which the next hop may still use. Transfer codings asked for in TE belong to this hop.
 */
export function forwardableTe(value: string | readonly string[] | undefined): 'trailers' | undefined {
  const tokens = connectionOptions(value).map((t) => t.split(';')[0]!.trim())
  return tokens.includes('trailers') ? 'trailers' : undefined
}

/** True when a Connection value asks to close the connection after this message. */
export function asksToClose(value: string | readonly string[] | undefined): boolean {
  return connectionOptions(value).includes('close')
}
