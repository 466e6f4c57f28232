// Runs the real `roundtrip serve` command (node bin/roundtrip.js) and reads its --json line.
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import http from 'node:http'

export const ROOT = join(import.meta.dirname, '..', '..')
export const BIN = join(ROOT, 'bin', 'roundtrip.js')

export interface ServeAddresses {
  proxy: string
  sample: string
  ui: string
  token: string
  pid: number
  browser?: { name: string; pid: number; profileDir: string }
}

export interface RunningServe {
  child: ChildProcess
  addresses: ServeAddresses
  stderr: () => string
  /** Sends SIGTERM and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

export interface ServeOptions {
  /** Extra environment, e.g. the test-only ROUNDTRIP_TEST_*_PORT defaults. */
  env?: NodeJS.ProcessEnv
  /** Pass --proxy-port 0 --sample-port 0 --ui-port 0 (default true). */
  freePorts?: boolean
}

export async function startServe(
  extra: string[] = [],
  timeoutMs = 20_000,
  opts: ServeOptions = {}
): Promise<RunningServe> {
  const ports = opts.freePorts === false ? [] : ['--proxy-port', '0', '--sample-port', '0', '--ui-port', '0']
  const child = spawn(process.execPath, [BIN, 'serve', '--json', ...ports, ...extra], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env }
  })
  let out = ''
  let err = ''
  child.stderr!.on('data', (c) => (err += c))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const addresses = await new Promise<ServeAddresses>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`serve printed no JSON line in time; stderr: ${err}`)),
      timeoutMs
    )
    child.stdout!.on('data', (c) => {
      out += c
      const nl = out.indexOf('\n')
      if (nl >= 0) {
        clearTimeout(timer)
        try {
          resolve(JSON.parse(out.slice(0, nl)) as ServeAddresses)
        } catch (e) {
          reject(new Error(`serve printed something that is not JSON: ${out.slice(0, nl)} (${String(e)})`))
        }
      }
    })
    // 'close', not 'exit': by then everything it wrote to stderr has been read.
    child.once('close', (code) => {
      clearTimeout(timer)
      reject(new Error(`serve exited with ${code} before printing; stderr: ${err}`))
    })
  })
  return {
    child,
    addresses,
    stderr: () => err,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal)
      return exited
    }
  }
}

/** A request to the local web API with full control of the headers. */
export function apiRequest(
  base: string,
  path: string,
  opts: {
    token?: string
    host?: string
    method?: string
    headers?: http.OutgoingHttpHeaders
    body?: string
  } = {}
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const url = new URL(path, base)
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: opts.method ?? 'GET',
        headers: {
          ...(opts.host ? { host: opts.host } : {}),
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...opts.headers
        }
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
      }
    )
    req.on('error', reject)
    req.end(opts.body)
  })
}
