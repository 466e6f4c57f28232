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
  of(value: object, write: (v: never) => string = JSON.stringify): string {
    let text = this.texts.get(value)
    if (text === undefined) {
      text = write(value as never)
      if (this.texts.size >= CACHED) this.texts = new Map()
      this.texts.set(value, text)
    }
    return text
  }
}

/** An object's own fields in order, undefined ones left out, as JSON.stringify writes them. */
function objectJson(obj: object, field: (key: string, value: unknown) => string): string {
  let out = '{'
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(k)}:${field(k, v)}`
  }
  return `${out}}`
}

function listJson(list: readonly unknown[], item: (v: unknown) => string): string {
  let out = '['
  for (let i = 0; i < list.length; i++) out += `${i ? ',' : ''}${item(list[i])}`
  return `${out}]`
}

function rowWriter(): (row: Record<string, unknown>) => string {
  const shared = new SharedText()
  const cookie = (c: unknown): string =>
    c && typeof c === 'object' ? shared.of(c) : (JSON.stringify(c) ?? 'null')
  const parsedField = (k: string, v: unknown): string =>
    k === 'explanations' && v && typeof v === 'object' ? shared.of(v) : JSON.stringify(v)
  const parsed = (p: object): string => objectJson(p, parsedField)
  const setCookie = (r: unknown): string => {
    if (!r || typeof r !== 'object') return JSON.stringify(r) ?? 'null'
    return objectJson(r as SetCookieResult, (k, v) => {
      if (k === 'parsed' && v && typeof v === 'object') return shared.of(v, parsed)
      if (k === 'cookie') return cookie(v)
      return JSON.stringify(v)
    })
  }
  return (row) =>
    objectJson(row, (k, v) => {
      if (k === 'setCookies' && Array.isArray(v)) return listJson(v, setCookie)
      if (k === 'jarAfter' && Array.isArray(v)) return listJson(v, cookie)
      return JSON.stringify(v)
    })
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
