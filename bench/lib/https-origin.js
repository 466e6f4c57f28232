// The HTTPS benchmark's origins as their own process (so the load generator does not also pay the
// origin's TLS): an https origin with a leaf for localhost from a CA of its own, and a plain http
// one, both answering every request with the same small body. Prints
// {"httpsPort": N, "httpPort": N, "caFile": "<ca.pem>"} once listening; stops on SIGTERM or when
// stdin closes.
import http from 'node:http'
import https from 'node:https'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadBuilt } from './engine.js'
import { BODY } from './origin.js'

const temp = (p) => mkdtempSync(join(tmpdir(), p))
const { createCertificateAuthority } = await loadBuilt('ca')
const { LeafCache } = await loadBuilt('leaves')
const originCa = await createCertificateAuthority({ home: temp('rt-bench-origin-') }).load()
const originLeaf = await new LeafCache(originCa).leaf('localhost')
const answer = (req, res) => {
  req.resume()
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': BODY.length })
    res.end(BODY)
  })
}
const httpsOrigin = https.createServer({ SNICallback: (_n, cb) => cb(null, originLeaf.context) }, answer)
const httpOrigin = http.createServer(answer)
httpsOrigin.keepAliveTimeout = httpOrigin.keepAliveTimeout = 120_000
await new Promise((r) => httpsOrigin.listen(0, '127.0.0.1', r))
await new Promise((r) => httpOrigin.listen(0, '127.0.0.1', r))
const caFile = join(temp('rt-bench-originca-'), 'ca.pem')
writeFileSync(caFile, originCa.certPem)
process.stdout.write(
  `${JSON.stringify({ httpsPort: httpsOrigin.address().port, httpPort: httpOrigin.address().port, caFile })}\n`
)
const stop = () => {
  for (const s of [httpsOrigin, httpOrigin]) {
    s.close()
    s.closeAllConnections()
  }
  process.exit(0)
}
process.on('SIGTERM', stop)
process.stdin.on('end', stop).resume()
