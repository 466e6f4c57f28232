// The shared analysis (src/shared/analysis) run on the capture the UI holds (the model itself, no HAR in
// between): replay the exchanges up to the selected one through the cookie jar (the part of the analysis
// this view needs: its `requests` rows are exactly these), and take that request's cookies: the Cookie header a browser
// would have sent against the one really sent, every difference with its reason, what the jar did
// with each Set-Cookie line, and the jar afterwards.
import type { CapturedConnection, CapturedExchange, ServerSessionEvent } from '../../../shared/model'
import { analyzeCapture, type InspectReport, type RequestCookies } from '../../../shared/analysis'
import { replayCookies } from '../../../shared/analysis/replay'

export type { RequestCookies }
export type { JarCookie, SetCookieResult, CookieDifference } from '../../../shared/analysis'

export type CookieAnalysis =
  | { ok: true; request: RequestCookies; /** Exchanges before the window were left out. */ windowed: boolean }
  | { ok: false; error: string }

/**
 * How many exchanges, ending at the selected one, the analysis replays. The replay is linear in the
 * capture (bench/analysis.bench.ts: about 55 µs an exchange in Node, 10-20 µs more to export it as HAR;
 * the 24 s once measured here came from code since made linear), but a full replay of 50,000 exchanges
 * would still take seconds per click. With the replay alone (not the whole report), 2,000 exchanges take
 * about as long as 1,000 did (a click on the last of 50,000 shows its cookies in 0.25-0.3 s in the UI
 * benchmark). Cookies set before the window are adopted when first sent, as for a capture that began
 * mid-visit.
 */
export const ANALYSIS_WINDOW = 2000

interface CacheEntry {
  prefix: CapturedExchange[]
  events: ServerSessionEvent[]
  result: CookieAnalysis
}
/** The last few answers (the details panel and the sessions view ask for different exchanges). */
const cache: CacheEntry[] = []
const CACHE_SIZE = 4

function sameItems(a: CapturedExchange[], b: CapturedExchange[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/**
 * Memoised on the exchanges in the window (by identity) and the session events: live traffic that
 * arrives after the selected exchange does not redo the work.
 */
export function analyseUpTo(
  ordered: CapturedExchange[],
  connections: Map<string, CapturedConnection>,
  events: ServerSessionEvent[],
  exchangeId: string
): CookieAnalysis | undefined {
  const index = ordered.findIndex((x) => x.id === exchangeId)
  if (index < 0) return undefined
  const from = Math.max(0, index + 1 - ANALYSIS_WINDOW)
  const prefix = ordered.slice(from, index + 1)
  const hit = cache.find((c) => c.events === events && sameItems(c.prefix, prefix))
  if (hit) return hit.result
  const result = analyse(prefix, connections, events, from > 0)
  cache.unshift({ prefix, events, result })
  cache.length = Math.min(cache.length, CACHE_SIZE)
  return result
}

function analyse(
  prefix: CapturedExchange[],
  connections: Map<string, CapturedConnection>,
  events: ServerSessionEvent[],
  windowed: boolean
): CookieAnalysis {
  try {
    const last = prefix.length - 1
    const request = replayCookies(prefix).requests[last]
    if (!request) return { ok: false, error: 'The analysis skipped this exchange (it has no usable URL).' }
    return { ok: true, request, windowed }
  } catch (err) {
    return {
      ok: false,
      error: `The cookie analysis failed on this capture: ${err instanceof Error ? err.message : String(err)}`
    }
  }
}

let last: { ordered: CapturedExchange[]; events: ServerSessionEvent[]; result: CaptureAnalysis } | undefined

export interface CaptureAnalysis {
  report: InspectReport
  /** The exchanges analysed (the last ANALYSIS_WINDOW); report indices are positions in this list. */
  exchanges: CapturedExchange[]
}

/**
 * The whole analysis (cookies, session round trips, warnings) of the last ANALYSIS_WINDOW exchanges,
 * for the Sessions view; memoised on the capture's identity.
 */
export function analyseCapture(ordered: CapturedExchange[], events: ServerSessionEvent[]): CaptureAnalysis {
  if (last && last.ordered === ordered && last.events === events) return last.result
  const exchanges = ordered.slice(Math.max(0, ordered.length - ANALYSIS_WINDOW))
  const result = { report: analyzeCapture({ exchanges, sessionEvents: events }), exchanges }
  last = { ordered, events, result }
  return result
}
