// Command-line values with errors that say which flag was wrong and what it takes.
import { UsageError } from './errors'

export { UsageError }

export function parseCount(
  raw: string | undefined,
  fallback: number,
  flag: string,
  max = Number.MAX_SAFE_INTEGER
): number {
  if (raw === undefined) return fallback
  if (!/^\d+$/.test(raw) || Number(raw) > max) {
    throw new UsageError(
      `${flag} takes a whole number from 0 to ${max}; "${raw}" is not one, so write e.g. ${flag} ${Math.min(max, 8080)}.`
    )
  }
  return Number(raw)
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** "90s", "15m", "8h", "250ms", or a plain number of seconds. */
export function parseDuration(
  raw: string | undefined,
  fallback: number,
  flag: string,
  opts: { allowZero?: boolean } = {}
): number {
  if (raw === undefined) return fallback
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(raw.trim())
  if (!m || (Number(m[1]) <= 0 && !opts.allowZero)) {
    throw new UsageError(
      `${flag} takes a duration such as 90s, 15m or 2h; "${raw}" is not one, so write e.g. ${flag} 90s.`
    )
  }
  return Math.round(Number(m[1]) * UNITS[m[2] ?? 's']!)
}
