// The JSON form of an InspectReport for `roundtrip inspect --json`, produced in pieces so a capture of
// any size streams out without building one giant string. Each request row leaves out what its header
// strings already say (`expected`, `sent`) and its `jarAfter` when that is the same jar as the row before.
// The text is exactly JSON.stringify's (no spaces inside a row); objects the analysis shares between rows
// (a Set-Cookie line's reading, a cookie as the jar held it, a list of attribute sentences) are written
// once and their text reused, since a long capture repeats them in row after row.
import type { InspectReport } from './index'
import type { SetCookieResult } from './jar'

const CHUNK = 64 * 1024
/** Texts kept for reuse; past this many the cache starts again (a capture's rows reuse recent ones). */
const CACHED = 20_000

type Row = InspectReport['requests'][number]

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

/**
 * A row as JSON.stringify writes it, with its Set-Cookie results and jar (its last fields, where the
 * rows' shared objects are) written from the shared texts. A row of another shape is written whole.
 */
function rowWriter(): (row: Record<string, unknown>) => string {
  const shared = new SharedText()
  const item = (c: unknown): string =>
    c && typeof c === 'object' ? shared.of(c) : (JSON.stringify(c) ?? 'null')
  const list = (items: readonly unknown[], write: (v: unknown) => string): string => {
    let out = '['
    for (let i = 0; i < items.length; i++) out += `${i ? ',' : ''}${write(items[i])}`
    return `${out}]`
  }
  // `parsed` comes first in a result: its shared text, then the result's other fields.
  const setCookie = (r: unknown): string => {
    const result = r as SetCookieResult
    if (!result || typeof result !== 'object' || firstKey(result) !== 'parsed' || !result.parsed)
      return JSON.stringify(r) ?? 'null'
    const others = JSON.stringify({ ...result, parsed: undefined })
    return `{"parsed":${shared.of(result.parsed)}${others === '{}' ? '}' : `,${others.slice(1)}`}`
  }
  return (row) => {
    const keys = Object.keys(row)
    const last = keys[keys.length - 1]
    const jar = last === 'jarAfter' ? row.jarAfter : undefined
    const sets = keys[keys.length - (jar ? 2 : 1)] === 'setCookies' ? row.setCookies : undefined
    if (!Array.isArray(sets) || (jar !== undefined && !Array.isArray(jar))) return JSON.stringify(row)
    const head = JSON.stringify({ ...row, setCookies: undefined, jarAfter: undefined })
    let out = `${head.length > 2 ? `${head.slice(0, -1)},` : '{'}"setCookies":${list(sets, setCookie)}`
    if (jar) out += `,"jarAfter":${list(jar as unknown[], item)}`
    return `${out}}`
  }
}

function firstKey(obj: object): string | undefined {
  for (const k in obj) return k
  return undefined
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
  let previousJar: unknown
  for (let i = 0; i < report.requests.length; i++) {
    const { expected: _expected, sent: _sent, jarAfter, ...rest } = report.requests[i] as Row
    const row = jarAfter === previousJar ? rest : { ...rest, jarAfter }
    previousJar = jarAfter
    buf += `${i ? ',' : ''}\n    ${rowJson(row)}`
    if (buf.length >= CHUNK) {
      yield buf
      buf = ''
    }
  }
  yield `${buf}${report.requests.length ? '\n  ' : ''}]\n}\n`
}
