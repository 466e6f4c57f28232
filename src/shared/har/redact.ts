// Redaction, on the model before export: every cookie value, Authorization credential, session id in a
// query string and password field of a form post becomes a stable placeholder (the same secret always
// becomes the same `redacted-N`), so a reader still sees a session ID go out in Set-Cookie and come back in
// Cookie without learning its value. Once a value is known to be secret it is replaced wherever else it
// appears too (a Referer, a Location, a page body, another tool's own fields), and a last pass over the
// finished HAR catches what the model does not hold.
import type {
  CaptureSnapshot,
  CapturedBody,
  CapturedExchange,
  HeaderPair,
  ServerSessionEvent
} from '../model'
import { base64AsText, headerValue, splitSetCookie, textToBase64, urlParts } from '../http'
import type { ImportedExchange } from './export'

export const REDACTION_NOTE =
  'Redaction is on: Cookie, Set-Cookie and Authorization values, session IDs in query strings and ' +
  'password fields of form posts were replaced by placeholders, wherever they appeared. The same secret ' +
  'always became the same placeholder (redacted-1, redacted-2, ...), so round trips stay visible.'

/** Query parameters that carry a session id or a credential. */
const SECRET_PARAM =
  /^(s?sid|sess(ion)?([-_.]?id)?|jsessionid|phpsessid|aspsessionid\w*|token|access[-_]?token|id[-_]?token|refresh[-_]?token|auth|api[-_]?key|key|secret|password|passwd|pwd|code)$/i
/** Form fields that carry a password or a secret. */
const SECRET_FIELD = /(pass(word|wd)?|pwd|secret|token|csrf|otp|pin)$/i
/** Shorter values are replaced where they are structurally known only, not as text anywhere. */
const MIN_SCRUB = 6

const FORM = /^application\/x-www-form-urlencoded/i

export class Redactor {
  private readonly placeholders = new Map<string, string>()
  private pattern: RegExp | undefined

  /** The placeholder for a secret; empty values stay empty. */
  secret(value: string): string {
    if (value === '' || /^redacted-\d+$/.test(value)) return value
    let placeholder = this.placeholders.get(value)
    if (!placeholder) {
      placeholder = `redacted-${this.placeholders.size + 1}`
      this.placeholders.set(value, placeholder)
      this.pattern = undefined
    }
    return placeholder
  }

  headers(headers: HeaderPair[]): HeaderPair[] {
    return headers.map(([name, value]) => [name, this.header(name, value)])
  }

  header(name: string, value: string): string {
    switch (name.toLowerCase()) {
      case 'cookie':
        return value
          .split(';')
          .map((part) => this.pair(part))
          .join(';')
      case 'set-cookie':
        // A folded value (several cookies in one header) has every cookie's value replaced.
        return splitSetCookie(value)
          .map((line) => {
            const semi = line.indexOf(';')
            const first = semi < 0 ? line : line.slice(0, semi)
            return this.pair(first) + (semi < 0 ? '' : this.scrub(line.slice(semi)))
          })
          .join('\n')
      case 'authorization':
      case 'proxy-authorization': {
        const m = /^(\s*\S+\s+)(.+)$/.exec(value)
        return m ? `${m[1]}${this.secret(m[2] ?? '')}` : this.secret(value)
      }
      default:
        return this.scrub(value)
    }
  }

  /** Learns the secrets of an exchange without changing it (pass one). */
  learn(x: CapturedExchange | ImportedExchange): void {
    for (const [name, value] of [...x.requestHeaders, ...(x.responseHeaders ?? [])]) this.header(name, value)
    for (const p of paramsOf(urlParts(x.url).search)) if (SECRET_PARAM.test(p.name)) this.secret(p.value)
    const form = formText(x.requestBody, x.requestHeaders)
    if (form !== undefined) {
      for (const p of paramsOf(form)) if (SECRET_FIELD.test(p.name)) this.secret(p.value)
    }
    const extras = 'har' in x ? x.har : undefined
    for (const c of [...(extras?.requestCookies ?? []), ...(extras?.responseCookies ?? [])]) {
      const value = (c as { value?: unknown } | null)?.value
      if (typeof value === 'string') this.secret(value)
    }
  }

