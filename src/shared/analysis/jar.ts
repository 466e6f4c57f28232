// A browser's cookie jar, driven synchronously at times the caller chooses (each entry's own time), built
// on tough-cookie's CookieJar and MemoryCookieStore. tough-cookie measures Max-Age from the last access and
// expires against the wall clock, so this keeps each cookie's absolute expiry itself and asks tough-cookie
// only for storage, domain, path, Secure and SameSite matching, and the RFC 6265 order.
import { Cookie, CookieJar, MemoryCookieStore } from 'tough-cookie'
import { parseSetCookieShared, type ParsedSetCookie } from './cookies'
import { explain, say, type Explanation } from './explain'
import {
  contextOption,
  hostAndPath,
  siteOf,
  toughUrl,
  translateError,
  urlFacts,
  type UrlFacts
} from './jar-helpers'
import { Lookups, Resets } from './jar-memo'
import type { GoneCookie, JarCookie, SetCookieResult, SiteContext } from './jar-types'
import { whyNotSent, type Refusal } from './why-not-sent'

export type { GoneCookie, JarCookie, SetCookieResult, SiteContext } from './jar-types'

interface Meta {
  expiresAt: number | null
  setBy: number | null
  adopted: boolean
}

/** What most requests found expired: shared by their rows, frozen (see emptyList). */
const NOTHING_EXPIRED = Object.freeze([]) as unknown as GoneCookie[]

const key = (domain: string, path: string, name: string): string => `${domain}\t${path}\t${name}`
const alive = (c: JarCookie, now: number): boolean => c.expiresAt === null || c.expiresAt > now

export class BrowserJar {
  private readonly jar: CookieJar
  private readonly meta = new Map<string, Meta>()
  /** Last removal per cookie identity, to explain later requests that still carry it. */
  private readonly gone = new Map<string, GoneCookie>()
  private readonly rejected: Refusal[] = []
  /** Last value stored per cookie identity (tough-cookie's object is replaced on update). */
  private readonly values = new Map<string, string>()
  /** name + site of every cookie the capture set, tried to set, or showed the browser holding. */
  private readonly named = new Set<string>()
  /** Counts changes, so callers can reuse a snapshot while nothing changed. */
  version = 0
  /** Counts changes of tough-cookie's store (a cookie stored or removed), for what is kept of its answers. */
  private storeVersion = 0
  /** The object tough-cookie's store holds per cookie identity. */
  private readonly held = new Map<string, Cookie>()
  private readonly lookups = new Lookups()
  private readonly resets = new Resets()
  /** The store's cookies in storage order, as of `storedVersion`. */
  private storedList: Cookie[] = []
  private storedVersion = -1
  /** A Date for reading expiry times at a moment (tough-cookie reads it, never keeps it). */
  private readonly clock = new Date(0)

  constructor() {
    this.jar = new CookieJar(new MemoryCookieStore(), {
      rejectPublicSuffixes: true,
      prefixSecurity: 'strict',
      allowSpecialUseDomain: true,
      looseMode: false
    })
  }

  /**
   * One view per stored cookie object: tough-cookie stores a new object whenever a cookie changes, so the
   * views can be shared by every request and snapshot that saw the same cookie (memory stays per change).
   */
  private readonly views = new WeakMap<Cookie, JarCookie>()

  /** The view of a stored cookie; `k` is its identity when the caller has it at hand. */
  private view(c: Cookie, k?: string): JarCookie {
    const known = this.views.get(c)
    if (known) return known
    const m = this.meta.get(k ?? key(c.domain ?? '', c.path ?? '/', c.key))
    const s = c.sameSite
    // Every field in one literal (no field added later, which would give each view a second block). A
    // cookie without SameSite holds `sameSite: undefined`, which JSON leaves out as if it were absent.
    const out: JarCookie = {
      name: c.key,
      value: c.value,
      domain: c.domain ?? '',
      path: c.path ?? '/',
      hostOnly: c.hostOnly === true,
      secure: c.secure,
      httpOnly: c.httpOnly,
      expiresAt: m ? m.expiresAt : null,
      setBy: m ? m.setBy : null,
      adopted: m ? m.adopted : false,
      sameSite: s === 'strict' || s === 'lax' || s === 'none' ? s : undefined
    }
    this.views.set(c, out)
    return out
  }

