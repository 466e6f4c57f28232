// The JSON form of an InspectReport for `roundtrip inspect --json`, produced in pieces so a capture of
// any size streams out without building one giant string. Each request row leaves out what its header
// strings already say (`expected`, `sent`) and its `jarAfter` when that is the same jar as the row before.
// The text is exactly JSON.stringify's (no spaces inside a row). A row is written field by field from the
// report's own object (no copy of it per row); objects the analysis shares between rows (a Set-Cookie
// line's reading, a cookie as the jar held it) are written once and their text reused, since a long
// capture repeats them in row after row.
import type { InspectReport } from './index'

/**
 * Text handed out per piece. A piece is many small strings joined, made flat once when written: at
 * 64 KB that costs less than at 1 MB (the writer took ~12% less time on 50,000 rows), and is still
 * few writes.
 */
const CHUNK = 64 * 1024
/** Texts kept for reuse; past this many the cache starts again (a capture's rows reuse recent ones). */
const CACHED = 20_000

class SharedText {
  private texts = new Map<object, string>()
  of(value: object): string {
    let text = this.texts.get(value)
    if (text === undefined) {
      text = JSON.stringify(value)
      if (this.texts.size >= CACHED) this.texts = new Map()
      this.texts.set(value, text)
    }
    return text
  }
}

/** `"name":` for the field names rows use (a handful), made once. */
const keyTexts = new Map<string, string>()
function keyText(key: string): string {
  let text = keyTexts.get(key)
  if (text === undefined) {
    text = `${JSON.stringify(key)}:`
    if (keyTexts.size < 1000) keyTexts.set(key, text)
  }
  return text
}

/** A value as JSON.stringify writes it inside an object; undefined where it leaves the field out. */
function plain(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v)
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null'
    case 'boolean':
      return v ? 'true' : 'false'
    case 'object':
      if (v === null) return 'null'
      if (Array.isArray(v) && v.length === 0) return '[]'
      return JSON.stringify(v)
    default:
      return JSON.stringify(v)
  }
}

/**
 * An object's fields as JSON.stringify writes them, with `special` writing the fields it knows (it
 * returns undefined for the others). `skip` names fields left out.
 */
function fields(
  obj: Record<string, unknown>,
  special: (key: string, v: unknown) => string | undefined,
  skip?: (key: string, v: unknown) => boolean
): string {
  let out = '{'
  let first = true
  for (const key in obj) {
    if (!Object.hasOwn(obj, key)) continue
    const v = obj[key]
    if (skip?.(key, v)) continue
    const text = special(key, v) ?? plain(v)
    if (text === undefined) continue
    out += first ? keyText(key) + text : `,${keyText(key)}${text}`
    first = false
  }
  return `${out}}`
}

/** A list of items written from the shared texts (objects) or as plain values. */
function list(items: readonly unknown[], shared: SharedText): string {
  if (items.length === 0) return '[]'
  let out = '['
  for (let i = 0; i < items.length; i++) {
    const c = items[i]
    const text = c && typeof c === 'object' && !Array.isArray(c) ? shared.of(c) : (plain(c) ?? 'null')
    out += i ? `,${text}` : text
  }
  return `${out}]`
}

/** Writes rows: Set-Cookie results and jar cookies from the shared texts, the rest as JSON.stringify. */
function rowWriter(): (row: Record<string, unknown>, writeJar: boolean) => string {
  const shared = new SharedText()
  // `parsed` and `cookie` are the shared objects of a Set-Cookie result.
  const resultField = (key: string, v: unknown): string | undefined =>
    (key === 'parsed' || key === 'cookie') && v && typeof v === 'object' ? shared.of(v) : undefined
  const setCookies = (results: readonly unknown[]): string => {
    if (results.length === 0) return '[]'
    let out = '['
    for (let i = 0; i < results.length; i++) {
      const r = results[i]
      const text =
        r && typeof r === 'object' && !Array.isArray(r)
          ? fields(r as Record<string, unknown>, resultField)
          : (plain(r) ?? 'null')
      out += i ? `,${text}` : text
    }
    return `${out}]`
  }
  let writeJarNow = true
  const rowField = (key: string, v: unknown): string | undefined => {
    if (!Array.isArray(v)) return undefined
    if (key === 'setCookies') return setCookies(v)
    if (key === 'jarAfter') return list(v, shared)
    return undefined
  }
  const skip = (key: string): boolean =>
    key === 'expected' || key === 'sent' || (key === 'jarAfter' && !writeJarNow)
  return (row, writeJar) => {
    writeJarNow = writeJar
    return fields(row, rowField, skip)
  }
}

export function* reportJsonChunks(head: Record<string, unknown>, report: InspectReport): Generator<string> {
  const top: Record<string, unknown> = { ...head, ...report }
  delete top.requests
  let buf = '{\n'
  for (const [k, v] of Object.entries(top)) {
    if (v === undefined) continue
    buf += `  ${JSON.stringify(k)}: ${JSON.stringify(v)},\n`
    if (buf.length >= CHUNK) {
      yield buf
      buf = ''
    }
  }
  buf += '  "requests": ['
  const rowJson = rowWriter()
  const rows = report.requests
  let previousJar: unknown
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as unknown as Record<string, unknown>
    const jar = row.jarAfter
    const text = rowJson(row, jar !== previousJar)
    previousJar = jar
    buf += i ? `,\n    ${text}` : `\n    ${text}`
    if (buf.length >= CHUNK) {
      yield buf
      buf = ''
    }
  }
  yield `${buf}${rows.length ? '\n  ' : ''}]\n}\n`
}
