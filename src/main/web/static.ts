// Serves the built renderer (out/renderer) to the browser UI: its own files only, never a path
// outside that folder (real paths are compared, so a symlink pointing out is answered 404), with
// the same strict Content-Security-Policy the Electron window uses.
import type http from 'node:http'
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { dirname, extname, join, normalize, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Content types of the files the build emits; anything else is application/octet-stream. */
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2'
}

/**
 * The page's Content-Security-Policy, sent as a header by both hosts of the UI (this server and the
 * desktop window's app:// protocol). `connect-src 'self'` is the page's own origin only: here the
 * UI's address (its API and, in CSP Level 3, the WebSocket stream on the same host and port); in
 * the window app://roundtrip, which no network connection matches (the window talks over IPC).
 */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/** out/renderer, found from wherever the built CLI chunk sits (out/main or out/main/chunks). */
export function findRendererDir(from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (const up of ['../renderer', '../../renderer', '../../out/renderer', '../../../out/renderer']) {
    const dir = resolve(from, up)
    if (existsSync(join(dir, 'index.html'))) return dir
  }
  return undefined
}

export function serveStatic(
  root: string | undefined,
  pathname: string,
  res: http.ServerResponse,
  headers: Record<string, string>
): void {
  if (!root) {
    res.writeHead(503, { ...headers, 'content-type': 'text/plain; charset=utf-8' })
    res.end('The Roundtrip UI is not built. Run `npm run build`, then start `roundtrip serve` again.\n')
    return
  }
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    decoded = '/'
  }
  const target = resolveInside(root, decoded === '/' ? 'index.html' : decoded)
  if (target === 'outside') {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' })
    res.end('Not found: that path leads outside the UI folder.\n')
    return
  }
  const file = target ?? resolveInside(root, 'index.html')
  if (typeof file !== 'string') {
    res.writeHead(503, { ...headers, 'content-type': 'text/plain; charset=utf-8' })
    res.end('The Roundtrip UI folder has no index.html. Run `npm run build`, then start again.\n')
    return
  }
  // Read before answering: a file that cannot be read becomes a 500 with a sentence, not a cut reply.
  const content = readFileSync(file)
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream'
  const isPage = file.endsWith('.html')
  res.writeHead(200, {
    ...headers,
    'content-type': type,
    'cache-control': isPage ? 'no-store' : 'max-age=3600',
    ...(isPage ? { 'content-security-policy': PAGE_CSP } : {})
  })
  res.end(content)
}

/**
 * The real path of `relative` under `root` when it is a file inside the root's real folder;
 * 'outside' when it exists but resolves outside it (`..`, or a symlink that points out);
 * undefined when there is no such file (the page's own routes fall back to index.html).
 */
export function resolveInside(root: string, relative: string): string | 'outside' | undefined {
  let realRoot: string
  try {
    realRoot = realpathSync(root)
  } catch {
    return undefined
  }
  const file = normalize(join(root, relative))
  if (file !== root && !file.startsWith(root + sep)) return 'outside'
  let real: string
  try {
    real = realpathSync(file)
  } catch {
    return undefined
  }
  if (!real.startsWith(realRoot + sep)) return 'outside'
  return statSync(real).isFile() ? real : undefined
}