  private readonly viewOf = (c: Cookie): JarCookie => this.view(c)
  private readonly heldCookies = (): Iterable<Cookie> => this.held.values()

  private stored(): Cookie[] {
    if (this.storedVersion !== this.storeVersion) {
      let all: Cookie[] = []
      this.jar.store.getAllCookies((err, cookies) => {
        if (!err && cookies) all = cookies
      })
      this.storedList = all
      this.storedVersion = this.storeVersion
    }
    return this.storedList
  }

  /** Stores a cookie with tough-cookie (the store changes: what is kept of its answers is let go). */
  private store(line: string, u: UrlFacts, now: number, ctx?: SiteContext): Cookie | undefined {
    this.storeVersion++
    return this.jar.setCookieSync(line, toughUrl(u), {
      now: new Date(now),
      http: true,
      sameSiteContext: ctx && contextOption(ctx)
    })
  }

  private remove(c: JarCookie, at: number, index: number, how: GoneCookie['how']): void {
    this.version++
    this.storeVersion++
    this.jar.store.removeCookie(c.domain, c.path, c.name, () => undefined)
    this.held.delete(key(c.domain, c.path, c.name))
    this.gone.set(key(c.domain, c.path, c.name), { ...c, at, index, how })
  }

  /** A Set-Cookie line refused: remembered (to explain later requests that carry it) and said why. */
  private refuse(parsed: ParsedSetCookie, url: string, index: number, why: Explanation): SetCookieResult {
    const host = hostAndPath(url).host
    this.rejected.push({ name: parsed.name, host, index, reason: why })
    this.named.add(`${parsed.name}\t${siteOf(host)}`)
    return { parsed, accepted: false, reason: say('en', why), explain: why, cleared: false }
  }

  /** The jar's own facts of a stored cookie (its meta), updated in place when it had some. */
  private remember(k: string, expiresAt: number | null, setBy: number | null, adopted: boolean): void {
    const m = this.meta.get(k)
    if (!m) this.meta.set(k, { expiresAt, setBy, adopted })
    else {
      m.expiresAt = expiresAt
      m.setBy = setBy
      m.adopted = adopted
    }
  }

  /** Stores one Set-Cookie line received from `url` at `now`, as entry `index`'s response. */
  receive(line: string, url: string, now: number, ctx: SiteContext, index: number): SetCookieResult {
    const parsed = parseSetCookieShared(line, now)
    this.version++
    const reject = (why: Explanation): SetCookieResult => this.refuse(parsed, url, index, why)
    if (!parsed.ok) return reject(parsed.errorExplain ?? explain('setCookie.unreadable'))
    const u = urlFacts(url)
    if (!/^(https?|wss?):\/\/[^/]/i.test(url) || !u.host) return reject(explain('reject.noHost'))
    if (parsed.sameSite === 'none' && !parsed.secure) return reject(explain('reject.sameSiteNoneInsecure'))
    if (parsed.partitioned && !parsed.secure) return reject(explain('reject.partitionedInsecure'))
    // The same line again where it stored the cookie the store still holds: tough-cookie would store an
    // equal cookie in its place (see Resets); the jar keeps the one it holds, with this response's facts.
    const again = this.resets.find(line, ctx, u, this.held)
    let cookie: Cookie | undefined
    let k: string
    if (again) {
      // Held as remembered: only its view changes (this response's facts).
      cookie = again.cookie
      k = again.key
      this.views.delete(cookie)
    } else {
      try {
        cookie = this.store(line, u, now, ctx)
      } catch (err) {
        return reject(translateError(err instanceof Error ? err.message : String(err), parsed, url))
      }
      if (!cookie) return reject(explain('reject.ignored'))
      k = key(cookie.domain ?? '', cookie.path ?? '/', cookie.key)
      this.held.set(k, cookie)
      this.resets.remember(line, ctx, u, cookie, k)
    }
    const previous = this.gone.has(k) ? undefined : this.meta.get(k)
    this.clock.setTime(now)
    const expiry = cookie.expiryTime(this.clock)
    const expiresAt = expiry === undefined || expiry === Infinity ? null : expiry
    const held = previous !== undefined && (previous.expiresAt === null || previous.expiresAt > now)
    const before = held ? this.values.get(k) : undefined
    this.remember(k, expiresAt, index, false)
    // A cookie stored again was named when it was first stored.
    if (!again) this.named.add(`${cookie.key}\t${siteOf(cookie.domain ?? '')}`)
    this.gone.delete(k)
    const view = this.view(cookie, k)
    const result: SetCookieResult =
      before !== undefined
        ? { parsed, accepted: true, cleared: false, cookie: view, previousValue: before }
        : { parsed, accepted: true, cleared: false, cookie: view }
    if (expiresAt !== null && expiresAt <= now) {
      result.cleared = true
      this.remove(view, now, index, 'cleared')
      if (before !== undefined) this.gone.set(k, { ...view, value: before, at: now, index, how: 'cleared' })
    }
    this.values.set(k, view.value)
    return result
  }

