// Load generator run as a child process (so its own allocations stay out of the measured heap):
// starts the small origin, then on each {proxy, count} message sends `count` small GET requests
// through the proxy in absolute form on `concurrency` keep-alive connections, and answers
// {done, ok, failed}. With profile 'browser' the requests carry a browser's headers and cookies and
// ask the origin's /api/ for a small JSON answer. Closes its connections after each round so the proxy sees them end.
import http from 'node:http'
import { startOrigin } from './origin.js'

const { server, port } = await startOrigin()
process.send({ port })

/** The headers Chromium sends with a fetch() from a page: about 900 bytes, nearly all repeated. */
function browserHeaders(port) {
  return {
    Host: `127.0.0.1:${port}`,
    'User-Agent':
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    Accept: 'application/json, text/plain, */*',
    'Accept-Language': 'en-GB,en;q=0.9,ko;q=0.8',
    'Accept-Encoding': 'gzip, deflate, br, zstd',
    Referer: `http://127.0.0.1:${port}/app/items`,
    'sec-ch-ua': '"Chromium";v="131", "Not_A Brand";v="24"',
    'sec-ch-ua-mobile': '?0',
    'sec-ch-ua-platform': '"Linux"',
    'Sec-Fetch-Site': 'same-origin',
    'Sec-Fetch-Mode': 'cors',
    'Sec-Fetch-Dest': 'empty',
    Cookie:
      'sid=s%3A7d1f0c9a2b8e4f6a9c3d5e7f1a2b4c6d.Qk9vZ2xlU2Vzc2lvblNpZ25hdHVyZQ; theme=dark; consent=analytics%3D0%26ads%3D0; _track=GA1.1.1234567890.1732600000'
  }
}

process.on('message', async (msg) => {
  if (msg.stop) {
    server.closeAllConnections()
    server.close(() => process.exit(0))
    return
  }
  const { proxy, count, concurrency = 10, profile = 'small' } = msg
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
          path:
            profile === 'browser'
              ? `http://127.0.0.1:${port}/api/items/${i}?page=${i % 50}&sort=updated`
              : `http://127.0.0.1:${port}/item/${i}?q=small`,
          headers:
            profile === 'browser'
              ? browserHeaders(port)
              : { Host: `127.0.0.1:${port}`, 'User-Agent': 'roundtrip-bench/1', Accept: '*/*' }
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
