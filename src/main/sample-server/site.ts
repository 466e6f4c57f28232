// The handlers behind the site's routes. Each gets a Context: the request, the response, the
// session the `sid` cookie pointed to (if the server still has it) and what the pages need to know.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ServerSession } from '../../shared/model'
import { serializeCookie } from './cookies'
import { closePage, galleryPage, slowPage, SLOW_MAX_MS } from './demo-pages'
import type { Visitor } from './layout'
import { accountPage, loginPage, messagePage } from './pages'
import { addCookie, readForm, redirect, sendHtml } from './respond'
import type { EventContext, SessionStore } from './session-store'
import { ONE_YEAR_SECONDS } from './tracker'

export interface Context {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  store: SessionStore
  /** Identifies the socket whose request causes a session event. */
  event: EventContext
  cookies: Map<string, string>
  session?: ServerSession
  visitor: Visitor
  /** Registers work to cancel if the server shuts down first. */
  onShutdown: (cancel: () => void) => () => void
  /** The request came over https (the site's TLS listener). */
  secure: boolean
}

/**
 * Demo users. A real site stores only a slow salted hash of each password (scrypt, Argon2) and
 * compares hashes; plain text keeps this example short.
 */
const USERS: Record<string, string> = { alice: 'wonderland', bob: 'builder' }

export const SESSION_COOKIE = 'sid'
/**
 * Over https the cookie is `__Host-sid`: browsers accept a `__Host-` name only with `Secure`,
 * `Path=/` and no `Domain`, so it cannot have been set over plain http or by a sibling subdomain.
 */
export const SECURE_SESSION_COOKIE = '__Host-sid'

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE
}

/**
 * The session cookie: `HttpOnly` so page scripts cannot read it, `SameSite=Lax` so other sites
 * cannot make the browser send it with their POSTs, `Path=/` for the whole site, and no Max-Age
 * so the browser forgets it when it closes (the server's timeouts decide how long it is valid).
 * Over https it is also `Secure` (never sent over plain http); over http it cannot be.
 */
export function sessionCookie(id: string, secure = false): string {
  return serializeCookie(sessionCookieName(secure), id, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure
  })
}

export function clearedSessionCookie(secure = false): string {
  return serializeCookie(sessionCookieName(secure), '', {
    path: '/',
    maxAge: 0,
    httpOnly: true,
    sameSite: 'Lax',
    secure
  })
}

function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Compares secrets in constant time, so response timing does not reveal how much matched. */
function sameSecret(given: unknown, expected: unknown): boolean {
  if (typeof given !== 'string' || typeof expected !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

export function checkPassword(username: string, password: string): boolean {
  const expected = Object.hasOwn(USERS, username) ? USERS[username] : undefined
  // Compare even for unknown users, so the answer takes as long either way.
  return sameSecret(password, expected ?? newToken()) && expected !== undefined
}

export function getLogin(c: Context): void {
  if (c.session?.user) return redirect(c.res, '/account')
  let session = c.session
  if (!session || typeof session.data.csrf !== 'string') {
    session = c.store.create({ csrf: newToken() }, c.event)
  }
  addCookie(c.res, sessionCookie(session.id, c.secure))
  sendHtml(c.res, 200, loginPage(c.visitor, String(session.data.csrf)))
}

/** A form the site will not act on: 403 with a page that says why and what to do. */
function refuse(c: Context, title: string, text: string): void {
  sendHtml(c.res, 403, messagePage(c.visitor, title, text))
}

export async function postLogin(c: Context): Promise<void> {
  const form = await readForm(c.req)
  const session = c.session
  if (!session) {
    return refuse(
      c,
      'Login form expired',
      'Your login form has expired or was never loaded. Open the login page again and retry.'
    )
  }
  if (!sameSecret(form.get('csrf'), session.data.csrf)) {
    return refuse(
      c,
      'Form refused',
      "The form did not carry this session's CSRF token, so it may not have come from this site. Reload the login page and try again."
    )
  }
  const username = form.get('username') ?? ''
  if (!checkPassword(username, form.get('password') ?? '')) {
    return sendHtml(
      c.res,
      401,
      loginPage(c.visitor, String(session.data.csrf), { username, message: 'Wrong username or password.' })
    )
  }
  // A brand-new ID for the logged-in session: the pre-login ID (which an attacker could have
  // planted) stops working now. A new CSRF token too.
  const next = c.store.rotate(session.id, { user: username, data: { csrf: newToken(), visits: 0 } }, c.event)
  if (!next) return redirect(c.res, '/login')
  addCookie(c.res, sessionCookie(next.id, c.secure))
  redirect(c.res, '/account')
}

export function getAccount(c: Context): void {
  if (!c.session?.user) return redirect(c.res, '/login')
  sendHtml(c.res, 200, accountPage(c.visitor, c.session, String(c.session.data.csrf)))
}

export async function postLogout(c: Context): Promise<void> {
  const form = await readForm(c.req)
  if (c.session) {
    if (!sameSecret(form.get('csrf'), c.session.data.csrf)) {
      return refuse(
        c,
        'Form refused',
        "The logout form did not carry this session's CSRF token. Open your account page and use its Log out button."
      )
    }
    c.store.destroy(c.session.id, c.event)
  }
  if (c.cookies.has(sessionCookieName(c.secure))) addCookie(c.res, clearedSessionCookie(c.secure))
  redirect(c.res, '/')
}

export function getTheme(c: Context): void {
  const name = c.url.searchParams.get('name')
  if (name !== 'dark' && name !== 'light') {
    return sendHtml(c.res, 400, messagePage(c.visitor, 'Unknown theme', 'Choose ?name=dark or ?name=light.'))
  }
  // Personalization: a preference, not a secret, kept for a year.
  addCookie(c.res, serializeCookie('theme', name, { path: '/', maxAge: ONE_YEAR_SECONDS, sameSite: 'Lax' }))
  redirect(c.res, '/')
}

export function getGallery(c: Context): void {
  sendHtml(c.res, 200, galleryPage(c.visitor))
}

export function getClose(c: Context): void {
  c.res.setHeader('Connection', 'close')
  sendHtml(c.res, 200, closePage(c.visitor))
}

export async function getSlow(c: Context): Promise<void> {
  const raw = c.url.searchParams.get('ms') ?? '2000'
  const asked = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN
  if (!Number.isFinite(asked)) {
    return sendHtml(
      c.res,
      400,
      messagePage(
        c.visitor,
        'Not a delay',
        `?ms= takes a whole number of milliseconds from 0 to ${SLOW_MAX_MS}.`
      )
    )
  }
  const ms = Math.min(asked, SLOW_MAX_MS)
  const finished = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => done(true), ms)
    const stop = c.onShutdown(() => done(false))
    const onClose = (): void => done(false)
    c.res.once('close', onClose)
    function done(ok: boolean): void {
      clearTimeout(timer)
      stop()
      c.res.off('close', onClose)
      resolve(ok)
    }
  })
  if (finished) sendHtml(c.res, 200, slowPage(c.visitor, ms))
}