  /** Puts a cookie the browser evidently held before the capture (seen first in a request) into the jar. */
  adopt(name: string, value: string, url: string, now: number): void {
    this.version++
    const attrs = name.startsWith('__Host-') || name.startsWith('__Secure-') ? '; Path=/; Secure' : '; Path=/'
    try {
      const c = this.store(`${name}=${value}${attrs}`, urlFacts(url), now)
      if (!c) return
      const k = key(c.domain ?? '', c.path ?? '/', c.key)
      this.held.set(k, c)
      this.remember(k, null, null, true)
      this.named.add(`${c.key}\t${siteOf(c.domain ?? '')}`)
      this.values.set(k, c.value)
      this.gone.delete(k)
    } catch {
      // A pair the jar cannot hold (e.g. a Secure-prefixed name over http): leave it out.
    }
  }

  /**
   * The cookies a browser would send to `url` at `now`, in RFC 6265 order, and those that would have
   * matched but had expired (they are removed, as a browser would).
   */
  matching(
    url: string,
    now: number,
    ctx: SiteContext,
    index: number
  ): { send: JarCookie[]; expired: GoneCookie[] } {
    const u = urlFacts(url)
    let found = this.lookups.find(this.storeVersion, this.heldCookies, ctx, u)
    if (!found) {
      try {
        found = this.jar.getCookiesSync(toughUrl(u), {
          http: true,
          expire: false,
          sort: true,
          sameSiteContext: contextOption(ctx)
        })
      } catch {
        return { send: [], expired: [] }
      }
      this.lookups.keep(found)
    }
    // Lists of their exact length (a list grown by push keeps room for 16 more, in every row).
    const views = found.map(this.viewOf)
    let i = 0
    while (i < views.length && alive(views[i] as JarCookie, now)) i++
    if (i === views.length) return { send: views, expired: NOTHING_EXPIRED }
    const send = views.slice(0, i)
    const expired: GoneCookie[] = []
    for (; i < views.length; i++) {
      const v = views[i] as JarCookie
      if (alive(v, now)) send.push(v)
      else {
        this.remove(v, v.expiresAt ?? now, index, 'expired')
        expired.push({ ...v, at: v.expiresAt ?? now, index, how: 'expired' })
      }
    }
    return { send, expired }
  }

  /** Every live cookie at `now`, in storage order. */
  all(now: number): JarCookie[] {
    const views = this.stored().map(this.viewOf)
    for (const v of views) if (!alive(v, now)) return views.filter((c) => alive(c, now))
    return views
  }

  /** Whether the capture ever set (or tried to set) a cookie with this name anywhere on this URL's site. */
  knows(name: string, url: string): boolean {
    return this.named.has(`${name}\t${siteOf(hostAndPath(url).host)}`)
  }

  /** Why a cookie named `name` was not expected on this request. */
  whyNotSent(name: string, url: string, now: number, ctx: SiteContext): Explanation {
    return whyNotSent(this.all(now), this.gone.values(), this.rejected, name, url, now, ctx)
  }
}
