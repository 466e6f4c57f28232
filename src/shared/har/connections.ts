// Which connection carried each entry of a HAR file, read once at import. Recorded ids come from every
// tool's variant: Roundtrip's own (`connection` plus `_connectionId`), Chrome's (`connection`, or
// `_connectionId`), Safari's (`connection`); Firefox writes the server *port* in `connection`, which is not
// an id. Without ids, `timings.connect` tells (>= 0 opened a new connection, -1 reused one) where the order
// leaves no doubt; otherwise the file says nothing, and nothing is made up.
import type { Entry } from 'har-format'
import { explain, type Explanation } from '../analysis/explain'
import { originOf } from '../http'
import { harTime } from './time'

export interface HarConnections {
  source: 'recorded' | 'inferred' | 'none'
  /** Per entry: its connection id (recorded or inferred); undefined when the file does not say. */
  ids: (string | undefined)[]
  note: Explanation
}

type Extra = Entry & Record<string, unknown>

const portOf = (url: string): string => originOf(url).split(':').at(-1) ?? ''

function idText(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  if (typeof v === 'string' && v.trim() !== '') return v.trim()
  return undefined
}

/** Entry positions in time order (an entry without a readable time keeps its place after the one before). */
function order(entries: readonly Entry[]): number[] {
  let last = 0
  const t = entries.map((e) => {
    const ms = harTime(e.startedDateTime)
    if (Number.isFinite(ms)) last = ms
    return last
  })
  return entries.map((_, i) => i).sort((a, b) => (t[a] as number) - (t[b] as number) || a - b)
}

/** Whether the `connection` field holds server ports (Firefox) rather than connection ids. */
function connectionIsPort(creator: string, entries: readonly Extra[]): boolean {
  if (/firefox/i.test(creator)) return true
  const withConn = entries.filter((e) => idText(e.connection) !== undefined)
  if (withConn.length === 0) return false
  return withConn.every((e) => {
    const c = idText(e.connection) as string
    return c === portOf(e.request.url) || c === idText(e._serverPort)
  })
}

const distinct = (ids: readonly (string | undefined)[]): number => new Set(ids).size

function recorded(entries: readonly Extra[], portField: boolean): HarConnections | undefined {
  const ids = entries.map((e) => idText(e._connectionId) ?? (portField ? undefined : idText(e.connection)))
  if (entries.length === 0 || ids.some((id) => id === undefined)) return undefined
  const own = entries.some((e) => '_sequence' in e || '_upstreamConnectionId' in e)
  const note = own ? explain('conn.recorded.roundtrip') : explain('conn.recorded.tool', { n: distinct(ids) })
  return { source: 'recorded', ids, note }
}

function inferred(entries: readonly Extra[], firefox: boolean): HarConnections | Explanation {
  const open = new Map<string, { id: string; busyUntil: number }[]>()
  const ids: string[] = new Array(entries.length)
  let n = 0
  for (const i of order(entries)) {
    const e = entries[i] as Extra
    const connect = e.timings?.connect
    const origin = originOf(e.request.url)
    const start = harTime(e.startedDateTime)
    const end = start + (typeof e.time === 'number' && e.time > 0 ? e.time : 0)
    if (typeof connect !== 'number' || !Number.isFinite(start))
      return explain('connwhy.noTiming', { entry: i })
    if (connect > 0 || (connect === 0 && !firefox)) {
      const id = `c${++n}`
      ids[i] = id
      open.set(origin, [...(open.get(origin) ?? []), { id, busyUntil: end }])
      continue
    }
    if (connect === 0) return explain('connwhy.firefoxZero', { entry: i })
    let candidates = open.get(origin) ?? []
    if (candidates.length > 1 && !/^(h2|h3|http\/2|http\/3)/i.test(e.response?.httpVersion ?? '')) {
      candidates = candidates.filter((c) => c.busyUntil <= start)
    }
    if (candidates.length !== 1) {
      return candidates.length === 0
        ? explain('connwhy.unopened', { entry: i })
        : explain('connwhy.ambiguous', { entry: i, count: candidates.length, origin })
    }
    const c = candidates[0] as { id: string; busyUntil: number }
    c.busyUntil = Math.max(c.busyUntil, end)
    ids[i] = c.id
  }
  return { source: 'inferred', ids, note: explain('conn.inferred', { n }) }
}

export function readConnections(har: {
  log: { creator?: { name?: string }; entries: Entry[] }
}): HarConnections {
  const entries = har.log.entries as Extra[]
  if (entries.length === 0) return { source: 'none', ids: [], note: explain('conn.empty') }
  const creator = har.log.creator?.name ?? ''
  const portField = connectionIsPort(creator, entries)
  const rec = recorded(entries, portField)
  if (rec) return rec
  const inf = inferred(entries, /firefox/i.test(creator))
  if ('ids' in inf) return inf as HarConnections
  const note = explain('conn.none', { field: portField ? 'port' : 'absent', why: inf as Explanation })
  return { source: 'none', ids: entries.map(() => undefined), note }
}
