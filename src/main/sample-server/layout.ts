// The frame around every page of the sample site: navigation, the current theme, what the
// browser sent with this request, which server connection carried it, and the tracker's pixel.
import { html, type SafeHtml } from './html'

export type Theme = 'light' | 'dark'

/** What the server knows about the person asking, worked out before any page is drawn. */
export interface Visitor {
  /** The logged-in user, from the server-side session (never from a cookie's value). */
  user?: string
  theme: Theme
  /** The Cookie header exactly as the browser sent it. */
  cookieHeader?: string
  /** The server's id for the TCP connection and how many requests it has carried. */
  connection?: { id: string; requests: number }
  /** Asked for over https (https://roundtrip.test/ through the proxy). */
  secure?: boolean
}

/** The third-party tracker every page embeds; see tracker.ts. */
export const TRACKER_PIXEL_URL = 'http://tracker.test/pixel.gif'

export function layout(title: string, visitor: Visitor, body: SafeHtml): string {
  const other: Theme = visitor.theme === 'dark' ? 'light' : 'dark'
  const who = visitor.user
    ? html`Logged in as <strong>${visitor.user}</strong> · <a href="/account">account</a>`
    : html`Browsing as a guest · <a href="/login">log in</a>`
  const conn = visitor.connection
  // Over https the pixel comes over https too (a page may not load http images).
  const pixel = visitor.secure ? TRACKER_PIXEL_URL.replace('http:', 'https:') : TRACKER_PIXEL_URL
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Roundtrip sample site</title>
        <link rel="stylesheet" href="/style.css" />
        <link rel="icon" href="data:," />
      </head>
      <body class="theme-${visitor.theme}">
        <header>
          <nav>
            <a href="/">Home</a> <a href="/login">Log in</a> <a href="/account">Account</a>
            <a href="/naive/login">Naive login</a> <a href="/gallery">Gallery</a> <a href="/close">Close</a>
            <a href="/slow?ms=2000">Slow</a> <a href="/theme?name=${other}">Switch to ${other} theme</a>
          </nav>
          <p class="who">${who}</p>
        </header>
        <main>
          <h1>${title}</h1>
          ${body}
        </main>
        <footer>
          <p>Your browser sent <code>Cookie: ${visitor.cookieHeader ?? '(nothing)'}</code></p>
          ${conn ? html`<p>This response travelled on server connection <code>${conn.id}</code>, request number ${conn.requests} on it.</p>` : ''}
          <p>
            ${
              visitor.secure
                ? html`You are on the https site: the session cookie is <code>__Host-sid</code>. Compare the
                    <a href="http://roundtrip.test/">plain-http site</a>, where it is <code>sid</code>.`
                : html`The same site over https:
                    <a href="https://roundtrip.test/">https://roundtrip.test/</a> (there the session cookie is
                    <code>__Host-sid</code>, <code>Secure</code>).`
            }
          </p>
          <img class="pixel" src="${pixel}" alt="" width="1" height="1" />
        </footer>
      </body>
    </html> `.text
}

export const STYLESHEET = `body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 0 auto; padding: 1rem; }
body.theme-light { background: #fdfdfb; color: #1d1d1f; }
body.theme-dark { background: #1c1f24; color: #e8e6e3; }
body.theme-dark a { color: #8cb4ff; }
nav a { margin-right: 0.6rem; }
.who { color: #777; }
code { background: rgba(127, 127, 127, 0.15); padding: 0 0.2rem; word-break: break-all; }
form { display: grid; gap: 0.5rem; max-width: 20rem; }
.warning { border-left: 4px solid #d33; padding-left: 0.8rem; }
.gallery { display: grid; grid-template-columns: repeat(6, 64px); gap: 8px; }
.pixel { width: 1px; height: 1px; }
footer { margin-top: 2rem; font-size: 0.9rem; color: #777; }
dl { display: grid; grid-template-columns: max-content auto; gap: 0.2rem 1rem; }
`
