// Lenient HAR reading: accepts what real tools write (a UTF-8 BOM, `redirectURL: null`, Firefox's cache
// objects, httpVersion "unknown" or "h3", entries with status -1 or no response, custom `_fields`) and
// normalises the missing pieces so the analysis can rely on them. Strict only about input that is not HAR
// at all, with a sentence that says what is wrong and, for broken JSON, where. Pure: no node imports.
import type { Entry, Har, Header, Response } from 'har-format'
import { cookieQuirks } from './cookie-quirks'
import { findJsonError } from './json-error'
import { isObject } from './json'
import { HarChecks } from './sanitize'

export type ParseHarResult = { ok: true; har: Har; warnings: string[] } | { ok: false; error: string }

/** Line and column (both 1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  const end = Math.min(offset, text.length)
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: end - lineStart + 1 }
}

function describeJsonError(text: string): string {
  const found = findJsonError(text)
  const offset = found?.offset ?? text.length
  const where = lineColumn(text, offset)
  const at = `line ${where.line}, column ${where.column}`
  if (!found || offset >= text.trimEnd().length) {
    return (
      `The file is not complete JSON: it ends at ${at} before the HAR is closed. ` +
      'It may have been cut short (for example a recording that was stopped abruptly); ' +
      'export it again, or open the recording journal instead.'
    )
  }
  return `The file is not valid JSON: ${found.problem} at ${at}. Fix that spot or export the HAR again.`
}

/** Tallies one kind of quirk across entries, so a 5,000-entry file yields one warning, not 5,000. */
class Quirks {
  private readonly seen = new Map<string, number[]>()
  add(what: string, index: number): void {
    const list = this.seen.get(what) ?? []
    list.push(index)
    this.seen.set(what, list)
  }
  messages(): string[] {
    return [...this.seen].map(([what, list]) => {
      const shown = list.slice(0, 10).join(', ') + (list.length > 10 ? `, … (${list.length} in all)` : '')
      return `${list.length === 1 ? 'Entry' : 'Entries'} ${shown}: ${what}`
    })
  }
}

/** The headers as `{ name, value }` with string values, in place; a new list only when one had to go. */
function headers(v: unknown, where: string, index: number, quirks: Quirks): Header[] {
  if (v === undefined || v === null) {
    quirks.add(`${where} headers were missing; read as none.`, index)
    return []
  }
  if (!Array.isArray(v)) {
    quirks.add(`${where} headers were not a list; ignored.`, index)
    return []
  }
  let out: Header[] | undefined
  for (let i = 0; i < v.length; i++) {
    const h: unknown = v[i]
    if (isObject(h) && typeof h.name === 'string') {
      if (typeof h.value !== 'string') h.value = String(h.value ?? '')
      out?.push(h as unknown as Header)
    } else {
      out ??= v.slice(0, i) as Header[]
      quirks.add(`a ${where.toLowerCase()} header without a name was skipped.`, index)
    }
  }
  return out ?? (v as Header[])
}

function emptyResponse(): Response {
  return {
    status: 0,
    statusText: '',
    httpVersion: '',
    headers: [],
    cookies: [],
    content: { size: 0, mimeType: '' },
    redirectURL: '',
    headersSize: -1,
    bodySize: -1
  }
}

/**
 * One entry with the missing pieces filled in. In place: the data is the reader's own (just parsed, or
 * already bounded and checked in place by HarChecks), and a 50,000-entry file need not be copied.
 */
