// The naive login: the anti-pattern the session store exists to avoid. It checks the password once,
// then keeps the user's name itself in a plain `user` cookie and believes whatever that cookie says
// from then on, so anyone who edits the cookie becomes someone else.
import { decodeCookieValue, encodeCookieValue, serializeCookie } from './cookies'
import { html } from './html'
import { layout, type Visitor } from './layout'
import { addCookie, readForm, redirect, sendHtml } from './respond'
import { checkPassword, type Context } from './site'

/** The line that forges the cookie; the proxy's address is on Roundtrip's start screen. */
export const FORGE_CURL = 'curl -x <proxy address> -b user=bob http://roundtrip.test/naive/login'

export function naiveLoginPage(visitor: Visitor, cookieUser: string | undefined, problem?: string): string {
  return layout(
    'Naive login (do not do this)',
    visitor,
    html`<p class="warning">
        This login checks your password once and then puts your name in a plain cookie,
        <code>user=&lt;name&gt;</code>. From then on the server believes whatever that cookie says. Anyone can
        edit a cookie (browser developer tools, <code>curl -b user=bob</code>), so anyone can become anyone.
        The cookie is also readable by any script on the page and travels with every request. The fix is a
        session: keep the name on the server and give the browser only a long random ID (see
        <a href="/login">the real login</a>).
      </p>
      ${
        cookieUser !== undefined
          ? html`<p data-naive-user="${cookieUser}">
              The <code>user</code> cookie says you are <strong>${cookieUser}</strong>, and this page believes
              it.
            </p>`
          : html`<p>No <code>user</code> cookie yet.</p>`
      }
      ${problem ? html`<p class="warning" role="alert">${problem}</p>` : ''}
      <form method="post" action="/naive/login">
        <label>Username <input name="username" /></label>
        <label>Password <input name="password" type="password" /></label>
        <button type="submit">Log in naively</button>
      </form>
      <h2>Become someone else</h2>
      <p>
        Log in as <code>alice</code> / <code>wonderland</code>, then send the same request with the cookie
        changed. No password is needed: the server cannot tell an edited cookie from one it set.
      </p>
      <pre><code>${FORGE_CURL}</code></pre>`
  )
}

export function getNaiveLogin(c: Context): void {
  const user = c.cookies.get('user')
  sendHtml(c.res, 200, naiveLoginPage(c.visitor, user === undefined ? undefined : decodeCookieValue(user)))
}

export async function postNaiveLogin(c: Context): Promise<void> {
  const form = await readForm(c.req)
  const username = form.get('username') ?? ''
  if (!checkPassword(username, form.get('password') ?? '')) {
    const user = c.cookies.get('user')
    const page = naiveLoginPage(
      c.visitor,
      user === undefined ? undefined : decodeCookieValue(user),
      `Wrong password for ${username}.`
    )
    return sendHtml(c.res, 401, page)
  }
  // The mistake: the user's identity itself goes into a cookie the browser can change at will.
  addCookie(c.res, serializeCookie('user', encodeCookieValue(username), { path: '/' }))
  redirect(c.res, '/naive/login')
}
