// Redaction for exported HARs: Cookie, Set-Cookie and Authorization values become stable
// placeholders (the same secret always becomes the same `redacted-N`), so a reader still sees a
// session ID go out in Set-Cookie and come back in Cookie without learning its value.
import type { HeaderPair } from '../model'

export const REDACTION_NOTE =
  'Redaction is on: Cookie, Set-Cookie and Authorization values (and session IDs) were replaced by ' +
  'placeholders. The same secret always became the same placeholder (redacted-1, redacted-2, ...), so ' +
  'round trips stay visible.'

export class Redactor {
  private readonly placeholders = new Map<string, string>()

  /** The placeholder for a secret; empty values stay empty. */
  secret(value: string): string {
    if (value === '') return value
    let placeholder = this.placeholders.get(value)
    if (!placeholder) {
      placeholder = `redacted-${this.placeholders.size + 1}`
      this.placeholders.set(value, placeholder)
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
      case 'set-cookie': {
        const semi = value.indexOf(';')
        const first = semi < 0 ? value : value.slice(0, semi)
        return this.pair(first) + (semi < 0 ? '' : value.slice(semi))
      }
      case 'authorization':
      case 'proxy-authorization': {
        const m = /^(\s*\S+\s+)(.+)$/.exec(value)
        return m ? `${m[1]}${this.secret(m[2] ?? '')}` : this.secret(value)
      }
      default:
        return value
    }
  }

  /** `name=value` with the value replaced, keeping surrounding whitespace. */
  private pair(part: string): string {
    const eq = part.indexOf('=')
    if (eq < 0) return part.trim() === '' ? part : part.replace(part.trim(), this.secret(part.trim()))
    const value = part.slice(eq + 1)
    const trimmed = value.trim()
    return part.slice(0, eq + 1) + value.replace(trimmed, this.secret(trimmed))
  }
}