function normaliseEntry(raw: unknown, i: number, quirks: Quirks, checked: boolean): Entry | string {
  if (!isObject(raw)) return `Entry ${i} of log.entries is not an object, so this is not a HAR file.`
  const req = raw.request
  if (!isObject(req) || typeof req.url !== 'string') {
    return `Entry ${i} of log.entries has no request with a URL, so this is not a HAR file (every HAR entry records a request).`
  }
  const methodMissing = typeof req.method !== 'string'
  req.method = methodMissing ? 'GET' : req.method
  req.url = req.url as string
  req.httpVersion = typeof req.httpVersion === 'string' ? req.httpVersion : ''
  req.headers = headers(req.headers, 'Request', i, quirks)
  req.cookies = Array.isArray(req.cookies) ? req.cookies : []
  req.queryString = Array.isArray(req.queryString) ? req.queryString : []
  req.headersSize = typeof req.headersSize === 'number' ? req.headersSize : -1
  req.bodySize = typeof req.bodySize === 'number' ? req.bodySize : -1
  const request = req as unknown as Entry['request']
  if (methodMissing) quirks.add('request method was missing; read as GET.', i)

  let response: Response
  const res = raw.response
  if (!isObject(res)) {
    quirks.add('no response was recorded (the request failed or was cancelled).', i)
    response = emptyResponse()
  } else {
    const status = typeof res.status === 'number' ? res.status : Number(res.status)
    if (!Number.isFinite(status) || status <= 0) {
      quirks.add('no response status (0 or -1: the request failed, was blocked or was cancelled).', i)
    }
    if (res.redirectURL === null) quirks.add('redirectURL was null; read as "".', i)
    res.status = Number.isFinite(status) ? status : 0
    res.statusText = typeof res.statusText === 'string' ? res.statusText : ''
    res.httpVersion = typeof res.httpVersion === 'string' ? res.httpVersion : ''
    res.headers = headers(res.headers, 'Response', i, quirks)
    res.cookies = Array.isArray(res.cookies) ? res.cookies : []
    res.content = isObject(res.content) ? res.content : { size: 0, mimeType: '' }
    res.redirectURL = typeof res.redirectURL === 'string' ? res.redirectURL : ''
    res.headersSize = typeof res.headersSize === 'number' ? res.headersSize : -1
    res.bodySize = typeof res.bodySize === 'number' ? res.bodySize : -1
    response = res as unknown as Response
  }

  cookieQuirks(request, response, i, quirks)
  let startedDateTime = typeof raw.startedDateTime === 'string' ? raw.startedDateTime : ''
  // A checked entry's startedDateTime is "" or a usable date (the checks parsed it): not parsed again.
  if (!startedDateTime || (!checked && Number.isNaN(Date.parse(startedDateTime)))) {
    quirks.add('startedDateTime was missing or not a date; the entry keeps its place in the file order.', i)
    startedDateTime = startedDateTime || ''
  }
  const timings = isObject(raw.timings) ? raw.timings : {}
  timings.wait = typeof timings.wait === 'number' ? timings.wait : -1
  timings.receive = typeof timings.receive === 'number' ? timings.receive : -1
  if (typeof timings.send !== 'number') timings.send = -1
  raw.startedDateTime = startedDateTime
  raw.time = typeof raw.time === 'number' ? raw.time : 0
  raw.request = request
  raw.response = response
  raw.cache = isObject(raw.cache) ? raw.cache : {}
  raw.timings = timings
  return raw as unknown as Entry
}

/** Reads a HAR file's text. Never throws. */
export function parseHar(text: string): ParseHarResult {
  if (typeof text !== 'string') return { ok: false, error: 'Expected the text of a HAR file.' }
  let body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  if (body.trim() === '') {
    return { ok: false, error: 'The file is empty. A HAR file is a JSON object with a "log" inside.' }
  }
  let data: unknown
  try {
    data = JSON.parse(body)
  } catch {
    return { ok: false, error: describeJsonError(body) }
  }
  // The text is not needed past here: let it go before the (allocating) checks run.
  text = body = ''
  return readHarData(data)
}

/** Reads an already-parsed HAR (e.g. a replay request's body), checked first. Never throws. */
export function readHarData(data: unknown): ParseHarResult {
  // The door's checks: the whole file is bounded here but for the entries' insides, which are bounded
  // and checked one by one in the loop below, each just before it is read (one pass over the entries).
  const checks = new HarChecks()
  checks.file(data)
  if (!isObject(data)) {
    const kind = Array.isArray(data) ? 'a list' : `a ${data === null ? 'null' : typeof data}`
    return {
      ok: false,
      error: `This is JSON but not a HAR file: the top level is ${kind}, not an object with a "log".`
    }
  }
  const log = data.log
  if (!isObject(log)) {
    const keys = Object.keys(data).slice(0, 5)
    return {
      ok: false,
      error:
        'This is JSON but not a HAR file: it has no "log" object' +
        (keys.length ? ` (its top-level fields are ${keys.map((k) => `"${k}"`).join(', ')}).` : '.')
    }
  }
  if (!Array.isArray(log.entries)) {
    return { ok: false, error: 'This is JSON but not a HAR file: its "log" has no "entries" list.' }
  }
  const warnings: string[] = []
  const quirks = new Quirks()
  const entries: Entry[] = []
  for (let i = 0; i < log.entries.length; i++) {
    const checked = checks.entry(log.entries[i], i)
    const entry = normaliseEntry(log.entries[i], i, quirks, checked)
    if (typeof entry === 'string') return { ok: false, error: entry }
    entries.push(entry)
  }
  if (typeof log.version !== 'string') warnings.push('The log has no version; read as HAR 1.2.')
  if (!isObject(log.creator)) warnings.push('The log does not say which tool wrote it (no creator).')
  warnings.push(...checks.messages(), ...quirks.messages())
  const creator = isObject(log.creator)
    ? {
        ...log.creator,
        name: String(log.creator.name ?? 'unknown'),
        version: String(log.creator.version ?? '')
      }
    : { name: 'unknown', version: '' }
  const har = {
    log: {
      ...log,
      version: typeof log.version === 'string' ? log.version : '1.2',
      creator,
      pages: Array.isArray(log.pages) ? log.pages : undefined,
      entries
    }
  } as Har
  if (har.log.pages === undefined) delete har.log.pages
  return { ok: true, har, warnings }
}
