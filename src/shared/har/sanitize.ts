// The HAR door's guard: run on the parsed JSON of any HAR (file, --load, Open HAR, a replay body)
// before the lenient reader and the import look at it. A HAR is untrusted input, so:
// - nesting is bounded: anything deeper than LIMITS.depth is dropped (the walk is iterative, and
//   what is left can be stringified, copied and rendered without running out of stack);
// - strings, object keys and lists are bounded in length;
// - every field Roundtrip reads (`_startedAt`, `_offsets`, `_error`, `_roundtrip.*`, timings, ...)
//   is checked against its schema (./har-schemas) and dropped when wrong.
// A bad field costs that field and adds a warning; it never costs the file, the process or the page.
// Unknown `_` fields stay as the (now bounded) data they were, to be saved again as written.
import * as v from 'valibot'
import * as s from './har-schemas'

export const LIMITS = {
  /** Levels of nesting kept below the top of the file (a real HAR needs under 10). */
  depth: 64,
  /** Characters of a body text (`content.text`, `postData.text`) or a `comment`. */
  bodyText: 64 * 1024 * 1024,
  /** Characters of any other string. */
  string: 2 * 1024 * 1024,
  /** Characters of an object key. */
  key: 1024,
  /** Items of a list, keys of an object. */
  items: 1_000_000,
  keys: 10_000
}

type Json = Record<string, unknown>
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x)

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

/** Bounds depth, string lengths and counts, in place and without recursion. */
function bound(root: unknown, tally: Tally): void {
  if (typeof root !== 'object' || root === null) return
  // Three parallel stacks: the container, its depth, and where it is (named down to depth 3).
  const nodes: (Json | unknown[])[] = [root as Json]
  const depths: number[] = [0]
  const wheres: string[] = ['']
  const deep = `A field nested more than ${LIMITS.depth} levels deep was dropped`
  while (nodes.length > 0) {
    const node = nodes.pop()!
    const depth = depths.pop()!
    const where = wheres.pop()!
    const named = depth < 3
    if (Array.isArray(node)) {
      if (node.length > LIMITS.items) {
        node.length = LIMITS.items
        tally.add(`A list longer than ${LIMITS.items.toLocaleString('en')} items was cut`, where)
      }
      for (let i = 0; i < node.length; i++) {
        const child = node[i]
        if (typeof child === 'string') {
          if (child.length > LIMITS.string) node[i] = cut(child, LIMITS.string, `${where}[${i}]`, tally)
        } else if (typeof child === 'object' && child !== null) {
          if (depth + 1 >= LIMITS.depth) {
            node[i] = null
            tally.add(deep, where)
          } else {
            nodes.push(child as Json)
            depths.push(depth + 1)
            wheres.push(named ? `${where}[${i}]` : where)
          }
        }
      }
      continue
    }
    let n = 0
    for (const key in node) {
      if (++n > LIMITS.keys || key.length > LIMITS.key) {
        delete node[key]
        tally.add('An object with too many or too long field names lost the extra ones', where)
        continue
      }
      const child = node[key]
      if (typeof child === 'string') {
        const max = key === 'text' || key === 'comment' ? LIMITS.bodyText : LIMITS.string
        if (child.length > max) node[key] = cut(child, max, named ? `${where}.${key}` : where, tally)
      } else if (typeof child === 'object' && child !== null) {
        if (depth + 1 >= LIMITS.depth) {
          delete node[key]
          tally.add(deep, where)
        } else {
          nodes.push(child as Json)
          depths.push(depth + 1)
          wheres.push(named ? (where ? `${where}.${key}` : key) : where)
        }
      }
    }
  }
}

function cut(text: string, max: number, where: string, tally: Tally): string {
  tally.add(`A text longer than ${max.toLocaleString('en')} characters was cut to that length`, where)
  return text.slice(0, max)
}

/** Checks the named fields of `obj`; a field that fails its schema is dropped (or replaced). */
function checkFields(
  obj: unknown,
  fields: Record<string, v.GenericSchema>,
  where: string,
  tally: Tally,
  fallback: Record<string, unknown> = {}
): void {
  if (!isObject(obj)) return
  for (const key in fields) {
    if (!(key in obj)) continue
    const schema = fields[key]!
    if (s.QUICK.get(schema)?.(obj[key])) continue
    const r = v.safeParse(schema, obj[key])
    if (r.success) obj[key] = r.output
    else {
      const was = describeValue(obj[key])
      if (key in fallback) obj[key] = fallback[key]
      else delete obj[key]
      tally.add(
        `\`${key}\` was ${was}, which is not valid there; it was ${key in fallback ? 'reset' : 'ignored'}`,
        where
      )
    }
  }
}

const TIMINGS = Object.fromEntries(s.TIMING_FIELDS.map((k) => [k, s.harTiming]))

function checkEntry(entry: unknown, i: number, tally: Tally): void {
  if (!isObject(entry)) return
  const where = `entry ${i}`
  checkFields(entry, s.ENTRY_FIELDS, where, tally)
  // Without `_offsets` the import reads the entry as another tool's, whose `_error` is a message.
  const ours = '_offsets' in entry
  checkFields(entry, { _error: ours ? s.OWN_ERROR : s.FOREIGN_ERROR }, where, tally)
  const { request, response, timings } = entry
  checkFields(request, s.REQUEST_FIELDS, `${where} request`, tally)
  checkFields(response, s.RESPONSE_FIELDS, `${where} response`, tally, { status: 0 })
  if (isObject(request)) checkFields(request.postData, s.POSTDATA_FIELDS, `${where} postData`, tally)
  if (isObject(response)) checkFields(response.content, s.CONTENT_FIELDS, `${where} content`, tally)
  if (isObject(timings)) {
    checkFields(timings, TIMINGS, `${where} timings`, tally, { wait: -1, receive: -1, send: -1 })
  }
  if (typeof entry.startedDateTime === 'string') {
    const t = Date.parse(entry.startedDateTime)
    if (!v.is(s.epochMs, t)) {
      tally.add(
        `startedDateTime ${describeValue(entry.startedDateTime)} is not a usable date; ignored`,
        where
      )
      entry.startedDateTime = ''
    }
  }
}

/** `log._roundtrip`: each list is kept only when every record in it is valid. */
function checkRoundtripData(log: Json, tally: Tally): void {
  if (!('_roundtrip' in log)) return
  const data = log._roundtrip
  if (!isObject(data)) {
    tally.add(`\`_roundtrip\` was ${describeValue(data)}, not an object; ignored`, 'log')
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
      tally.add(
        `\`_roundtrip.${key}\` has a record that is not valid (at ${path || 'the top'}); ${consequence}`,
        'log'
      )
      delete data[key]
    }
  }
}

/**
 * Makes the parsed JSON of a HAR safe to read: bounded, and with every field Roundtrip uses of the
 * right type. Changes `data` in place; returns a warning for each kind of thing it had to drop.
 * Never throws.
 */
export function sanitizeHarJson(data: unknown): string[] {
  const tally = new Tally()
  try {
    bound(data, tally)
    if (isObject(data) && isObject(data.log)) {
      const log = data.log
      checkFields(log, s.LOG_FIELDS, 'log', tally)
      checkRoundtripData(log, tally)
      if (Array.isArray(log.entries)) log.entries.forEach((e, i) => checkEntry(e, i, tally))
    }
  } catch (err) {
    tally.add(
      `The file could not be fully checked: ${err instanceof Error ? err.message : String(err)}`,
      'log'
    )
  }
  return tally.messages()
}
