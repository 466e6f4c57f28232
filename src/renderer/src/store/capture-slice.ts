// The capture as the UI holds it: records by id, exchanges in arrival order. Every change replaces
// the Maps and arrays it touches (never mutates them), so selectors can memoise on identity.
import type {
  CaptureBatch,
  CaptureSnapshot,
  CapturedConnection,
  CapturedExchange,
  CapturedTunnel,
  ServerSession,
  ServerSessionEvent
} from '../../../shared/model'
import type { ImportedSnapshot } from '../../../shared/har/export'
import type { SnapshotPart } from '../api/types'
import type { SliceCreator } from './types'

export type CaptureSource = { kind: 'live' } | { kind: 'file'; fileName: string; warnings: string[] }

export interface CaptureSlice {
  exchanges: Map<string, CapturedExchange>
  /** Exchange ids in order of arrival (ids are `e<n>`, assigned in order). */
  exchangeOrder: string[]
  connections: Map<string, CapturedConnection>
  tunnels: Map<string, CapturedTunnel>
  sessionEvents: ServerSessionEvent[]
  /** The sample site's server-side session store, as last read. */
  serverSessions: ServerSession[]
  seq: number
  /** What an opened file says about its connections (live captures record them: undefined). */
  connectionInfo: CaptureSnapshot['connectionInfo']
  /** An opened file's log fields the model has no place for (pages, comment), kept for Save HAR. */
  harLog: ImportedSnapshot['harLog']
  /** Exchanges the engine let go of at its capture limit (still in a recording file, if one is on). */
  evicted: number
  source: CaptureSource
  /** A big live capture still arriving in parts: how many of its exchanges are here. */
  loading: { loaded: number; total: number } | undefined
  applySnapshot: (
    snapshot: CaptureSnapshot,
    source?: CaptureSource,
    more?: { loaded: number; total: number }
  ) => void
  /** How much of a big live capture has arrived (its parts are applied a few at a time). */
  setLoading: (loading: { loaded: number; total: number } | undefined) => void
  /** More of the live snapshot last applied (parts in any order; each brings its own connections). */
  applySnapshotParts: (parts: SnapshotPart[]) => void
  applyBatch: (batch: CaptureBatch) => void
  /** Several batches in one update (the UI applies what arrived since its last frame at once). */
  applyBatches: (batches: CaptureBatch[]) => void
  setServerSessions: (sessions: ServerSession[]) => void
}

function byId<T extends { id: string }>(items: T[]): Map<string, T> {
  return new Map(items.map((i) => [i.id, i]))
}

