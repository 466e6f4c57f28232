// Factories for sample-site tests: a server on port 0 with a clock the test moves, a Node client
// that reports which local port (hence which connection) carried each request, and real curl
// with a cookie jar.
import http from 'node:http'
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Cookie } from 'tough-cookie'
import type { ServerSessionEvent } from '../../src/shared/model'
import { createSampleServer, type SampleServer, type SampleServerOptions } from '../../src/main/sample-server'
import { startEngine, type Engine } from '../../src/main/engine'

export interface TestClock {
  now: () => number
  advance(ms: number): void
}

export function testClock(start = Date.UTC(2026, 0, 1)): TestClock {
  let t = start
  return { now: () => t, advance: (ms) => void (t += ms) }
}

export interface RunningSample {
  server: SampleServer
  url: string
  clock: TestClock
  events: { event: ServerSessionEvent; remotePort: number }[]
  close(): Promise<void>
}

export async function startSample(
  opts: Omit<SampleServerOptions, 'now' | 'onSessionEvent'> = {}
): Promise<RunningSample> {
  const clock = testClock()
  const events: RunningSample['events'] = []
  const server = createSampleServer({
    ...opts,
    now: clock.now,
    onSessionEvent: (event, ctx) => events.push({ event, remotePort: ctx.remotePort })
  })
  const url = await server.listen(0)
  return { server, url, clock, events, close: () => server.close() }
}

export interface Reply {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
  /** The client socket's local port: the server sees it as the remote port. */
  localPort: number
}

/** One request with Node's http client. `form` sends an urlencoded body. */
export function request(
  url: string,
  opts: {
    method?: string
    agent?: http.Agent
    cookie?: string
    form?: Record<string, string>
    host?: string
  } = {}
): Promise<Reply> {
  const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined
  const headers: http.OutgoingHttpHeaders = {}
  if (opts.cookie) headers.cookie = opts.cookie
  if (opts.host) headers.host = opts.host
  if (body !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded'
    headers['content-length'] = Buffer.byteLength(body)
  }
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', agent: opts.agent, headers }, (res) => {
      const chunks: Buffer[] = []
      const localPort = res.socket.localPort ?? 0
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
          localPort
        })
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** The Set-Cookie line for `name` in a response, parsed by tough-cookie (RFC 6265). */
export function setCookie(headers: http.IncomingHttpHeaders, name: string): Cookie | undefined {
  for (const line of headers['set-cookie'] ?? []) {
    const cookie = Cookie.parse(line)
    if (cookie?.key === name) return cookie
  }
  return undefined
}

/** The value of the hidden `csrf` field in a page's form. */
export function csrfOf(html: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(html)
  if (!match?.[1]) throw new Error('no csrf field in the page')
  return match[1]
}

export interface CurlReply {
  status: number
  /** Header lines as [lower-case name, value] in order. */
  headers: [string, string][]
  body: string
}

/** Real curl with a cookie jar in its own temporary directory (`-c jar -b jar`). */
export class CurlJar {
  private constructor(
    readonly dir: string,
    readonly jar: string
  ) {}

  static async create(): Promise<CurlJar> {
    const dir = await mkdtemp(join(tmpdir(), 'sample-curl-'))
    return new CurlJar(dir, join(dir, 'jar.txt'))
  }

  /** Runs curl (never through a proxy unless `extra` says `-x`), asynchronously so the server keeps running. */
  run(url: string, extra: string[] = []): Promise<CurlReply> {
    const proxied = extra.includes('-x')
    const args = [
      '-sS',
      '-i',
      '-c',
      this.jar,
      '-b',
      this.jar,
      ...(proxied ? [] : ['--noproxy', '*']),
      ...extra,
      url
    ]
    return new Promise((resolve, reject) => {
      execFile('curl', args, { timeout: 20_000 }, (err, stdout) => {
        if (err) return reject(err)
        resolve(parseCurl(stdout))
      })
    })
  }

  /** The jar file's lines for cookie `name` (Netscape format: domain, flag, path, secure, expiry, name, value). */
  async jarLine(name: string): Promise<string[] | undefined> {
    const text = await readFile(this.jar, 'utf8').catch(() => '')
    for (const raw of text.split('\n')) {
      const line = raw.startsWith('#HttpOnly_') ? raw.slice('#HttpOnly_'.length) : raw
      if (line.startsWith('#') || !line.trim()) continue
      const fields = line.split('\t')
      if (fields[5] === name) return fields
    }
    return undefined
  }

  remove(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true })
  }
}

function parseCurl(out: string): CurlReply {
  const split = out.indexOf('\r\n\r\n')
  const head = split < 0 ? out : out.slice(0, split)
  const [statusLine = '', ...lines] = head.split('\r\n')
  const headers = lines.map((l): [string, string] => {
    const colon = l.indexOf(':')
    return [l.slice(0, colon).trim().toLowerCase(), l.slice(colon + 1).trim()]
  })
  return { status: Number(statusLine.split(' ')[1]), headers, body: split < 0 ? '' : out.slice(split + 4) }
}

export function header(reply: CurlReply, name: string): string[] {
  return reply.headers.filter(([n]) => n === name).map(([, v]) => v)
}

/**
 * The sample site as users reach it: the whole engine on port 0, with a clock the test moves (idle
 * timeout 10 minutes, absolute 1 hour) and a fresh curl cookie jar.
 */
export async function startProxiedSite(): Promise<{ engine: Engine; clock: TestClock; jar: CurlJar }> {
  const clock = testClock()
  const engine = await startEngine({
    proxyPort: 0,
    samplePort: 0,
    batchMs: 10,
    now: clock.now,
    sessionIdleMs: 10 * 60_000,
    sessionMaxMs: 60 * 60_000
  })
  return { engine, clock, jar: await CurlJar.create() }
}
