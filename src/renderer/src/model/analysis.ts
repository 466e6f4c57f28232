// The shared analysis (src/shared/analysis) run on the live capture: export the exchanges up to the
// selected one as HAR, analyse them, and take that request's cookies: the Cookie header a browser
// would have sent against the one really sent, every difference with its reason, what the jar did
// with each Set-Cookie line, and the jar afterwards.
import type { CapturedConnection, CapturedExchange, ServerSessionEvent } from '../../../shared/model'
import { analyzeHar, type RequestCookies } from '../../../shared/analysis'
import { exportHar } from '../../../shared/har/export'

export type { RequestCookies }
export type { JarCookie, SetCookieResult, CookieDifference } from '../../../shared/analysis'

export type CookieAnalysis = { ok: true; request: RequestCookies } | { ok: false; error: string }

export function analyseUpTo(
  ordered: CapturedExchange[],
  connections: Map<string, CapturedConnection>,
  events: ServerSessionEvent[],
  exchangeId: string
): CookieAnalysis | undefined {
  const index = ordered.findIndex((x) => x.id === exchangeId)
  if (index < 0) return undefined
  const prefix = ordered.slice(0, index + 1)
  try {
    const har = exportHar({
      seq: 0,
      connections: [...connections.values()],
      exchanges: prefix,
      tunnels: [],
      sessionEvents: events
    })
    const request = analyzeHar(har).requests.find((r) => r.index === index)
    if (!request) return { ok: false, error: 'The analysis skipped this exchange (it has no usable URL).' }
    return { ok: true, request }
  } catch (err) {
    return {
      ok: false,
      error: `The cookie analysis failed on this capture: ${err instanceof Error ? err.message : String(err)}`
    }
  }
}