/** Where an id's trailing number starts (`e12` -> 1), or -1 when it has none or its prefix holds a digit. */
function numberStart(id: string): number {
  let i = id.length
  while (i > 0 && isDigit(id.charCodeAt(i - 1))) i--
  if (i === id.length) return -1
  for (let j = 0; j < i; j++) if (isDigit(id.charCodeAt(j))) return -1
  return i
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57

/**
 * Orders ids by their prefix, then by their number: `e2` < `e10`, and a loaded capture's `Le2` < `Le10`
 * (the `--load` prefix); anything else by text. (Read without a regular expression: a big capture's
 * parts are ordered with it, tens of thousands of times.)
 */
export function compareIds(a: string, b: string): number {
  const na = numberStart(a)
  const nb = numberStart(b)
  if (na >= 0 && na === nb && a.startsWith(b.slice(0, nb))) {
    const d = Number(a.slice(na)) - Number(b.slice(nb))
    if (d !== 0) return d
  }
  return a < b ? -1 : a > b ? 1 : 0
}

export const createCaptureSlice: SliceCreator<CaptureSlice> = (set, get) => ({
  exchanges: new Map(),
  exchangeOrder: [],
  connections: new Map(),
  tunnels: new Map(),
  sessionEvents: [],
  serverSessions: [],
  seq: 0,
  connectionInfo: undefined,
  harLog: undefined,
  evicted: 0,
  source: { kind: 'live' },
  loading: undefined,

  applySnapshot: (snapshot, source = { kind: 'live' }, more) => {
    const exchanges = byId(snapshot.exchanges)
    set({
      exchanges,
      exchangeOrder: [...exchanges.keys()].sort(compareIds),
      connections: byId(snapshot.connections),
      tunnels: byId(snapshot.tunnels),
      sessionEvents: [...snapshot.sessionEvents],
      seq: snapshot.seq,
      connectionInfo: snapshot.connectionInfo,
      harLog: 'harLog' in snapshot ? (snapshot as ImportedSnapshot).harLog : undefined,
      evicted: snapshot.evicted ?? 0,
      source,
      loading: more && more.loaded < more.total ? more : undefined,
      // A new capture or recording shows everything until the user plays or scrubs it.
      playhead: undefined,
      playing: false
    })
  },

  setLoading: (loading) => set({ loading }),

  applySnapshotParts: (parts) => {
    const state = get()
    const last = parts.at(-1)
    if (state.source.kind !== 'live' || !last) return
    const exchanges = new Map(state.exchanges)
    const connections = new Map(state.connections)
    const added: string[] = []
    // Parts go from newer to older and each is in order: the oldest first makes `added` one ordered run.
    for (const part of [...parts].sort((p, q) => q.loaded - p.loaded)) {
      for (const c of part.connections) connections.set(c.id, c)
      for (const x of part.exchanges) {
        if (!exchanges.has(x.id)) added.push(x.id)
        exchanges.set(x.id, x)
      }
    }
    const loaded = Math.max(...parts.map((p) => p.loaded))
    set({
      exchanges,
      connections,
      exchangeOrder: mergeSorted(state.exchangeOrder, isSorted(added) ? added : added.sort(compareIds)),
      loading: loaded < last.total ? { loaded, total: last.total } : undefined
    })
  },

  applyBatch: (batch) => get().applyBatches([batch]),

  applyBatches: (batches) => {
    const state = get()
    const last = batches.at(-1)
    if (state.source.kind !== 'live' || !last) return
    let exchanges: Map<string, CapturedExchange> | undefined
    let order: string[] | undefined
    let connections: Map<string, CapturedConnection> | undefined
    let tunnels: Map<string, CapturedTunnel> | undefined
    let events: ServerSessionEvent[] | undefined
    let evicted = state.evicted
    let appended = false
    for (const change of batches.flatMap((b) => b.changes)) {
      switch (change.type) {
        case 'exchange': {
          exchanges ??= new Map(state.exchanges)
          if (!exchanges.has(change.exchange.id)) {
            order ??= [...state.exchangeOrder]
            order.push(change.exchange.id)
            appended = true
          }
          exchanges.set(change.exchange.id, change.exchange)
          break
        }
        case 'connection':
          connections ??= new Map(state.connections)
          connections.set(change.connection.id, change.connection)
          break
        case 'tunnel':
          tunnels ??= new Map(state.tunnels)
          tunnels.set(change.tunnel.id, change.tunnel)
          break
        case 'session-event':
          events ??= [...state.sessionEvents]
          events.push(change.event)
          break
        case 'evicted': {
          exchanges ??= new Map(state.exchanges)
          const gone = new Set(change.exchangeIds)
          for (const id of gone) exchanges.delete(id)
          order = (order ?? state.exchangeOrder).filter((id) => !gone.has(id))
          evicted += gone.size
          if (change.connectionIds?.length) {
            connections ??= new Map(state.connections)
            for (const id of change.connectionIds) connections.delete(id)
          }
          if (change.tunnelIds?.length) {
            tunnels ??= new Map(state.tunnels)
            for (const id of change.tunnelIds) tunnels.delete(id)
          }
          break
        }
        case 'clear':
          exchanges = new Map()
          order = []
          connections = new Map()
          tunnels = new Map()
          events = []
          evicted = 0
          break
      }
    }
    // Ids normally arrive in order; sort only when a batch brought them out of order.
    if (order && appended && !isSorted(order)) order.sort(compareIds)
    set({
      seq: last.seq,
      evicted,
      ...(exchanges && { exchanges }),
      ...(order && { exchangeOrder: order }),
      ...(connections && { connections }),
      ...(tunnels && { tunnels }),
      ...(events && { sessionEvents: events })
    })
  },

  setServerSessions: (serverSessions) => set({ serverSessions })
})

/** Two id lists, each in order, as one list in order. */
function mergeSorted(a: string[], b: string[]): string[] {
  if (b.length === 0) return a
  if (a.length === 0 || compareIds(a[a.length - 1] as string, b[0] as string) < 0) return [...a, ...b]
  if (compareIds(b[b.length - 1] as string, a[0] as string) < 0) return [...b, ...a]
  const out: string[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    out.push(compareIds(a[i] as string, b[j] as string) <= 0 ? (a[i++] as string) : (b[j++] as string))
  }
  while (i < a.length) out.push(a[i++] as string)
  while (j < b.length) out.push(b[j++] as string)
  return out
}

function isSorted(ids: string[]): boolean {
  for (let i = 1; i < ids.length; i++)
    if (compareIds(ids[i - 1] as string, ids[i] as string) > 0) return false
  return true
}
