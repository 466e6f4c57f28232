// A minimal keep-alive origin for the benchmarks: every request gets the same small response.
// Paths under /api/ get a browser-sized JSON answer instead (bench/memory's browser-like phase).
// Run directly (`node bench/lib/origin.js`) it prints {"port": N} and serves until stdin closes
// or it gets SIGTERM, so a parent can pin it to a CPU with taskset.
import http from 'node:http'
import { fileURLToPath } from 'node:url'

export const BODY = 'hello, world\n'

let apiCount = 0
/** What a small JSON API answers a browser: a dozen headers, one of them unique, a ~200-byte body. */
function apiResponse(res) {
  const n = ++apiCount
  const body = JSON.stringify({
    id: n,
    name: `Item number ${n}`,
    tags: ['cookies', 'sessions', 'keep-alive'],
    updated: '2026-11-26T12:00:00Z',
    owner: { id: 42, name: 'Ada' },
    next: `/api/items/${n + 1}`
  })
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'private, max-age=0, must-revalidate',
    ETag: `W/"${body.length.toString(16)}-${n.toString(36)}"`,
    Vary: 'Accept-Encoding, Cookie',
    'X-Content-Type-Options': 'nosniff',
    'X-Request-Id': `req-${n.toString(36)}-7f3a9c`,
    'Strict-Transport-Security': 'max-age=63072000'
  })
  res.end(body)
}

export function startOrigin() {
  const server = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      if (req.url.startsWith('/api/')) return apiResponse(res)
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': BODY.length })
      res.end(BODY)
    })
  })
  server.keepAliveTimeout = 120_000
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port }))
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { server, port } = await startOrigin()
  process.stdout.write(`${JSON.stringify({ port })}\n`)
  const stop = () => {
    server.close(() => process.exit(0))
    server.closeAllConnections()
  }
  process.on('SIGTERM', stop)
  process.stdin.on('end', stop).resume()
}
