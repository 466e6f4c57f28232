// The HAR door's guard (HarChecks): run on the parsed JSON of any HAR (file, --load, Open HAR, a replay
// body) by the lenient reader, the file first and then each entry just before the reader reads it, so
// before the import looks at any of it. A HAR is untrusted input, so:
// - nesting is bounded: anything deeper than LIMITS.depth is dropped (./bound: the walk is iterative,
//   and what is left can be stringified, copied and rendered without running out of stack);
// - strings, object keys and lists are bounded in length (./bound);
// - every field Roundtrip reads (`_startedAt`, `_offsets`, `_error`, `_roundtrip.*`, timings, ...)
//   is checked against its schema (./har-schemas) and dropped when wrong.
// A bad field costs that field and adds a warning; it never costs the file, the process or the page.
// Unknown `_` fields stay as the (now bounded) data they were, to be saved again as written.
import * as v from 'valibot'
import { bound, LIMITS, outOfBounds, type Note } from './bound'
import * as s from './har-schemas'
import { isObject, type Json } from './json'

export { LIMITS }

/** Tallies warnings by kind, so a 5,000-entry file yields one line per kind of problem. */
class Tally {
  private readonly seen = new Map<string, string[]>()
  add(what: string, where: string): void {
    const list = this.seen.get(what) ?? []
    if (list.length < 1_000_000) list.push(where)
    this.seen.set(what, list)
  }
  messages(): string[] {
    return [...this.seen].map(([what, list]) => {
      const shown = list.slice(0, 5).join(', ') + (list.length > 5 ? `, … (${list.length} in all)` : '')
      return `${what} (${shown}).`
    })
  }
}

/** A short, safe description of a value for a warning. */
export function describeValue(x: unknown): string {
  if (x === null) return 'null'
  if (Array.isArray(x)) return 'a list'
  if (typeof x === 'string') {
    return x.length > 40 ? `a string of ${x.length.toLocaleString('en')} characters` : JSON.stringify(x)
  }
  if (typeof x === 'number') return String(x)
  if (typeof x === 'object') return 'an object'
  return String(x)
}

/** One field Roundtrip reads: its schema, the schema's quick check, and what a wrong value becomes. */
interface Field {
  key: string
  schema: v.GenericSchema
  ok: ((x: unknown) => boolean) | undefined
  /** Set when a wrong value is reset to this rather than dropped. */
  reset?: { to: unknown }
}

function fieldsOf(fields: Record<string, v.GenericSchema>, fallback: Record<string, unknown> = {}): Field[] {
  return Object.keys(fields).map((key) => ({
    key,
    schema: fields[key]!,
    ok: s.QUICK.get(fields[key]!),
    ...(key in fallback ? { reset: { to: fallback[key] } } : {})
  }))
}

const LOG = fieldsOf(s.LOG_FIELDS)
const ENTRY = fieldsOf(s.ENTRY_FIELDS)
const OWN_ERROR = fieldsOf({ _error: s.OWN_ERROR })
const FOREIGN_ERROR = fieldsOf({ _error: s.FOREIGN_ERROR })
const REQUEST = fieldsOf(s.REQUEST_FIELDS)
const RESPONSE = fieldsOf(s.RESPONSE_FIELDS, { status: 0 })
const POSTDATA = fieldsOf(s.POSTDATA_FIELDS)
const CONTENT = fieldsOf(s.CONTENT_FIELDS)
const TIMINGS = fieldsOf(Object.fromEntries(s.TIMING_FIELDS.map((k) => [k, s.harTiming])), {
  wait: -1,
  receive: -1,
  send: -1
})

const usableTime = s.QUICK.get(s.epochMs)!

/**
 * Checks the named fields of `obj`; a field that fails its schema is dropped (or reset). The warning's
 * place (`where`, or `entry N` for a number, then `suffix`) is made only for a warning: nearly every
 * field is right.
 */
function checkFields(
  obj: unknown,
  fields: Field[],
  where: string | number,
  suffix: string,
  note: Note
): void {
  if (!isObject(obj)) return
  for (const { key, schema, ok, reset } of fields) {
    const x = obj[key]
    if (x === undefined && !(key in obj)) continue
    if (ok?.(x)) continue
    const r = v.safeParse(schema, x)
    if (r.success) obj[key] = r.output
    else {
      const was = describeValue(x)
      if (reset) obj[key] = reset.to
      else delete obj[key]
      note(
        `\`${key}\` was ${was}, which is not valid there; it was ${reset ? 'reset' : 'ignored'}`,
        typeof where === 'number' ? `entry ${where}${suffix}` : where + suffix
      )
    }
  }
}

