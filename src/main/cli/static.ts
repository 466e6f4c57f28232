// Serves the built renderer (out/renderer) to the browser UI: its own files only, never a path
// outside that folder, with the same strict Content-Security-Policy the Electron window uses.
import type http from 'node:http'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, extname, join, normalize, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2'
}

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
  const file = normalize(join(root, decoded === '/' ? 'index.html' : decoded))
  const inside = file.startsWith(root + sep)
  const target = inside && existsSync(file) && statSync(file).isFile() ? file : join(root, 'index.html')
  const type = TYPES[extname(target)] ?? 'application/octet-stream'
  const isPage = target.endsWith('.html')
  res.writeHead(200, {
    ...headers,
    'content-type': type,
    'cache-control': isPage ? 'no-store' : 'max-age=3600',
    ...(isPage ? { 'content-security-policy': PAGE_CSP } : {})
  })
  res.end(readFileSync(target))
}
