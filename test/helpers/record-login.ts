// Records a login on the sample site through a real engine's proxy (GET /login, POST /login with
// the CSRF token, GET /account) and returns the capture as HAR with the logged-in session cookie.
import http from 'node:http'
import type { Har } from 'har-format'
import { startEngine } from '../../src/main/engine'
import { exportHar } from '../../src/shared/har/export'

function viaProxy(
  proxyUrl: string,
  agent: http.Agent,
  method: string,
  url: string,
  headers: Record<string, string> = {},
  body?: string
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const proxy = new URL(proxyUrl)
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: proxy.hostname,
        port: proxy.port,
        path: url,
        method,
        agent,
        headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) }
      },
      (res) => {
        let data = ''
        res.setEncoding('utf8')
        res.on('data', (c) => (data += c))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: data }))
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** The first `...sid...=value` pair among Set-Cookie lines. */
export function sidOf(setCookie: string[] | undefined): string | undefined {
  for (const line of setCookie ?? []) {
    const m = /^([^=;]*sid[^=;]*)=([^;]*)/i.exec(line)
    if (m) return `${m[1]}=${m[2]}`
  }
  return undefined
}

/** Logs alice in through the proxy at `proxyUrl`; returns the session cookie she got. */
export async function loginThrough(proxyUrl: string): Promise<string> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  try {
    const page = await viaProxy(proxyUrl, agent, 'GET', 'http://roundtrip.test/login')
    const preLogin = sidOf(page.headers['set-cookie'])!
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!
    const login = await viaProxy(
      proxyUrl,
      agent,
      'POST',
      'http://roundtrip.test/login',
      { cookie: preLogin, 'content-type': 'application/x-www-form-urlencoded' },
      new URLSearchParams({ csrf, username: 'alice', password: 'wonderland' }).toString()
    )
    if (login.status !== 303) throw new Error(`the recorded login answered ${login.status}, not 303`)
    const recordedSid = sidOf(login.headers['set-cookie'])!
    await viaProxy(proxyUrl, agent, 'GET', 'http://roundtrip.test/account', { cookie: recordedSid })
    return recordedSid
  } finally {
    agent.destroy()
  }
}

/** Logs alice in through a throwaway engine; returns the HAR and the session cookie she got. */
export async function recordLogin(): Promise<{ har: Har; recordedSid: string }> {
  const engine = await startEngine({ proxyPort: 0, samplePort: 0, batchMs: 10 })
  try {
    const recordedSid = await loginThrough(engine.proxyUrl)
    await new Promise((r) => setTimeout(r, 50))
    engine.store.flush()
    return { har: exportHar(engine.store.snapshot()), recordedSid }
  } finally {
    await engine.close()
  }
}
