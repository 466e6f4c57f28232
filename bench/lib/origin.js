// A minimal keep-alive origin for the benchmarks: every request gets the same small response.
// Run directly (`node bench/lib/origin.js`) it prints {"port": N} and serves until stdin closes
// or it gets SIGTERM, so a parent can pin it to a CPU with taskset.
import http from 'node:http'
import { fileURLToPath } from 'node:url'

export const BODY = 'hello, world\n'

export function startOrigin() {
  const server = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => {
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
