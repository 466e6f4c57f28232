// Load generator run as a child process (so its own allocations stay out of the measured heap):
// starts the small origin, then on each {proxy, count} message sends `count` small GET requests
// through the proxy in absolute form on `concurrency` keep-alive connections, and answers
// {done, ok, failed}. Closes its connections after each round so the proxy sees them end.
import http from 'node:http'
import { startOrigin } from './origin.js'

const { server, port } = await startOrigin()
process.send({ port })

process.on('message', async (msg) => {
  if (msg.stop) {
    server.closeAllConnections()
    server.close(() => process.exit(0))
    return
  }
  const { proxy, count, concurrency = 10 } = msg
  const p = new URL(proxy)
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
  let next = 0
  let ok = 0
  let failed = 0
  const one = () =>
    new Promise((resolve) => {
      const i = next++
      const req = http.request(
        {
          host: p.hostname,
          port: Number(p.port),
          agent,
          path: `http://127.0.0.1:${port}/item/${i}?q=small`,
          headers: { Host: `127.0.0.1:${port}`, 'User-Agent': 'roundtrip-bench/1', Accept: '*/*' }
        },
        (res) => {
          res.resume()
          res.on('end', () => {
            if (res.statusCode === 200) ok++
            else failed++
            resolve()
          })
        }
      )
      req.on('error', () => {
        failed++
        resolve()
      })
      req.end()
    })
  const worker = async () => {
    while (next < count) await one()
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  agent.destroy()
  process.send({ done: true, ok, failed })
})
