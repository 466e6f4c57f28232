// Hidden form fields during a fresh replay. A login form carries a per-session CSRF token in a
// hidden input; replaying the recorded POST with the recorded token would be refused by design. So,
// like a browser that loads the form again, the replay reads hidden inputs from each new response
// and, in later url-encoded form posts, swaps a recorded hidden value for the value the server
// just gave out under the same field name.

const HIDDEN_INPUT = /<input\b[^>]*>/gi

/** `name -> value` of every `<input type="hidden">` in an HTML page. */
export function hiddenFields(html: string): Map<string, string> {
  const fields = new Map<string, string>()
  for (const match of html.matchAll(HIDDEN_INPUT)) {
    const tag = match[0]
    if (attribute(tag, 'type')?.toLowerCase() !== 'hidden') continue
    const name = attribute(tag, 'name')
    const value = attribute(tag, 'value')
    if (name !== undefined && value !== undefined) fields.set(name, value)
  }
  return fields
}

function attribute(tag: string, name: string): string | undefined {
  const re = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')
  const m = re.exec(tag)
  if (!m) return undefined
  return decodeEntities(m[1] ?? m[2] ?? m[3] ?? '')
}

function decodeEntities(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

export class FormTokens {
  /** Hidden values seen in recorded responses, by field name (all of them, oldest first). */
  private readonly recorded = new Map<string, Set<string>>()
  /** The latest value the live server gave out, by field name. */
  private readonly live = new Map<string, string>()

  noteRecorded(html: string): void {
    for (const [name, value] of hiddenFields(html)) {
      let values = this.recorded.get(name)
      if (!values) this.recorded.set(name, (values = new Set()))
      values.add(value)
    }
  }

  noteLive(html: string): void {
    for (const [name, value] of hiddenFields(html)) this.live.set(name, value)
  }

  /**
   * The url-encoded body with recorded hidden values replaced by the live ones; `swapped` names
   * the fields that changed.
   */
  rewrite(body: string): { body: string; swapped: string[] } {
    const params = new URLSearchParams(body)
    const swapped: string[] = []
    for (const [name, value] of [...params]) {
      const live = this.live.get(name)
      if (live !== undefined && live !== value && this.recorded.get(name)?.has(value)) {
        params.set(name, live)
        swapped.push(name)
      }
    }
    return swapped.length > 0 ? { body: params.toString(), swapped } : { body, swapped }
  }
}
