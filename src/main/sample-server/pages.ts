// The pages about sessions: home, login, account. Each returns a whole HTML document built with
// the escaping `html` tag, and each opens with a short paragraph on the idea it shows.
import type { ServerSession } from '../../shared/model'
import { html, type SafeHtml } from './html'
import { layout, type Visitor } from './layout'

export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC'
}

export function homePage(visitor: Visitor): string {
  const greeting = visitor.user ? html`Welcome back, ${visitor.user}.` : html`Hello, guest.`
  return layout(
    'Home',
    visitor,
    html`<p>${greeting} Your theme is <strong>${visitor.theme}</strong>.</p>
      <h2>HTTP does not remember you</h2>
      <p>
        HTTP is connectionless and stateless: each request stands alone, and nothing in the protocol ties it
        to the one before. A connection may carry several requests (keep-alive) or close after one, and the
        server must not care which. So how does a site know you are logged in?
      </p>
      <h2>Cookies</h2>
      <p>
        A cookie is a small name=value pair the server sends in a <code>Set-Cookie</code> response header. The
        browser keeps it and sends it back in the <code>Cookie</code> header of later requests to the same
        site, until it expires. Watch the footer of this page: it shows the cookies your browser just sent.
      </p>
      <p>Cookies serve three purposes, all on this site:</p>
      <ul>
        <li>
          <strong>Session management</strong>: <a href="/login">log in</a> and the server remembers you
          through a random session ID in the <code>${visitor.secure ? '__Host-sid' : 'sid'}</code> cookie.
        </li>
        <li>
          <strong>Personalization</strong>: <a href="/theme?name=dark">dark</a> or
          <a href="/theme?name=light">light</a> theme, kept in the <code>theme</code> cookie for a year.
        </li>
        <li>
          <strong>Tracking</strong>: every page embeds a 1×1 image from <code>tracker.test</code>, a third
          party that tries to set a <code>uid</code> cookie to recognise you across sites.
        </li>
      </ul>
      <p>
        Watch the tracker's pixel in the capture: its response always carries <code>Set-Cookie: uid=…</code>,
        yet the cookie never comes back. Over plain HTTP a modern browser refuses it: a third party's cookie
        must be <code>SameSite=None; Secure</code> to be sent with another site's page, and an
        <code>http://</code> response may not set a <code>Secure</code> cookie. Even over https many browsers
        block or partition third-party cookies. <a href="http://tracker.test/">The tracker's own page</a>
        tells the whole story.
      </p>
      <h2>Sessions: only an ID in the cookie</h2>
      <p>
        A session keeps your data (who you are, what you did) on the server; the cookie holds only a long
        random ID that means nothing on its own. Putting personal data in the cookie itself is the mistake
        sessions exist to avoid: see the <a href="/naive/login">naive login</a>.
      </p>
      <h2>Connections</h2>
      <p>
        The <a href="/gallery">gallery</a> loads 24 images: the browser opens a few connections and reuses
        them. <a href="/close">Close</a> ends its connection after answering, so the next request needs a new
        one, and <a href="/slow?ms=2000">slow</a> takes its time, holding a connection busy.
      </p>`
  )
}

export function loginPage(
  visitor: Visitor,
  csrf: string,
  problem?: { username: string; message: string }
): string {
  return layout(
    'Log in',
    visitor,
    html`<p>
        Showing this form started a <em>pre-login session</em>: the server stored a random CSRF token in it,
        the form below carries the same token, and your browser got a <code>sid</code> cookie. When you log
        in, the server throws that session ID away and issues a brand-new one, so an ID someone planted in
        your browser before login (session fixation) is worthless afterwards.
      </p>
      ${problem ? html`<p class="warning" role="alert">${problem.message}</p>` : ''}
      <form method="post" action="/login">
        <input type="hidden" name="csrf" value="${csrf}" />
        <label
          >Username <input name="username" autocomplete="username" value="${problem?.username ?? ''}"
        /></label>
        <label>Password <input name="password" type="password" autocomplete="current-password" /></label>
        <button type="submit">Log in</button>
      </form>
      <p>
        Demo users: <code>alice</code> / <code>wonderland</code> and <code>bob</code> / <code>builder</code>.
      </p>`
  )
}

export function accountPage(visitor: Visitor, session: ServerSession, csrf: string): string {
  const visits = typeof session.data.visits === 'number' ? session.data.visits : 0
  return layout(
    'Your account',
    visitor,
    html`<p>Hello, <strong>${session.user ?? ''}</strong>!</p>
      <p>
        Everything below lives on the server, in its session store. Your browser holds only the session ID in
        the <code>sid</code> cookie, marked <code>HttpOnly</code> (page scripts cannot read it) and
        <code>SameSite=Lax</code> (other sites cannot make your browser send it with their form posts).
      </p>
      <dl>
        <dt>Pages seen in this session</dt>
        <dd>${visits}</dd>
        <dt>Session started</dt>
        <dd>${formatTime(session.createdAt)}</dd>
        <dt>Last seen</dt>
        <dd>${formatTime(session.lastSeenAt)}</dd>
        <dt>Ends if idle until</dt>
        <dd>${formatTime(session.idleExpiresAt)}</dd>
        <dt>Ends at the latest</dt>
        <dd>${formatTime(session.absoluteExpiresAt)}</dd>
      </dl>
      <p>
        The idle timeout ends a session nobody uses; the absolute timeout ends it however busy it is, so a
        stolen ID does not work forever. Both are enforced by the server, not by the cookie.
      </p>
      <form method="post" action="/logout">
        <input type="hidden" name="csrf" value="${csrf}" />
        <button type="submit">Log out</button>
      </form>
      <p>
        Logging out destroys the session on the server and tells the browser to drop the cookie
        (<code>Max-Age=0</code>). Even if a copy of the old ID survives somewhere, the server no longer
        accepts it.
      </p>`
  )
}

/** A short page for refusals and errors: what happened and what to do. */
export function messagePage(visitor: Visitor, title: string, message: SafeHtml | string): string {
  return layout(
    title,
    visitor,
    html`<p>${message}</p>
      <p><a href="/">Back to the home page</a></p>`
  )
}
