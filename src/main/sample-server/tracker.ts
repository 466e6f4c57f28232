// The third-party tracker at http://tracker.test/, answered by the same server. Every page of the
// sample site embeds its 1x1 pixel; the pixel's response tries to set a year-long `uid` cookie so
// the tracker could recognise the same browser on every site that embeds it.
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { parseCookieHeader, serializeCookie } from './cookies'
import { html } from './html'
import { sendBytes, sendHtml } from './respond'

export const TRACKER_HOST = 'tracker.test'
export const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60

/** The smallest transparent GIF: 1x1 pixel, 43 bytes. */
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

/**
 * A tracker wants its cookie sent along when its pixel is loaded by other sites' pages, which only
 * `SameSite=None` allows, and browsers accept `SameSite=None` only together with `Secure`. That is
 * what real trackers send, so this one does too.
 */
export function uidCookie(uid: string): string {
  return serializeCookie('uid', uid, { path: '/', maxAge: ONE_YEAR_SECONDS, sameSite: 'None', secure: true })
}

export function handleTracker(req: IncomingMessage, res: ServerResponse, path: string): void {
  const known = parseCookieHeader(req.headers.cookie).get('uid')
  if (path === '/pixel.gif') {
    // Keep a uid the browser sent back; otherwise hand out a new one.
    const uid = known && /^[A-Za-z0-9_-]{1,64}$/.test(known) ? known : randomBytes(16).toString('base64url')
    res.setHeader('Set-Cookie', uidCookie(uid))
    sendBytes(res, 'image/gif', PIXEL_GIF)
    return
  }
  if (path === '/') {
    sendHtml(res, 200, trackerPage(known, req.headers.referer))
    return
  }
  sendHtml(res, 404, trackerPage(known, undefined, 'The tracker only has / and /pixel.gif.'))
}

function trackerPage(uid: string | undefined, referer: string | undefined, problem?: string): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>tracker.test</title>
      </head>
      <body>
        <h1>tracker.test, a third party</h1>
        ${problem ? html`<p>${problem}</p>` : ''}
        <p>
          Every page of the sample site embeds <code>http://tracker.test/pixel.gif</code>. Loading it is a
          request to another site (a third party), and its response carries
          <code>Set-Cookie: uid=…; Max-Age=${ONE_YEAR_SECONDS}; Secure; SameSite=None</code>. If the browser
          kept that cookie and sent it with every pixel, on every site that embeds one, the tracker would see
          the same <code>uid</code> (and, in <code>Referer</code>, which site you were on) each time: that is
          tracking.
        </p>
        <p>
          Over plain HTTP a modern browser refuses it. <code>SameSite=None</code> is only accepted with
          <code>Secure</code>, and a page served over <code>http://</code> may not set a
          <code>Secure</code> cookie at all. Dropping those attributes does not help the tracker: a cookie
          without <code>SameSite</code> counts as <code>Lax</code>, which the browser neither stores from nor
          sends with an image loaded inside another site's page. Even over https, Firefox and Safari block or
          partition third-party cookies by default, and Chrome lets people turn them off. So in the capture
          you see the tracker handing out a new <code>uid</code> every time, and never getting one back.
        </p>
        <p>
          This request carried
          ${uid ? html`<code>uid=${uid}</code>` : 'no uid cookie'}${
            referer ? html` and <code>Referer: ${referer}</code>` : ''
          }.
        </p>
      </body>
    </html> `.text
}