  /** Replaces every known secret that is long enough to be told from ordinary text. */
  scrub(text: string): string {
    if (!text) return text
    if (!this.pattern) {
      const long = [...this.placeholders.keys()].filter((k) => k.length >= MIN_SCRUB)
      long.sort((a, b) => b.length - a.length)
      this.pattern = long.length
        ? new RegExp(long.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g')
        : /(?!)/g
    }
    return text.replace(this.pattern, (m) => this.placeholders.get(m) ?? m)
  }

  /** Every string inside a JSON-like value, scrubbed (keys stay). */
  deep<T>(value: T): T {
    if (typeof value === 'string') return this.scrub(value) as T
    if (Array.isArray(value)) return value.map((v) => this.deep(v)) as T
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(value)) out[k] = this.deep(v)
      return out as T
    }
    return value
  }

  /** `name=value` with the value replaced, keeping surrounding whitespace. */
  private pair(part: string): string {
    const eq = part.indexOf('=')
    if (eq < 0) return part.trim() === '' ? part : part.replace(part.trim(), this.secret(part.trim()))
    const value = part.slice(eq + 1)
    const trimmed = value.trim()
    return part.slice(0, eq + 1) + value.replace(trimmed, this.secret(trimmed))
  }

  exchange(x: ImportedExchange): ImportedExchange {
    const out: ImportedExchange = {
      ...x,
      url: this.scrub(x.url),
      requestHeaders: this.headers(x.requestHeaders)
    }
    if (x.responseHeaders) out.responseHeaders = this.headers(x.responseHeaders)
    if (x.requestBody) out.requestBody = this.body(x.requestBody)
    if (x.responseBody) out.responseBody = this.body(x.responseBody)
    if (x.error) out.error = { ...x.error, message: this.scrub(x.error.message) }
    if (x.har) {
      const har = this.deep(x.har)
      if (x.har.requestCookies) har.requestCookies = this.cookies(x.har.requestCookies)
      if (x.har.responseCookies) har.responseCookies = this.cookies(x.har.responseCookies)
      out.har = har
    }
    return out
  }

  /** Another tool's cookie list, every value replaced. */
  cookies(list: unknown[]): unknown[] {
    return list.map((c) => {
      if (typeof c !== 'object' || c === null) return c
      const cookie = this.deep({ ...(c as Record<string, unknown>) })
      if (typeof cookie.value === 'string') cookie.value = this.secret(cookie.value)
      return cookie
    })
  }

  event(e: ServerSessionEvent): ServerSessionEvent {
    const copy = { ...e, sessionId: this.secret(e.sessionId) }
    if (e.previousId) copy.previousId = this.secret(e.previousId)
    return copy
  }

  private body(body: CapturedBody): CapturedBody {
    const text = body.base64 ? base64AsText(body.base64) : undefined
    if (text === undefined) return body
    const scrubbed = this.scrub(text)
    return scrubbed === text ? body : { ...body, base64: textToBase64(scrubbed) }
  }
}

function paramsOf(search: string): { name: string; value: string }[] {
  try {
    return [...new URLSearchParams(search)].map(([name, value]) => ({ name, value }))
  } catch {
    return []
  }
}

function formText(body: CapturedBody | undefined, headers: HeaderPair[]): string | undefined {
  if (!body?.base64 || !FORM.test(headerValue(headers, 'content-type') ?? '')) return undefined
  return base64AsText(body.base64)
}

/** The snapshot with every secret replaced; `redactor` keeps the placeholders for a last pass. */
export function redactSnapshot<S extends CaptureSnapshot>(snapshot: S, redactor = new Redactor()): S {
  for (const x of snapshot.exchanges) redactor.learn(x)
  for (const e of snapshot.sessionEvents) redactor.event(e)
  return {
    ...snapshot,
    exchanges: snapshot.exchanges.map((x) => redactor.exchange(x)),
    sessionEvents: snapshot.sessionEvents.map((e) => redactor.event(e))
  }
}
