// Hidden form fields during a fresh replay. A login form carries a per-session CSRF token in a
// hidden input; replaying the recorded POST with the recorded token would be refused by design. So,
// like a browser that loads the form again, the replay reads hidden inputs from each new response
// and, in later url-encoded form posts, swaps a recorded hidden value for the value the server
// just gave out under the same field name.
import { parse, type DefaultTreeAdapterMap } from 'parse5'

type Node = DefaultTreeAdapterMap['node']
type Template = DefaultTreeAdapterMap['template']

/** `name -> value` of every `<input type="hidden">` in an HTML page, read by a real HTML parser. */
export function hiddenFields(html: string): Map<string, string> {
  const fields = new Map<string, string>()
  // parse5 follows the HTML standard: every named and numeric entity, unquoted and odd attributes,
  // inputs in <template> content and broken markup are read the way a browser reads them.
  const pending: Node[] = [parse(html)]
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (!('childNodes' in node)) continue
    if (node.nodeName === 'input' && 'attrs' in node) {
      const attrs = new Map(node.attrs.map((a) => [a.name, a.value] as const))
      const name = attrs.get('name')
      const value = attrs.get('value')
      if (attrs.get('type')?.toLowerCase() === 'hidden' && name !== undefined && value !== undefined) {
        fields.set(name, value)
      }
    }
    const children = node.nodeName === 'template' ? (node as Template).content.childNodes : node.childNodes
    // Reversed onto the stack, so fields are met in document order and a later one wins, as in a form.
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!)
  }
  return fields
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
