// Seeded random and mutated HTTP traffic for the proxy fuzz runs: request bytes a client might
// send, response bytes a broken origin might answer with, and a runner that fires requests at
// the proxy on raw sockets. Plain JavaScript so both the bounded test (test/faults/fuzz.test.ts)
// and the longer script (bench/fuzz.js) use the same cases.
import net from 'node:net'
import { prng } from './lib/prng.js'

export { prng }

const int = (rand, n) => Math.floor(rand() * n)
const pick = (rand, list) => list[int(rand, list.length)]
const INTERESTING = [
  '\0',
  '\r',
  '\n',
  ' ',
  '\t',
  ':',
  '\x7f',
  '\xff',
  '%',
  '[',
  ']',
  '"',
  '\x01',
  '\r\n',
  '\r\n\r\n'
]
const METHODS = [
  'GET',
  'POST',
  'HEAD',
  'PUT',
  'DELETE',
  'OPTIONS',
  'PATCH',
  'CONNECT',
  'get',
  'G ET',
  'FOO',
  ''
]
const VERSIONS = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/1.2', 'HTTP/2.0', 'HTTP/1', 'http/1.1', '']

function randomToken(rand, max) {
  let s = ''
  const n = int(rand, max)
  for (let i = 0; i < n; i++) s += String.fromCharCode(int(rand, 256))
  return s
}

/** One of the mutations, applied to a latin1 string. */
function mutate(rand, s) {
  const at = int(rand, s.length + 1)
  switch (int(rand, 8)) {
    case 0: // flip a byte
      return s.slice(0, at) + String.fromCharCode(int(rand, 256)) + s.slice(at + 1)
    case 1: // insert an interesting byte
      return s.slice(0, at) + pick(rand, INTERESTING) + s.slice(at)
    case 2: // delete a slice
      return s.slice(0, at) + s.slice(at + int(rand, 20))
    case 3: // duplicate a slice
      return s.slice(0, at + int(rand, 40)) + s.slice(at)
    case 4: // truncate
      return s.slice(0, at)
    case 5: // add a header line of random bytes after the request line
      return s.replace('\r\n', `\r\n${randomToken(rand, 30)}: ${randomToken(rand, 30)}\r\n`)
    case 6: // a long header
      return s.replace('\r\n', `\r\nX-Long: ${'a'.repeat(int(rand, 40_000))}\r\n`)
    default: // framing headers that fight each other
      return s.replace(
        '\r\n',
        `\r\n${pick(rand, ['Content-Length: 3', 'Content-Length: -1', 'Transfer-Encoding: chunked', 'Transfer-Encoding: gzip, chunked', 'Transfer-Encoding: chunked ', 'Content-Length: 1, 2'])}\r\n`
      )
  }
}

/** A request for the proxy: a valid template with 0-3 mutations, or (1 in 10) plain noise. */
export function fuzzRequest(rand, targets) {
  if (rand() < 0.1) return Buffer.from(randomToken(rand, 300), 'latin1')
  const target = pick(rand, targets)
  const host = new URL(target).host
  const path = pick(rand, [
    '/',
    '/a?b=c',
    '/%zz',
    '/long/' + 'p'.repeat(int(rand, 3000)),
    '/#frag',
    '/\u00ff'
  ])
  const method = rand() < 0.8 ? pick(rand, METHODS.slice(0, 7)) : pick(rand, METHODS)
  const version = rand() < 0.85 ? 'HTTP/1.1' : pick(rand, VERSIONS)
  const url =
    method === 'CONNECT'
      ? host
      : pick(rand, [`${target}${path}`, `${target}${path}`, path, `http://${randomToken(rand, 12)}/`])
  const headers = [`Host: ${host}`, 'User-Agent: fuzz', 'Accept: */*']
  let body = ''
  if (rand() < 0.3) {
    body = randomToken(rand, 200)
    headers.push(`Content-Length: ${Buffer.byteLength(body, 'latin1')}`)
  } else if (rand() < 0.2) {
    body = `5\r\nhello\r\n${rand() < 0.5 ? '0\r\n\r\n' : 'zz\r\n'}`
    headers.push('Transfer-Encoding: chunked')
  }
  if (rand() < 0.5) headers.push('Connection: close')
  let text = `${method} ${url} ${version}\r\n${headers.join('\r\n')}\r\n\r\n${body}`
  for (let i = int(rand, 4); i > 0; i--) text = mutate(rand, text)
  return Buffer.from(text, 'latin1')
}

/** A response a broken origin might send, and whether to end, keep, or reset the socket after it. */
export function fuzzResponse(rand) {
  const templates = [
    'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n',
    'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close',
    'HTTP/1.1 302 Found\r\nLocation: /x\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 0\r\n\r\n',
    'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n',
    'HTTP/1.0 200 OK\r\n\r\nold'
  ]
  let text = pick(rand, templates)
  for (let i = int(rand, 4); i > 0; i--) text = mutate(rand, text)
  if (rand() < 0.05) text = randomToken(rand, 200)
  return { bytes: Buffer.from(text, 'latin1'), then: pick(rand, ['end', 'end', 'keep', 'reset', 'destroy']) }
}

/** A TCP origin that answers every request with a fuzzed response. Returns { url, close }. */
export async function startChaosOrigin(seed) {
  const rand = prng(seed)
  const sockets = new Set()
  const server = net.createServer((s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
    s.on('error', () => undefined)
    s.once('data', () => {
      const { bytes, then } = fuzzResponse(rand)
      s.write(bytes, () => {
        if (then === 'end') s.end()
        else if (then === 'reset') s.resetAndDestroy()
        else if (then === 'destroy') s.destroy()
      })
    })
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy()
        server.close(() => r())
      })
  }
}

function sendOne(port, bytes, waitMs) {
  return new Promise((resolve) => {
    const chunks = []
    let done = false
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes))
    const finish = () => {
      if (done) return
      done = true
      clearTimeout(timer)
      socket.destroy()
      const text = Buffer.concat(chunks).toString('latin1')
      resolve(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? (text ? 'other' : 'none'))
    }
    const timer = setTimeout(finish, waitMs)
    socket.on('data', (c) => chunks.push(c))
    socket.on('close', finish)
    socket.on('error', finish)
  })
}

/**
 * Sends `count` fuzzed requests at the proxy, `concurrency` at a time, each given `waitMs` to be
 * answered. Returns how often each first status line (or 'none'/'other') came back.
 */
export async function runFuzz({ proxyPort, targets, count, seed, concurrency = 16, waitMs = 400 }) {
  const rand = prng(seed)
  const cases = Array.from({ length: count }, () => fuzzRequest(rand, targets))
  const tally = {}
  let next = 0
  const worker = async () => {
    while (next < cases.length) {
      const bytes = cases[next++]
      const status = await sendOne(proxyPort, bytes, waitMs)
      tally[status] = (tally[status] ?? 0) + 1
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return tally
}
