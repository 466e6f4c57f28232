// Finds where and why a text is not valid JSON, the same in every JavaScript engine (V8's own message
// often names no position). Run only after JSON.parse has failed. Iterative, so deep nesting cannot
// overflow the stack.

export interface JsonSyntaxError {
  /** Character offset of the problem. */
  offset: number
  /** What is wrong, in words: "unexpected ','", "the text ends too early". */
  problem: string
}

const WS = new Set([' ', '\t', '\n', '\r'])

export function findJsonError(text: string): JsonSyntaxError | undefined {
  let i = 0
  const n = text.length
  const skip = (): void => {
    while (i < n && WS.has(text[i] as string)) i++
  }
  const fail = (problem: string): JsonSyntaxError => ({ offset: i, problem })
  const end = (): JsonSyntaxError => ({ offset: n, problem: 'the text ends before the JSON is complete' })
  const show = (ch: string): string => (ch === '\n' ? 'a line break' : `'${ch}'`)

  const string = (): JsonSyntaxError | undefined => {
    i++ // opening quote
    while (i < n) {
      const ch = text[i] as string
      if (ch === '"') {
        i++
        return undefined
      }
      if (ch === '\\') {
        const next = text[i + 1]
        if (next === undefined) return end()
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            return fail('a \\u escape needs four hex digits')
          i += 6
        } else if ('"\\/bfnrt'.includes(next)) i += 2
        else return fail(`'\\${next}' is not a JSON escape`)
        continue
      }
      if (ch.charCodeAt(0) < 0x20) return fail('a string contains a raw control character or line break')
      i++
    }
    return { offset: n, problem: 'a string is not closed before the text ends' }
  }

  const scalar = (): JsonSyntaxError | undefined => {
    const ch = text[i] as string
    if (ch === '"') return string()
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length
        return undefined
      }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400))
    if (m && m[0] !== '' && m[0] !== '-') {
      i += m[0].length
      return undefined
    }
    return fail(`unexpected ${show(ch)}`)
  }

  // Each open container: '[' or '{', and whether a value/key is expected next.
  const stack: { kind: '[' | '{'; state: 'first' | 'value' | 'after' | 'key' | 'colon' }[] = []
  skip()
  if (i >= n) return end()
  for (;;) {
    skip()
    if (i >= n) return end()
    const top = stack.at(-1)
    const ch = text[i] as string
    if (top?.state === 'after') {
      if (ch === ',') {
        top.state = top.kind === '[' ? 'value' : 'key'
        i++
        continue
      }
      if ((ch === ']' && top.kind === '[') || (ch === '}' && top.kind === '{')) {
        stack.pop()
        i++
      } else return fail(`expected ',' or '${top.kind === '[' ? ']' : '}'}' but found ${show(ch)}`)
    } else if (top && top.kind === '{' && (top.state === 'first' || top.state === 'key')) {
      if (ch === '}' && top.state === 'first') {
        stack.pop()
        i++
      } else if (ch === '"') {
        const err = string()
        if (err) return err
        top.state = 'colon'
        continue
      } else return fail(`expected a property name in double quotes but found ${show(ch)}`)
    } else if (top?.state === 'colon') {
      if (ch !== ':') return fail(`expected ':' after a property name but found ${show(ch)}`)
      top.state = 'value'
      i++
      continue
    } else {
      // A value is expected (top level, after '[', ',' in a list, or ':').
      if (top && top.kind === '[' && top.state === 'first' && ch === ']') {
        stack.pop()
        i++
      } else if (ch === '[' || ch === '{') {
        if (top) top.state = 'after'
        stack.push({ kind: ch, state: 'first' })
        i++
        continue
      } else {
        const err = scalar()
        if (err) return err
        if (top) top.state = 'after'
      }
    }
    // A value just finished.
    const parent = stack.at(-1)
    if (parent) {
      parent.state = 'after'
      continue
    }
    skip()
    return i < n ? fail(`unexpected ${show(text[i] as string)} after the end of the JSON`) : undefined
  }
}
