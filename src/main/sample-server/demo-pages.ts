// The pages that show a connection at work: the gallery, the closing page and the slow page.
import { html } from './html'
import { layout, type Visitor } from './layout'

export const GALLERY_SIZE = 24
export const SLOW_MAX_MS = 10_000

export function galleryPage(visitor: Visitor): string {
  const images = Array.from(
    { length: GALLERY_SIZE },
    (_, i) => html`<img src="/img/${i + 1}.svg" alt="Tile ${i + 1}" width="64" height="64" />`
  )
  return layout(
    'Gallery',
    visitor,
    html`<p>
        This page needs ${GALLERY_SIZE} more requests, one per image. An HTTP/1.1 connection carries one
        request at a time, so the browser opens several connections to the same server (Chromium up to six)
        and, because they are kept alive, sends the next image request on a connection that has just finished
        instead of opening a new one. Each image's response carries the server's connection id in
        <code>X-Server-Connection</code>: a few ids, each used several times.
      </p>
      <div class="gallery">${images}</div>`
  )
}

export function closePage(visitor: Visitor): string {
  return layout(
    'Connection: close',
    visitor,
    html`<p>
      This response carries <code>Connection: close</code>: the server closes the TCP connection once it is
      sent, instead of keeping it open for the next request. The browser must open a new connection (a fresh
      TCP handshake) for whatever it asks next, so the next server connection id will be new. Nothing about
      you is lost: HTTP never relied on the connection to remember you, the cookies do that.
    </p>`
  )
}

export function slowPage(visitor: Visitor, ms: number): string {
  return layout(
    'Slow page',
    visitor,
    html`<p>
      The server waited ${ms} ms before answering. While it waits, this connection is busy: a browser that
      needs something else from the server meanwhile has to use, or open, another connection. Try
      <code>?ms=</code> with any value up to ${SLOW_MAX_MS}.
    </p>`
  )
}

/** The picture for gallery tile n: a coloured square with its number. */
export function tileSvg(n: number): string {
  const hue = (n * 47) % 360
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
<rect width="64" height="64" rx="8" fill="hsl(${hue} 70% 55%)"/>
<text x="32" y="41" font-family="sans-serif" font-size="24" text-anchor="middle" fill="#fff">${n}</text>
</svg>
`
}
