// Header lines repeat on almost every request (User-Agent, Accept, the same Cookie line,
// Content-Type, Date within a second), yet Node's HTTP parser makes fresh strings for each.
// Interning makes every captured copy point at one shared string, and every identical
// [name, value] pair at one shared, frozen pair. The tables are bounded: when one fills up it
// starts afresh, so a stream of unique values never makes it grow without limit.
import type { HeaderPair } from '../../shared/model'

export interface InternOptions {
  /** Distinct strings (and, separately, distinct header pairs) kept before a table starts afresh. */
  maxEntries?: number
  /** Longer strings are kept as they are (a long unique value is rarely repeated). */
  maxLength?: number
}

export class Interner {
  private strings = new Map<string, string>()
  private pairsByName = new Map<string, Map<string, HeaderPair>>()
  private pairCount = 0
  private readonly maxEntries: number
  private readonly maxLength: number

  constructor(options: InternOptions = {}) {
    this.maxEntries = options.maxEntries ?? 20_000
    this.maxLength = options.maxLength ?? 4096
  }

  get size(): number {
    return this.strings.size + this.pairCount
  }

  intern(value: string): string {
    if (value.length > this.maxLength) return value
    const known = this.strings.get(value)
    if (known !== undefined) return known
    if (this.strings.size >= this.maxEntries) this.strings = new Map()
    this.strings.set(value, value)
    return value
  }

  /**
   * Replaces each pair of a header list in place by the shared pair with the same name and value.
   * Shared pairs are frozen: a captured header is a record of what crossed the wire, never edited.
   */
  headers(list: HeaderPair[] | undefined): void {
    if (!list) return
    for (let i = 0; i < list.length; i++) {
      // Already a shared pair (made by pairsFrom or an earlier put).
      if (Object.isFrozen(list[i])) continue
      const [rawName, value] = list[i]!
      list[i] = this.pair(rawName, value)
    }
  }

  /** Shared pairs straight from Node's flat rawHeaders list, with no pair made per message. */
  pairsFrom(raw: readonly string[]): HeaderPair[] {
    const out: HeaderPair[] = new Array(raw.length >> 1)
    for (let i = 0, j = 0; i + 1 < raw.length; i += 2, j++) out[j] = this.pair(raw[i]!, raw[i + 1]!)
    return out
  }

  private pair(rawName: string, value: string): HeaderPair {
    const name = this.intern(rawName)
    if (value.length > this.maxLength) return [name, value]
    let byValue = this.pairsByName.get(name)
    if (!byValue) {
      if (this.pairCount >= this.maxEntries) this.resetPairs()
      byValue = new Map()
      this.pairsByName.set(name, byValue)
    }
    let pair = byValue.get(value)
    if (!pair) {
      if (this.pairCount >= this.maxEntries) {
        this.resetPairs()
        byValue = new Map()
        this.pairsByName.set(name, byValue)
      }
      pair = Object.freeze([name, value]) as unknown as HeaderPair
      byValue.set(value, pair)
      this.pairCount++
    }
    return pair
  }

  private resetPairs(): void {
    this.pairsByName = new Map()
    this.pairCount = 0
  }
}
