// Schemas for the fields Roundtrip itself reads out of a HAR: its `_`-prefixed entry fields and
// `log._roundtrip` (connections, tunnels, server session events), plus the HAR numbers that become
// times. A HAR is untrusted input, so each field is checked before the import copies it into the
// model; src/shared/har/sanitize.ts drops a field that fails, with a warning.
import * as v from 'valibot'

/** The latest epoch millisecond that still formats as a four-digit year (9999-12-31). */
export const MAX_EPOCH_MS = 253_402_300_799_999
/** The longest duration or offset accepted, in milliseconds (about 115 days). */
export const MAX_DURATION_MS = 1e10
/** The longest id, enum-like label or short message kept. */
export const MAX_ID = 256
export const MAX_MESSAGE = 4096

/**
 * Plain checks that say "certainly valid" for the common case without running the schema (a
 * 50,000-entry file runs these a million times); anything else goes to the schema for its verdict.
 */
export const QUICK = new Map<v.GenericSchema, (x: unknown) => boolean>()
function quick<S extends v.GenericSchema>(schema: S, ok: (x: unknown) => boolean): S {
  QUICK.set(schema, ok)
  return schema
}
const numberIn = (min: number, max: number) => (x: unknown) => typeof x === 'number' && x >= min && x <= max

/** A picklist, certainly valid when it is one of the options. */
function picklist<const T extends readonly string[]>(options: T) {
  return quick(v.picklist(options), (x) => options.includes(x as string))
}

/** Optional, certainly valid when absent or certainly valid. */
function optional<S extends v.GenericSchema>(schema: S) {
  const ok = QUICK.get(schema)
  const out = v.optional(schema)
  if (ok) QUICK.set(out, (x) => x === undefined || ok(x))
  return out
}

/** A list whose items are certainly valid: the schema's output would be the same list. */
function array<S extends v.GenericSchema>(item: S) {
  const ok = QUICK.get(item)
  const out = v.array(item)
  if (ok) QUICK.set(out, (x) => Array.isArray(x) && everyItem(x, ok))
  return out
}

/** Every item, holes included (a hole is `undefined` to a schema; `every` would skip it). */
export function everyItem(list: unknown[], ok: (x: unknown) => boolean): boolean {
  for (let i = 0; i < list.length; i++) if (!ok(list[i])) return false
  return true
}

/**
 * An object. Certainly valid, with the schema's output equal to the input (the schema would copy it, in
 * its own key order, without unknown keys), when it is a plain object whose keys are the schema's, in the
 * schema's order, every required one there, each value certainly valid.
 */
function object<E extends Record<string, v.GenericSchema>>(entries: E) {
  const out = v.object(entries)
  const keys = Object.keys(entries)
  const checks = keys.map((k) => QUICK.get(entries[k]!))
  const optionalAt = keys.map((k) => entries[k]!.type === 'optional')
  const required = optionalAt.filter((o) => !o).length
  if (checks.every((c) => c !== undefined)) {
    QUICK.set(out, (x) => {
      if (typeof x !== 'object' || x === null || Array.isArray(x)) return false
      let at = 0
      let seen = 0
      for (const key in x) {
        while (at < keys.length && keys[at] !== key) at++
        if (at === keys.length) return false
        if (!checks[at]!((x as Record<string, unknown>)[key])) return false
        if (!optionalAt[at]) seen++
        at++
      }
      return seen === required
    })
  }
  return out
}

const text = (max: number) =>
  quick(v.pipe(v.string(), v.maxLength(max)), (x) => typeof x === 'string' && x.length <= max)
const id = text(MAX_ID)
const count = quick(
  v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  (x) => Number.isSafeInteger(x) && (x as number) >= 0
)
const port = quick(
  v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535)),
  (x) => Number.isInteger(x) && (x as number) >= 0 && (x as number) <= 65535
)
const flag = quick(v.boolean(), (x) => typeof x === 'boolean')

/** Wall-clock epoch milliseconds that a Date can format (no 1e308, NaN or negative times). */
export const epochMs = quick(
  v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(MAX_EPOCH_MS)),
  numberIn(0, MAX_EPOCH_MS)
)
/** A duration or offset in milliseconds. */
export const durationMs = quick(
  v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(MAX_DURATION_MS)),
  numberIn(0, MAX_DURATION_MS)
)
/** A HAR timing: a duration, or -1 for "does not apply". */
export const harTiming = quick(
  v.pipe(v.number(), v.finite(), v.minValue(-1), v.maxValue(MAX_DURATION_MS)),
  numberIn(-1, MAX_DURATION_MS)
)
const size = quick(
  v.pipe(v.number(), v.finite(), v.minValue(-1)),
  (x) => typeof x === 'number' && x >= -1 && x < Infinity
)

