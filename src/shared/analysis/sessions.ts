// Session-ID round trips: for every value a session cookie took, the response that issued it, the requests
// that carried it back, and how it ended (replaced by a new value, cleared, expired) or that it is alive.
import type { CapturedExchange } from '../model'
import { urlParts } from '../http'
import { explain, say, type Explanation } from './explain'
import { sentDomain, type ReplayEvent } from './replay'

export type SessionEnd = 'replaced' | 'cleared' | 'expired' | null

export interface SessionRoundTrip {
  cookie: string
  domain: string
  value: string
  issuedBy: number | null
  sentIn: number[]
  endedBy: number | null
  end: SessionEnd
  /** The round trip in English, for `inspect --json` readers; `storyExplain` is the code the UI renders. */
  story: string
  storyExplain?: Explanation
  /**
   * When `end` is `expired`: `browser` when its Max-Age/Expires ran out before a request that would have
   * carried it (`noticedBy`); `server` when the server refused it (a timeout) and deleted it in the response
   * to the request that carried it (`endedBy`). `expiredAt` is when that was seen.
   */
  expiredOn?: 'browser' | 'server'
  expiredAt?: string
  /** `expiredAt` as epoch milliseconds, so no reader parses the text again. */
  expiredAtMs?: number
  noticedBy?: number
  /** The end happened in the response to a login (replaced) or a logout (cleared). */
  atLogin?: boolean
  atLogout?: boolean
  /** What the server's own session store did with this ID, when the file says (Roundtrip captures). */
  server?: ServerSideEvent[]
}

export interface ServerSideEvent {
  kind: 'created' | 'rotated' | 'destroyed' | 'expired'
  at: string
  reason?: 'idle' | 'absolute'
  user?: string
  /** The entry during which it happened, when known. */
  entry?: number
}

const LOGIN = /(^|[/_.-])(log-?in|sign-?in|auth(enticate)?)([/_.?-]|$)/i
const LOGOUT = /(^|[/_.-])(log-?out|sign-?out|log-?off)([/_.?-]|$)/i
const MAYBE = /log|sign|auth/i

/** A login is a POST to a login-looking path; a logout is any request to a logout-looking path. */
export function requestKind(
  x: Pick<CapturedExchange, 'url' | 'method'> | undefined
): 'login' | 'logout' | null {
  if (!x) return null
  // Both patterns need "log", "sign" or "auth" in the path, which a URL parser never makes out of other
  // characters (it only drops tabs and newlines): most URLs are answered without being parsed.
  if (!MAYBE.test(x.url) && !/[\t\n\r]/.test(x.url)) return null
  const path = urlParts(x.url).pathname
  if (LOGOUT.test(path)) return 'logout'
  if (x.method.toUpperCase() === 'POST' && LOGIN.test(path)) return 'login'
  return null
}

/**
 * Records by cookie name, domain and value: nested maps, so no key string is made per replay event (a
 * long capture sends a session cookie in almost every request).
 */
class ByCookie<T> {
  private readonly names = new Map<string, Map<string, Map<string, T>>>()

  get(name: string, domain: string, value: string): T | undefined {
    return this.names.get(name)?.get(domain)?.get(value)
  }

  set(name: string, domain: string, value: string, t: T): void {
    let domains = this.names.get(name)
    if (!domains) this.names.set(name, (domains = new Map()))
    let values = domains.get(domain)
    if (!values) domains.set(domain, (values = new Map()))
    values.set(value, t)
  }

  delete(name: string, domain: string, value: string): void {
    this.names.get(name)?.get(domain)?.delete(value)
  }
}

/** The live record of a cookie identity is kept under this value. */
const LIVE = ''

