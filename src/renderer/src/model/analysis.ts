// The shared analysis (src/shared/analysis) run on the live capture: export the exchanges up to the
// selected one as HAR, analyse them, and take that request's cookies: the Cookie header a browser
// would have sent against the one really sent, every difference with its reason, what the jar did
// with each Set-Cookie line, and the jar afterwards.
import type { CapturedConnection, CapturedExchange, ServerSessionEvent } from '../../../shared/model'
import { analyzeHar, type RequestCookies } from '../../../shared/analysis'
import { exportHar } from '../../../shared/har/export'

export type { RequestCookies }
export type { JarCookie, SetCookieResult, CookieDifference } from '../../../shared/analysis'

export type CookieAnalysis =
  | { ok: true; request: RequestCookies; /** Exchanges before the window were left out. */ windowed: boolean }
  | { ok: false; error: string }

/**
 * How many exchanges, ending at the selected one, the analysis replays. The jar replay costs about
 * 0.2 ms an exchange and grows faster than that on long captures, so a click on a late exchange in a
 * 50,000-exchange capture stays quick; cookies set before the window are adopted when first sent,
 * as for a capture that began mid-visit.
 */
export const ANALYSIS_WINDOW = 1000

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
    const har = exportHar({
      seq: 0,
      connections: [...connections.values()],
      exchanges: prefix,
      tunnels: [],
      sessionEvents: events
    })
    const last = prefix.length - 1
    const request = analyzeHar(har).requests.find((r) => r.index === last)
    if (!request) return { ok: false, error: 'The analysis skipped this exchange (it has no usable URL).' }
    return { ok: true, request, windowed }
  } catch (err) {
    return {
      ok: false,
      error: `The cookie analysis failed on this capture: ${err instanceof Error ? err.message : String(err)}`
    }
  }
}