const ERROR_KINDS = [
  'upstream-refused',
  'upstream-unreachable',
  'upstream-timeout',
  'upstream-reset',
  'upstream-invalid-response',
  'client-aborted',
  'bad-request',
  'loop-detected',
  'proxy-error'
] as const
const CLOSE_REASONS = ['client', 'server', 'proxy', 'idle-timeout', 'error'] as const

export const exchangeError = object({ kind: picklist(ERROR_KINDS), message: text(MAX_MESSAGE) })

export const offsets = object({
  upstreamConnected: optional(durationMs),
  requestSent: optional(durationMs),
  responseHeaders: optional(durationMs),
  responseEnd: optional(durationMs)
})

/** Roundtrip's own entry fields; another tool's `_error` is a plain message instead. */
export const ENTRY_FIELDS: Record<string, v.GenericSchema> = {
  _id: id,
  _connectionId: id,
  _sequence: count,
  _state: picklist(['pending', 'complete', 'error']),
  _startedAt: epochMs,
  _offsets: offsets,
  _httpVersion: text(32),
  _upstreamConnectionId: id,
  _upstreamReused: flag,
  _serverConnectionId: id,
  _status: quick(
    v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(999)),
    (x) => Number.isInteger(x) && (x as number) >= 0 && (x as number) <= 999
  ),
  connection: id,
  time: harTiming
}
/** `_error` as Roundtrip writes it, and as other tools write it (a message). */
export const OWN_ERROR = exchangeError
export const FOREIGN_ERROR = text(MAX_MESSAGE)

export const REQUEST_FIELDS: Record<string, v.GenericSchema> = {
  _rawUrl: quick(v.string(), (x) => typeof x === 'string'),
  bodySize: size,
  headersSize: size
}
export const RESPONSE_FIELDS: Record<string, v.GenericSchema> = {
  ...REQUEST_FIELDS,
  status: v.union([
    quick(
      v.pipe(v.number(), v.integer(), v.minValue(-1), v.maxValue(999)),
      (x) => Number.isInteger(x) && (x as number) >= -1 && (x as number) <= 999
    ),
    v.pipe(v.string(), v.regex(/^\s*-?\d{1,3}\s*$/))
  ])
}
export const CONTENT_FIELDS: Record<string, v.GenericSchema> = {
  _truncated: flag,
  _wireSize: count,
  _contentEncoded: flag,
  encoding: text(MAX_ID),
  size
}
export const POSTDATA_FIELDS: Record<string, v.GenericSchema> = {
  _encoding: text(MAX_ID),
  _truncated: flag,
  _wireSize: count
}
export const TIMING_FIELDS = ['blocked', 'dns', 'connect', 'send', 'wait', 'receive', 'ssl'] as const

export const connection = object({
  id,
  kind: picklist(['client', 'upstream']),
  clientConnectionId: optional(id),
  remoteAddress: text(MAX_ID),
  remotePort: port,
  localAddress: text(MAX_ID),
  localPort: port,
  target: optional(text(MAX_MESSAGE)),
  openedAt: epochMs,
  closedAt: optional(epochMs),
  closedBy: optional(picklist(CLOSE_REASONS)),
  error: optional(text(MAX_MESSAGE)),
  exchangeIds: array(id)
})

export const tunnel = object({
  id,
  clientConnectionId: id,
  host: text(MAX_MESSAGE),
  port,
  openedAt: epochMs,
  establishedAt: optional(epochMs),
  closedAt: optional(epochMs),
  closedBy: optional(picklist(CLOSE_REASONS)),
  bytesUp: count,
  bytesDown: count,
  error: optional(exchangeError)
})

export const sessionEvent = object({
  at: epochMs,
  kind: picklist(['created', 'rotated', 'destroyed', 'expired']),
  sessionId: text(MAX_MESSAGE),
  previousId: optional(text(MAX_MESSAGE)),
  user: optional(text(MAX_MESSAGE)),
  reason: optional(picklist(['idle', 'absolute'])),
  exchangeId: optional(id)
})

export const LOG_FIELDS: Record<string, v.GenericSchema> = {
  _redacted: flag,
  _cutShort: flag,
  comment: v.string()
}
