// The size bounds of the HAR door (./sanitize): nesting depth, string and key lengths, list and key
// counts. Anything past a bound is dropped or cut, in place, with a warning. The walk is iterative, so
// what is left can be stringified, copied and rendered without running out of stack.

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

/** Where a bound's warning goes: what was done, and where (named down to depth 3). */
export type Note = (what: string, where: string) => void

const DEEP = `A field nested more than ${LIMITS.depth} levels deep was dropped`

/**
 * Bounds depth, string lengths and counts under `root`, in place and without recursion. `root` sits at
 * `depth` and is called `where`. The items of `leave` (a list under `root`) are left for the caller to
 * bound one by one (`bound(item, note, depth of the list + 1, ...)`); `onLeft` is told when the walk
 * would have gone into them (after the list itself, before anything pushed earlier), so the caller can
 * put their warnings at that place.
 */
export function bound(
  root: unknown,
  note: Note,
  depth0 = 0,
  where0 = '',
  leave?: unknown[],
  onLeft?: () => void
): void {
  if (typeof root !== 'object' || root === null) return
  // Three parallel stacks: the container, its depth, and where it is (named down to depth 3).
  const nodes: (Json | unknown[])[] = [root as Json]
  const depths: number[] = [depth0]
  const wheres: string[] = [where0]
  while (nodes.length > 0) {
    const node = nodes.pop()!
    const depth = depths.pop()!
    const where = wheres.pop()!
    const named = depth < 3
    if (Array.isArray(node)) {
      if (node.length > LIMITS.items) {
        node.length = LIMITS.items
        note(`A list longer than ${LIMITS.items.toLocaleString('en')} items was cut`, where)
      }
      const left = node === leave
      for (let i = 0; i < node.length; i++) {
        const child = node[i]
        if (typeof child === 'string') {
          if (child.length > LIMITS.string) node[i] = cut(child, LIMITS.string, `${where}[${i}]`, note)
        } else if (typeof child === 'object' && child !== null) {
          if (depth + 1 >= LIMITS.depth) {
            node[i] = null
            note(DEEP, where)
          } else if (!left) {
            nodes.push(child as Json)
            depths.push(depth + 1)
            wheres.push(named ? `${where}[${i}]` : where)
          }
        }
      }
      if (left) onLeft?.()
      continue
    }
    let n = 0
    for (const key in node) {
      if (++n > LIMITS.keys || key.length > LIMITS.key) {
        delete node[key]
        note('An object with too many or too long field names lost the extra ones', where)
        continue
      }
      const child = node[key]
      if (typeof child === 'string') {
        const max = maxLength(key)
        if (child.length > max) node[key] = cut(child, max, named ? `${where}.${key}` : where, note)
      } else if (typeof child === 'object' && child !== null) {
        if (depth + 1 >= LIMITS.depth) {
          delete node[key]
          note(DEEP, where)
        } else {
          nodes.push(child as Json)
          depths.push(depth + 1)
          wheres.push(named ? (where ? `${where}.${key}` : key) : where)
        }
      }
    }
  }
}

/** The length bound of a string under `key`: a body text or comment may be longer than any other. */
function maxLength(key: string): number {
  return key === 'text' || key === 'comment' ? LIMITS.bodyText : LIMITS.string
}

function cut(text: string, max: number, where: string, note: Note): string {
  note(`A text longer than ${max.toLocaleString('en')} characters was cut to that length`, where)
  return text.slice(0, max)
}

/**
 * Whether `bound` would change anything under `node` (at `depth`): a read-only look, with no stacks and
 * no names, for the common case of an entry that is within every bound. Recursion stops at the depth
 * bound, so it goes at most LIMITS.depth calls deep.
 */
export function outOfBounds(node: unknown, depth: number): boolean {
  if (Array.isArray(node)) {
    if (node.length > LIMITS.items) return true
    for (let i = 0; i < node.length; i++) {
      const child: unknown = node[i]
      if (typeof child === 'string') {
        if (child.length > LIMITS.string) return true
      } else if (typeof child === 'object' && child !== null) {
        if (depth + 1 >= LIMITS.depth || outOfBounds(child, depth + 1)) return true
      }
    }
    return false
  }
  let n = 0
  for (const key in node as Json) {
    if (++n > LIMITS.keys || key.length > LIMITS.key) return true
    const child = (node as Json)[key]
    if (typeof child === 'string') {
      if (child.length > maxLength(key)) return true
    } else if (typeof child === 'object' && child !== null) {
      if (depth + 1 >= LIMITS.depth || outOfBounds(child, depth + 1)) return true
    }
  }
  return false
}
