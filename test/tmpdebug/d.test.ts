import { it } from 'vitest'
import net from 'node:net'
import { startHttpsEngine } from '../helpers/https'
it('debug', async () => {
  const env = await startHttpsEngine()
  const port = Number(new URL(env.engine.proxyUrl).port)
  const out = await new Promise<string>((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => {
      s.write('CONNECT roundtrip.test:80 HTTP/1.1\r\nHost: roundtrip.test:80\r\n\r\n')
    })
    let buf = ''
    let sent = false
    s.on('data', (c) => {
      buf += c
      if (!sent && buf.includes('\r\n\r\n')) {
        sent = true
        s.write('GET /login HTTP/1.1\r\nHost: roundtrip.test\r\n\r\n')
      }
    })
    setTimeout(() => {
      resolve(buf)
      s.destroy()
    }, 3000)
  })
  console.log(out.slice(0, 600))
  console.log(JSON.stringify(env.engine.store.snapshot()).slice(0, 1500))
  await env.close()
})
