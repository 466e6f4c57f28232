// Which connection carried each entry. Recorded ids are read from every tool's variant: Roundtrip's own
// (`connection` plus `_connectionId`, `_upstreamConnectionId`, `_sequence`, `_upstreamReused`), Chrome's
// (`connection`, or `_connectionId`), Safari's (`connection`); Firefox writes the server port in
// `connection`, which is not an id. Without ids, `timings.connect` tells (>= 0 opened a new connection,
// -1 reused one) where the order leaves no doubt; otherwise there is no connection information.
import type { Entry } from 'har-format'

export interface ConnectionGroup {
  id: string
  /** Positions in `log.entries`, in time order. */
  entries: number[]
  /** scheme://host:port of the first entry on it. */
  origin: string
  /** How many entries reused the connection (all but the first). */
  reused: number
  /** Roundtrip captures: the proxy's upstream connections that carried these entries. */
  upstream?: string[]
}

export interface ConnectionReport {
  source: 'recorded' | 'inferred' | 'none'
  groups: ConnectionGroup[]
  /** One sentence: where the grouping came from, or why there is none. */
  note: string
}

type Extra = Entry & Record<string, unknown>

function originOf(url: string): string {
  try {
    const u = new URL(url)
    const port = u.port || (u.protocol === 'https:' || u.protocol === 'wss:' ? '443' : '80')
    return `${u.protocol}//${u.hostname}:${port}`
  } catch {
    return url
  }
}

const portOf = (url: string): string => originOf(url).split(':').at(-1) ?? ''

function idText(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  if (typeof v === 'string' && v.trim() !== '') return v.trim()
  return undefined
}

function order(entries: readonly Entry[]): number[] {
  let last = 0
  const t = entries.map((e) => {
    const ms = Date.parse(e.startedDateTime)
    if (Number.isFinite(ms)) last = ms
    return last
  })
  return entries.map((_, i) => i).sort((a, b) => (t[a] as number) - (t[b] as number) || a - b)
}

function build(
  entries: readonly Entry[],
  ids: string[],
  upstream?: (string | undefined)[]
): ConnectionGroup[] {
  const groups = new Map<string, ConnectionGroup>()
  for (const i of order(entries)) {
    const id = ids[i] as string
    let g = groups.get(id)
    if (!g) {
      g = { id, entries: [], origin: originOf((entries[i] as Entry).request.url), reused: 0 }
      groups.set(id, g)
    } else g.reused++
    g.entries.push(i)
    const up = upstream?.[i]
    if (up) {
      g.upstream ??= []
      if (!g.upstream.includes(up)) g.upstream.push(up)
    }
  }
  return [...groups.values()].sort((a, b) => (a.entries[0] ?? 0) - (b.entries[0] ?? 0))
}

/** Whether the `connection` field holds server ports (Firefox) rather than connection ids. */
function connectionIsPort(har: { creator?: { name?: string } }, entries: readonly Extra[]): boolean {
  if (/firefox/i.test(har.creator?.name ?? '')) return true
  const withConn = entries.filter((e) => idText(e.connection) !== undefined)
  if (withConn.length === 0) return false
  return withConn.every((e) => {
    const c = idText(e.connection) as string
    return c === portOf(e.request.url) || c === idText(e._serverPort)
  })
}

function recorded(entries: readonly Extra[], portField: boolean): ConnectionReport | undefined {
  const ids = entries.map((e) => idText(e._connectionId) ?? (portField ? undefined : idText(e.connection)))
  if (entries.length === 0 || ids.some((id) => id === undefined)) return undefined
  const upstream = entries.map((e) => idText(e._upstreamConnectionId))
  const groups = build(entries, ids as string[], upstream.some(Boolean) ? upstream : undefined)
  const own = entries.some((e) => '_sequence' in e || '_upstreamConnectionId' in e)
  return {
    source: 'recorded',
    groups,
    note: own
      ? 'Connection ids recorded by Roundtrip’s proxy (client connections, with the upstream connections that mirrored them).'
      : `Connection ids recorded by the tool that wrote the file (${groups.length} connection${groups.length === 1 ? '' : 's'}).`
  }
}

function inferred(entries: readonly Extra[], firefox: boolean): ConnectionReport | string {
  const open = new Map<string, { id: string; busyUntil: number }[]>()
  const ids: string[] = new Array(entries.length)
  let n = 0
  for (const i of order(entries)) {
    const e = entries[i] as Extra
    const connect = e.timings?.connect
    const origin = originOf(e.request.url)
    const start = Date.parse(e.startedDateTime)
    const end = start + (typeof e.time === 'number' && e.time > 0 ? e.time : 0)
    if (typeof connect !== 'number' || !Number.isFinite(start)) {
      return `entry ${i} has no connect timing, so which connection carried it is unknown`
    }
    if (connect > 0 || (connect === 0 && !firefox)) {
      const id = `c${++n}`
      ids[i] = id
      open.set(origin, [...(open.get(origin) ?? []), { id, busyUntil: end }])
      continue
    }
    if (connect === 0)
      return `entry ${i} has connect 0, which Firefox writes for new and reused connections alike`
    let candidates = open.get(origin) ?? []
    if (candidates.length > 1 && !/^(h2|h3|http\/2|http\/3)/i.test(e.response?.httpVersion ?? '')) {
      candidates = candidates.filter((c) => c.busyUntil <= start)
    }
    if (candidates.length !== 1) {
      return candidates.length === 0
        ? `entry ${i} reused a connection (connect -1) that the file does not show being opened`
        : `entry ${i} reused one of ${candidates.length} open connections to ${origin}, and the file does not say which`
    }
    const c = candidates[0] as { id: string; busyUntil: number }
    c.busyUntil = Math.max(c.busyUntil, end)
    ids[i] = c.id
  }
  const groups = build(entries, ids)
  return {
    source: 'inferred',
    groups,
    note: `No connection ids in the file; inferred from timings.connect (a time means a new connection, -1 a reused one): ${groups.length} connection${groups.length === 1 ? '' : 's'}.`
  }
}

export function groupConnections(har: {
  log: { creator?: { name?: string }; entries: Entry[] }
}): ConnectionReport {
  const entries = har.log.entries as Extra[]
  if (entries.length === 0) return { source: 'none', groups: [], note: 'The file has no entries.' }
  const firefox = /firefox/i.test(har.log.creator?.name ?? '')
  const portField = connectionIsPort(har.log, entries)
  const rec = recorded(entries, portField)
  if (rec) return rec
  const inf = inferred(entries, firefox)
  if (typeof inf !== 'string') return inf
  const why = portField
    ? `the file's "connection" field holds the server port, not a connection id, and ${inf}`
    : `the file records no connection ids, and ${inf}`
  return { source: 'none', groups: [], note: `No connection information: ${why}.` }
}
