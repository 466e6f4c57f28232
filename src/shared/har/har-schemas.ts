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

const text = (max: number) =>
  quick(v.pipe(v.string(), v.maxLength(max)), (x) => typeof x === 'string' && x.length <= max)
const id = text(MAX_ID)
const count = quick(
  v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  (x) => Number.isSafeInteger(x) && (x as number) >= 0
)
const port = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535))
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

export const exchangeError = v.object({ kind: v.picklist(ERROR_KINDS), message: text(MAX_MESSAGE) })

export const offsets = v.object({
  upstreamConnected: v.optional(durationMs),
  requestSent: v.optional(durationMs),
  responseHeaders: v.optional(durationMs),
  responseEnd: v.optional(durationMs)
})

/** Roundtrip's own entry fields; another tool's `_error` is a plain message instead. */
export const ENTRY_FIELDS: Record<string, v.GenericSchema> = {
  _id: id,
  _connectionId: id,
  _sequence: count,
  _state: v.picklist(['pending', 'complete', 'error']),
  _startedAt: epochMs,
  _offsets: offsets,
  _httpVersion: text(32),
  _upstreamConnectionId: id,
  _upstreamReused: flag,
  _serverConnectionId: id,
  _status: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(999)),
  connection: id,
  time: harTiming
}
/** `_error` as Roundtrip writes it, and as other tools write it (a message). */
export const OWN_ERROR = exchangeError
export const FOREIGN_ERROR = text(MAX_MESSAGE)

export const REQUEST_FIELDS: Record<string, v.GenericSchema> = {
  _rawUrl: v.string(),
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

export const connection = v.object({
  id,
  kind: v.picklist(['client', 'upstream']),
  clientConnectionId: v.optional(id),
  remoteAddress: text(MAX_ID),
  remotePort: port,
  localAddress: text(MAX_ID),
  localPort: port,
  target: v.optional(text(MAX_MESSAGE)),
  openedAt: epochMs,
  closedAt: v.optional(epochMs),
  closedBy: v.optional(v.picklist(CLOSE_REASONS)),
  error: v.optional(text(MAX_MESSAGE)),
  exchangeIds: v.array(id)
})

export const tunnel = v.object({
  id,
  clientConnectionId: id,
  host: text(MAX_MESSAGE),
  port,
  openedAt: epochMs,
  establishedAt: v.optional(epochMs),
  closedAt: v.optional(epochMs),
  closedBy: v.optional(v.picklist(CLOSE_REASONS)),
  bytesUp: count,
  bytesDown: count,
  error: v.optional(exchangeError)
})

export const sessionEvent = v.object({
  at: epochMs,
  kind: v.picklist(['created', 'rotated', 'destroyed', 'expired']),
  sessionId: text(MAX_MESSAGE),
  previousId: v.optional(text(MAX_MESSAGE)),
  user: v.optional(text(MAX_MESSAGE)),
  reason: v.optional(v.picklist(['idle', 'absolute'])),
  exchangeId: v.optional(id)
})

export const LOG_FIELDS: Record<string, v.GenericSchema> = {
  _redacted: flag,
  _cutShort: flag,
  comment: v.string()
}
