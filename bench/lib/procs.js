// Child-process helpers for benchmarks: start a server (optionally pinned to a CPU with taskset),
// wait for its first JSON line or for its port to accept connections, and stop it by its own pid.
import { spawn, execFileSync } from 'node:child_process'
import net from 'node:net'

export function has(cmd) {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

const CAN_PIN = has('taskset')

/** Wraps a command with `taskset -c CPU` when taskset exists and cpu is given. */
export function pinned(cpu, cmd, args) {
  return CAN_PIN && cpu !== undefined ? ['taskset', ['-c', String(cpu), cmd, ...args]] : [cmd, args]
}

/** Starts a child that prints one JSON line first; resolves with the child and that line. */
export function startJson(cpu, cmd, args, timeoutMs = 30_000) {
  const [c, a] = pinned(cpu, cmd, args)
  const child = spawn(c, a, { stdio: ['pipe', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let buf = ''
    const timer = setTimeout(() => {
      stop(child)
      reject(new Error(`${cmd} ${args.join(' ')} did not start within ${timeoutMs} ms`))
    }, timeoutMs)
    child.stdout.on('data', function onData(d) {
      buf += d
      const nl = buf.indexOf('\n')
      if (nl < 0) return
      clearTimeout(timer)
      child.stdout.off('data', onData)
      child.lines = [buf.slice(nl + 1)]
      child.stdout.on('data', (more) => child.lines.push(String(more)))
      resolve({ child, info: JSON.parse(buf.slice(0, nl)) })
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${cmd} exited with ${code} before it was ready`))
    })
  })
}

/** Starts a child and waits until 127.0.0.1:port accepts a TCP connection. */
export async function startOnPort(cpu, cmd, args, port, timeoutMs = 30_000) {
  const [c, a] = pinned(cpu, cmd, args)
  const child = spawn(c, a, { stdio: ['ignore', 'ignore', 'pipe'] })
  let err = ''
  child.stderr.on('data', (d) => (err = (err + d).slice(-2000)))
  let exited = false
  child.once('exit', () => (exited = true))
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${cmd} exited before it listened: ${err.trim()}`)
    if (await accepts(port)) return child
    await new Promise((r) => setTimeout(r, 100))
  }
  stop(child)
  throw new Error(`${cmd} did not listen on ${port} within ${timeoutMs} ms: ${err.trim()}`)
}

function accepts(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1')
    s.once('connect', () => {
      s.destroy()
      resolve(true)
    })
    s.once('error', () => resolve(false))
  })
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

/** Ends a child we started (SIGTERM, then SIGKILL after a grace period); resolves when it is gone. */
export function stop(child, graceMs = 3000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs)
    child.once('exit', () => {
      clearTimeout(kill)
      resolve()
    })
    child.stdin?.end()
    child.kill('SIGTERM')
  })
}
