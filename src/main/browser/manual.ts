// Copyable ways to send traffic through the proxy by hand, and the sentence shown when no
// browser was found to start for the user.
import { KNOWN_BROWSERS } from './discover'
import { proxyAddress } from './pac'

export interface ManualSetup {
  /** host and port to type into a system or browser proxy setting. */
  host: string
  port: number
  curl: string
  wget: string
  /** POSIX shells. */
  env: string
  /** Windows PowerShell. */
  powershell: string
  /** The PAC file's address, when a web API serves one. */
  pacUrl?: string
}

export const SAMPLE_URL = 'http://roundtrip.test/'

export function manualSetup(proxyUrl: string, opts: { pacUrl?: string } = {}): ManualSetup {
  const { host, port } = proxyAddress(proxyUrl)
  const proxy = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  return {
    host,
    port,
    curl: `curl -x ${proxy} ${SAMPLE_URL}`,
    wget: `wget -e use_proxy=yes -e http_proxy=${proxy} -O - ${SAMPLE_URL}`,
    env: `export HTTP_PROXY=${proxy} HTTPS_PROXY=${proxy} http_proxy=${proxy} https_proxy=${proxy}`,
    powershell: `$env:HTTP_PROXY='${proxy}'; $env:HTTPS_PROXY='${proxy}'`,
    ...(opts.pacUrl ? { pacUrl: opts.pacUrl } : {})
  }
}

/** What to say when no browser could be started: what was looked for and how to do it by hand. */
export function noBrowserFound(proxyUrl: string, opts: { pacUrl?: string } = {}): string {
  const { host, port } = proxyAddress(proxyUrl)
  const pac = opts.pacUrl ? `, or use the automatic configuration address ${opts.pacUrl}` : ''
  return (
    `No browser was found to start (looked for ${KNOWN_BROWSERS.join(', ')}). ` +
    `To use one by hand, set its HTTP proxy to ${host} port ${port}${pac}, then open ${SAMPLE_URL}. ` +
    'Browsers skip proxies for localhost, which is why the sample site lives at roundtrip.test. ' +
    `Or try it from a terminal: curl -x http://${host}:${port} ${SAMPLE_URL}`
  )
}
