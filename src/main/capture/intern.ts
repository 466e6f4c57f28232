// Header names and values repeat on almost every request (User-Agent, Accept, the same Cookie
// line, Content-Type, Date within a second), yet Node's HTTP parser makes a fresh string for each.
// Interning them makes every captured copy point at one shared string. The table is bounded: when
// it fills up it starts afresh, so a stream of unique values never makes it grow without limit.

export interface InternOptions {
  /** Distinct strings kept before the table starts afresh. */
  maxEntries?: number
  /** Longer strings are kept as they are (a long unique value is rarely repeated). */
  maxLength?: number
}

export class Interner {
  private table = new Map<string, string>()
  private readonly maxEntries: number
  private readonly maxLength: number

  constructor(options: InternOptions = {}) {
    this.maxEntries = options.maxEntries ?? 20_000
    this.maxLength = options.maxLength ?? 4096
  }

  get size(): number {
    return this.table.size
  }

  intern(value: string): string {
    if (value.length > this.maxLength) return value
    const known = this.table.get(value)
    if (known !== undefined) return known
    if (this.table.size >= this.maxEntries) this.table = new Map()
    this.table.set(value, value)
    return value
  }

  /** Replaces the strings of header pairs in place with their interned copies. */
  headers(pairs: [string, string][] | undefined): void {
    if (!pairs) return
    for (const pair of pairs) {
      pair[0] = this.intern(pair[0])
      pair[1] = this.intern(pair[1])
    }
  }
}