function checkEntry(entry: unknown, i: number, note: Note): void {
  if (!isObject(entry)) return
  checkFields(entry, ENTRY, i, '', note)
  // Without `_offsets` the import reads the entry as another tool's, whose `_error` is a message.
  checkFields(entry, '_offsets' in entry ? OWN_ERROR : FOREIGN_ERROR, i, '', note)
  const { request, response, timings } = entry
  checkFields(request, REQUEST, i, ' request', note)
  checkFields(response, RESPONSE, i, ' response', note)
  if (isObject(request)) checkFields(request.postData, POSTDATA, i, ' postData', note)
  if (isObject(response)) checkFields(response.content, CONTENT, i, ' content', note)
  if (isObject(timings)) checkFields(timings, TIMINGS, i, ' timings', note)
  if (typeof entry.startedDateTime === 'string') {
    const t = Date.parse(entry.startedDateTime)
    if (!usableTime(t) && !v.is(s.epochMs, t)) {
      note(
        `startedDateTime ${describeValue(entry.startedDateTime)} is not a usable date; ignored`,
        `entry ${i}`
      )
      entry.startedDateTime = ''
    }
  }
}

/** `log._roundtrip`: each list is kept only when every record in it is valid. */
function checkRoundtripData(log: Json, note: Note): void {
  if (!('_roundtrip' in log)) return
  const data = log._roundtrip
  if (!isObject(data)) {
    note(`\`_roundtrip\` was ${describeValue(data)}, not an object; ignored`, 'log')
    delete log._roundtrip
    return
  }
  const lists: [string, v.GenericSchema, string][] = [
    ['connections', s.connection, 'the connections are rebuilt from the entries'],
    ['tunnels', s.tunnel, 'the tunnels are left out'],
    ['sessionEvents', s.sessionEvent, 'the server session events are left out']
  ]
  for (const [key, schema, consequence] of lists) {
    if (!(key in data)) continue
    const list = data[key]
    const ok = s.QUICK.get(schema)
    if (ok && Array.isArray(list) && s.everyItem(list, ok)) continue
    const r = v.safeParse(v.array(schema), list)
    if (r.success) data[key] = r.output
    else {
      const path = r.issues[0]?.path?.map((p) => String(p.key)).join('.') ?? ''
      note(
        `\`_roundtrip.${key}\` has a record that is not valid (at ${path || 'the top'}); ${consequence}`,
        'log'
      )
      delete data[key]
    }
  }
}

type Event = [what: string, where: string]

/**
 * The door's checks over the parsed JSON of a HAR: bounded, and every field Roundtrip uses of the right
 * type, changed in place. The reader runs them in one pass over the entries (`file`, then `entry` for
 * each entry, beside its own reading of it) rather than one walk of the whole tree and then more passes:
 * the warnings come out as if the whole tree had been bounded first, then the log checked, then each
 * entry. Never throws: what could not be checked is said in a warning.
 */
export class HarChecks {
  /** The file's walk, without the entries' insides; theirs go in at `entriesAt`, the last entry first. */
  private readonly walk: Event[] = []
  private entriesAt = 0
  private readonly entryBounds: Event[][] = []
  private readonly checks: Event[] = []
  private failed = false
  private readonly note: Note = (what, where) => void this.checks.push([what, where])

  /** Bounds the whole file but the entries' insides, then checks the log's own fields. */
  file(data: unknown): void {
    try {
      const log = isObject(data) && isObject(data.log) ? data.log : undefined
      const entries = log && Array.isArray(log.entries) ? log.entries : undefined
      const walk: Note = (what, where) => void this.walk.push([what, where])
      bound(data, walk, 0, '', entries, () => (this.entriesAt = this.walk.length))
      if (!log) return
      checkFields(log, LOG, 'log', '', this.note)
      checkRoundtripData(log, this.note)
    } catch (err) {
      this.fail(err)
    }
  }

  /**
   * Bounds entry `i` (an item of `log.entries`, at depth 3) and checks its fields. True when it was
   * checked: then its `startedDateTime`, if a string, is "" or a date Date.parse reads as usable.
   */
  entry(entry: unknown, i: number): boolean {
    if (this.failed) return false
    try {
      if (typeof entry === 'object' && entry !== null && outOfBounds(entry, 3)) {
        const events: Event[] = []
        bound(entry, (what, where) => void events.push([what, where]), 3, `log.entries[${i}]`)
        if (events.length > 0) this.entryBounds.push(events)
      }
      checkEntry(entry, i, this.note)
      return true
    } catch (err) {
      this.fail(err)
      return false
    }
  }

  /** A warning for each kind of thing the checks had to drop, in the order of a whole-tree walk. */
  messages(): string[] {
    const tally = new Tally()
    const add = ([what, where]: Event): void => tally.add(what, where)
    this.walk.slice(0, this.entriesAt).forEach(add)
    for (let k = this.entryBounds.length - 1; k >= 0; k--) this.entryBounds[k]!.forEach(add)
    this.walk.slice(this.entriesAt).forEach(add)
    this.checks.forEach(add)
    return tally.messages()
  }

  /** Something in the file broke a check: said once, and nothing more is checked. */
  private fail(err: unknown): void {
    this.failed = true
    this.note(
      `The file could not be fully checked: ${err instanceof Error ? err.message : String(err)}`,
      'log'
    )
  }
}