/** Builds the round trips of the cookies identified as session IDs (`isSession(name, domain)`). */
export function sessionRoundTrips(
  entries: readonly CapturedExchange[],
  events: readonly ReplayEvent[],
  isSession: (name: string, domain: string) => boolean
): SessionRoundTrip[] {
  const out: SessionRoundTrip[] = []
  /** The live record per cookie identity. */
  const live = new ByCookie<SessionRoundTrip>()
  const all = new ByCookie<SessionRoundTrip>()

  const end = (r: SessionRoundTrip, how: SessionEnd, by: number | null): void => {
    r.end = how
    r.endedBy = by
    const kind = by !== null ? requestKind(entries[by]) : null
    if (how === 'replaced' && kind === 'login') r.atLogin = true
    if (how === 'cleared' && kind === 'logout') r.atLogout = true
  }
  const open = (name: string, domain: string, value: string, issuedBy: number | null): SessionRoundTrip => {
    const r: SessionRoundTrip = {
      cookie: name,
      domain,
      value,
      issuedBy,
      sentIn: [],
      endedBy: null,
      end: null,
      story: ''
    }
    out.push(r)
    live.set(name, domain, LIVE, r)
    all.set(name, domain, value, r)
    return r
  }

  for (const ev of events) {
    if (ev.type === 'send') {
      for (const s of ev.row.sent) {
        const domain = sentDomain(ev.row, s)
        if (!isSession(s.name, domain)) continue
        const r = all.get(s.name, domain, s.value) ?? open(s.name, domain, s.value, null)
        if (r.sentIn.at(-1) !== ev.index) r.sentIn.push(ev.index)
      }
      continue
    }
    const c = ev.cookie
    if (!isSession(c.name, c.domain)) continue
    const current = live.get(c.name, c.domain, LIVE)
    if (ev.type === 'set') {
      if (current && current.end === null && current.value === c.value) continue
      if (current && current.end === null) end(current, 'replaced', ev.index)
      const again = all.get(c.name, c.domain, c.value)
      if (again && again.end === null) live.set(c.name, c.domain, LIVE, again)
      else open(c.name, c.domain, c.value, ev.index)
    } else if (ev.type === 'clear') {
      if (current && current.end === null) {
        // A server that drops an ID it no longer accepts (its idle or absolute timeout ran out) answers the
        // very request that carried it with a deletion: the ID expired on the server, it was not logged out.
        const refused = current.sentIn.includes(ev.index) && requestKind(entries[ev.index]) === null
        if (refused) {
          end(current, 'expired', ev.index)
          current.expiredOn = 'server'
          current.expiredAtMs = ev.at
          current.expiredAt = new Date(ev.at).toISOString()
        } else end(current, 'cleared', ev.index)
      }
      live.delete(c.name, c.domain, LIVE)
    } else if (ev.type === 'expire') {
      const r = all.get(c.name, c.domain, c.value)
      if (r && r.end === null) {
        end(r, 'expired', null)
        r.expiredOn = 'browser'
        r.expiredAtMs = ev.cookie.at
        r.expiredAt = new Date(ev.cookie.at).toISOString()
        r.noticedBy = ev.index
      }
      if (current === r) live.delete(c.name, c.domain, LIVE)
    }
  }
  for (const r of out) tell(r)
  return out
}

/** The round trip as a code, and in English. */
export function storyOf(r: SessionRoundTrip): Explanation {
  let ending = explain('ending.alive')
  if (r.end === 'replaced') ending = explain('ending.replaced', { entry: r.endedBy, atLogin: r.atLogin })
  if (r.end === 'cleared') ending = explain('ending.cleared', { entry: r.endedBy, atLogout: r.atLogout })
  if (r.end === 'expired' && r.expiredOn === 'server') {
    ending = explain('ending.serverExpired', { entry: r.endedBy, reason: r.server?.at(-1)?.reason })
  } else if (r.end === 'expired') {
    ending = explain('ending.browserExpired', { at: r.expiredAt, entry: r.noticedBy })
  }
  return explain('session.story', { issuedBy: r.issuedBy, sent: r.sentIn, ending })
}

/** Sets the round trip's story from its fields. */
export function tell(r: SessionRoundTrip): void {
  r.storyExplain = storyOf(r)
  r.story = say('en', r.storyExplain)
}
