// A one-entry memo keyed by the identity of its inputs: the store replaces what changed, so
// identical inputs mean an identical answer.
export function memoize<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let last: A | undefined
  let result: R
  return (...args: A): R => {
    if (last && last.length === args.length && last.every((a, i) => Object.is(a, args[i]))) return result
    result = fn(...args)
    last = args
    return result
  }
}
