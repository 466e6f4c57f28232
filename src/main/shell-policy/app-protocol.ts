// What the desktop window's app:// protocol answers: the built renderer's own files (out/renderer),
// compared by real path like the web UI's file server (a symlink or `..` leading out is a 404), each
// with the page's Content-Security-Policy as a response header. No electron import: the shell's
// protocol.handle only passes each request's URL here, so tests call this with real files.
import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { CONTENT_TYPES, PAGE_CSP, resolveInside } from '../web/static'

export const APP_SCHEME = 'app'
export const APP_HOST = 'roundtrip'
/** Where the window loads the page from. */
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/** Headers on every answer: the page's CSP (connect-src 'self' is app://roundtrip, nothing on the network). */
export const APP_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer'
}

/** True for a URL on Roundtrip's own app:// origin (exact scheme and host, no user or port). */
export function isAppUrl(text: string | undefined): boolean {
  if (!text) return false
  try {
    const u = new URL(text)
    return (
      u.protocol === `${APP_SCHEME}:` &&
      u.hostname.toLowerCase() === APP_HOST &&
      !u.port &&
      !u.username &&
      !u.password
    )
  } catch {
    return false
  }
}

/**
 * The answer to one app:// request. Only GET and HEAD on app://roundtrip; the path is decoded once
 * and resolved under `root` by real path; a page route with no file gets index.html (the UI's own
 * routes), a path leading out of the folder gets 404, a missing build gets 503, each with a sentence.
 */
export async function appProtocolResponse(
  root: string | undefined,
  requestUrl: string,
  method = 'GET'
): Promise<Response> {
  if (!isAppUrl(requestUrl)) return text(404, `Not found: ${clip(requestUrl)} is not Roundtrip's own page.`)
  if (method !== 'GET' && method !== 'HEAD') return text(405, `${clip(method)} is not served here; only GET.`)
  if (!root) return text(503, 'The Roundtrip UI is not built. Run `npm run build`, then start the app again.')
  let path: string
  try {
    path = decodeURIComponent(new URL(requestUrl).pathname)
  } catch {
    return text(400, 'That address is not valid percent-encoding.')
  }
  const target = resolveInside(root, path === '/' ? 'index.html' : path)
  if (target === 'outside') return text(404, 'Not found: that path leads outside the UI folder.')
  const file = target ?? resolveInside(root, 'index.html')
  if (typeof file !== 'string')
    return text(503, 'The Roundtrip UI folder has no index.html. Run `npm run build`.')
  let body: Buffer
  try {
    body = await readFile(file)
  } catch (err) {
    return text(500, `Could not read ${extname(file) || 'the'} file: ${(err as Error).message}`)
  }
  const isPage = file.endsWith('.html')
  return new Response(method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      ...APP_HEADERS,
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': isPage ? 'no-store' : 'max-age=3600'
    }
  })
}

function text(status: number, sentence: string): Response {
  return new Response(`${sentence}\n`, {
    status,
    headers: { ...APP_HEADERS, 'content-type': 'text/plain; charset=utf-8' }
  })
}

function clip(s: string): string {
  return s.length > 100 ? `${s.slice(0, 100)}...` : s
}
