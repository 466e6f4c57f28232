// What a cookie is for: a session ID, a preference, a tracker, or something else, with the reason.
// Names decide first (they are conventions servers follow); behaviour decides the rest: a random value that
// lives long is a visitor id (tracking); a random value the server rotates at login, clears at logout or
// keeps HttpOnly and short-lived is a session ID; a short readable word is a setting.
import { explain, say, type Explanation } from './explain'

export type CookiePurpose = 'session-id' | 'preference' | 'tracking' | 'other'

/** What the capture shows about one cookie (a name on a domain). */
export interface CookieBehaviour {
  name: string
  values: string[]
  /** Set by at least one response (rather than only seen in requests). */
  issuedByServer: boolean
  /** Longest lifetime any response gave it, in ms; null if only ever a session cookie; undefined if never set. */
  lifetimeMs?: number | null
  httpOnly: boolean
  rotatedAtLogin: boolean
  clearedAtLogout: boolean
  /** Requests that carried it back. */
  echoed: number
}

const stripPrefix = (name: string): string => name.replace(/^__(Host|Secure)-/, '')

const SESSION_NAME =
  /^(s?sid|sess|session|sessionid|session[-_.]?id|sess[-_.]?id|jsessionid|phpsessid|aspsessionid[a-z]*|asp\.net_sessionid|connect\.sid|express:sess|rack\.session|laravel_session|ci_session|cfid|cftoken|_session|_?[a-z0-9]+([-_.][a-z0-9]+)*[-_.]sess(ion)?([-_]?id)?|session[-_.][a-z0-9]+)$/i
const TRACKING_NAME =
  /^(_ga|_ga_\w+|_gid|_gat\w*|__utm[a-z]|_fbp|_fbc|fr|ide|nid|anid|dsid|_gcl_\w+|uid|uuid|vid|tid|tuid|muid|visitor|visitor[-_]?id|vmid\w*|__cfduid|_pk_id\S*|_pk_ses\S*|mp_\S+|ajs_\S+|_hj\S+|_uet\w+|tracker\w*|tracking\w*|trk\w*|client[-_]?id|device[-_]?id|bcookie|guest_id|personalization_id)$/i
const PREFERENCE_NAME =
  /^(theme|lang|language|locale|tz|timezone|time[-_]?zone|currency|country|region|dark[-_]?mode|color[-_]?scheme|colou?r[-_]?mode|font[-_]?size|prefs?|preferences?|settings|consent|cookie[-_]?consent|cookieconsent_status|layout|view|units|sort|density)$/i
const READABLE_SETTING =
  /^(dark|light|auto|system|compact|comfortable|grid|list|on|off|true|false|yes|no|[a-z]{2}([-_][a-z]{2})?)$/i

/** Shannon entropy per character. */
function entropy(s: string): number {
  const counts = new Map<string, number>()
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  let h = 0
  for (const n of counts.values()) {
    const p = n / s.length
    h -= p * Math.log2(p)
  }
  return h
}

/** A value that looks machine-generated: a UUID, long hex, or a long token mixing letters and digits. */
export function looksRandom(value: string): boolean {
  let v = value
  try {
    v = decodeURIComponent(value)
  } catch {
    // keep the raw value
  }
  v = v.replace(/^s:/, '').replace(/^"|"$/g, '')
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) return true
  if (v.length < 16) return false
  if (!/[0-9]/.test(v) || !/[a-z]/i.test(v)) return /^[0-9]{16,}$/.test(v) && entropy(v) >= 2.8
  return entropy(v) >= 3.2
}

const DAY = 24 * 3600_000

export interface Classified {
  purpose: CookiePurpose
  /** English, for `inspect --json` readers; `explain` is the code the UI renders. */
  reason: string
  explain: Explanation
}

const as = (purpose: CookiePurpose, e: Explanation): Classified => ({
  purpose,
  reason: say('en', e),
  explain: e
})

export function classifyCookie(b: CookieBehaviour): Classified {
  const base = stripPrefix(b.name)
  if (SESSION_NAME.test(base)) return as('session-id', explain('purpose.sessionName', { name: b.name }))
  if (TRACKING_NAME.test(base)) return as('tracking', explain('purpose.trackingName', { name: b.name }))
  if (PREFERENCE_NAME.test(base)) return as('preference', explain('purpose.preferenceName', { name: b.name }))
  const random = b.values.some(looksRandom)
  const lifetime = b.lifetimeMs ?? null
  if (random && lifetime !== null && lifetime > 30 * DAY) {
    return as('tracking', explain('purpose.longRandom', { lifetime }))
  }
  if (random && b.issuedByServer) {
    const strong =
      b.rotatedAtLogin || b.clearedAtLogout || (b.httpOnly && (lifetime === null || lifetime <= DAY))
    if (strong) {
      return as(
        'session-id',
        explain('purpose.sessionBehaviour', {
          rotated: b.rotatedAtLogin,
          cleared: b.clearedAtLogout,
          httpOnly: b.httpOnly,
          sessionOnly: lifetime === null,
          lives: lifetime !== null && lifetime <= DAY ? lifetime : undefined,
          echoed: b.echoed > 0
        })
      )
    }
  }
  if (!random && b.values.length > 0 && b.values.every((v) => READABLE_SETTING.test(v))) {
    return as('preference', explain('purpose.readable', { value: b.values[0] }))
  }
  return as('other', explain(random ? 'purpose.otherRandom' : 'purpose.other'))
}

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/i
const PERSONAL_NAME =
  /^(e-?mail|user(name)?|login|name|full[-_]?name|first[-_]?name|last[-_]?name|phone|address|dob|birthdate)$/i

/** What personal data a cookie's value appears to carry (a code), else undefined. */
export function personalData(name: string, value: string): Explanation | undefined {
  let v = value
  try {
    v = decodeURIComponent(value)
  } catch {
    // keep raw
  }
  if (EMAIL.test(v)) return explain('personal.email', { name })
  try {
    const decoded = /^[A-Za-z0-9+/=_-]{16,}$/.test(v) ? atob(v.replace(/-/g, '+').replace(/_/g, '/')) : ''
    if (EMAIL.test(decoded)) return explain('personal.base64Email', { name })
  } catch {
    // not base64
  }
  if (PERSONAL_NAME.test(stripPrefix(name)) && v && !looksRandom(v)) {
    return explain('personal.plain', { name, value: v.slice(0, 40) })
  }
  return undefined
}
