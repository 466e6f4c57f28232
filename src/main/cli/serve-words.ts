// What `roundtrip serve` prints: the engine's typed errors worded for a terminal (naming the flag to
// change), and the lines printed once everything listens.
import type { ListenError, ListenRole } from '../net/listen'
import { RUN } from './args'

const FLAG: Record<ListenRole, string> = { proxy: '--proxy-port', sample: '--sample-port', ui: '--ui-port' }
const WHAT: Record<ListenRole, string> = { proxy: 'the proxy', sample: 'the sample site', ui: 'the web UI' }
const HOST_FLAG: Record<ListenRole, string> = { proxy: '--host', sample: '--host', ui: '--ui-host' }

export function listenSentence(err: ListenError): string {
  const { role, port, host, detail } = err.params
  const flag = FLAG[role]
  switch (err.code) {
    case 'port-in-use':
      return `port ${port} on ${host} is already in use, so ${WHAT[role]} cannot listen there; stop the program using it, or choose another port with ${flag} N (${flag} 0 picks a free one).`
    case 'port-not-allowed':
      return `${WHAT[role]} is not allowed to listen on port ${port}; choose a port above 1024 with ${flag} N.`
    case 'address-not-here':
      return `${host} is not an address of this machine; give ${HOST_FLAG[role]} one of its addresses, or leave it out for 127.0.0.1.`
    default:
      return `${WHAT[role]} could not listen on ${host}:${port} (${detail ?? 'unknown error'}); choose another port with ${flag} N.`
  }
}

export interface Started {
  json: boolean
  proxy: string
  sample: string
  uiBase: string
  token: string
  /** What happens to HTTPS, in words. */
  https?: string
  /** Fields the optional parts add (browser, recording). */
  extra: Record<string, unknown>
}

export function printStarted(s: Started): void {
  const ui = `${s.uiBase}/?token=${s.token}`
  if (s.json) {
    console.log(
      JSON.stringify({ proxy: s.proxy, sample: s.sample, ui, token: s.token, pid: process.pid, ...s.extra })
    )
    return
  }
  console.log(`Roundtrip is running (pid ${process.pid}).
  Proxy:        ${s.proxy}    try: curl -x ${s.proxy} http://roundtrip.test/
  Sample site:  http://roundtrip.test/ through the proxy (directly: ${s.sample})${s.https ? `\n  HTTPS:        ${s.https}` : ''}
  UI:           ${ui}
  PAC file:     ${s.uiBase}/proxy.pac?token=${s.token}
Press Ctrl+C to stop (or: kill ${process.pid}). Run \`${RUN} serve --help\` for the options.`)
}
