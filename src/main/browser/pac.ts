// The proxy auto-config file served at /proxy.pac: every request goes through Roundtrip,
// including the teaching site's made-up host names (roundtrip.test, tracker.test), which only
// the proxy can reach. Other hosts fall back to a direct connection when Roundtrip is not
// running, so a system-wide PAC setting does not cut a machine off the web.

export interface ProxyAddress {
  host: string
  port: number
}

/** `http://127.0.0.1:8080` -> { host: '127.0.0.1', port: 8080 }. Throws a sentence on anything else. */
export function proxyAddress(proxyUrl: string): ProxyAddress {
  let url: URL
  try {
    url = new URL(proxyUrl)
  } catch {
    throw new Error(`The proxy address "${proxyUrl}" is not a URL like http://127.0.0.1:8080.`)
  }
  if (url.protocol !== 'http:' || url.pathname !== '/' || url.search) {
    throw new Error(`The proxy address "${proxyUrl}" must be http://HOST:PORT.`)
  }
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname
  return { host, port: Number(url.port || 80) }
}

/** Host names served by the sample site through the proxy; they have no DNS entry. */
export const SAMPLE_HOSTS = ['roundtrip.test', 'tracker.test']

export function buildPac(proxyUrl: string): string {
  const { host, port } = proxyAddress(proxyUrl)
  const hostPort = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
  const proxy = `PROXY ${hostPort}`
  const only = SAMPLE_HOSTS.map((h) => `host === '${h}' || dnsDomainIs(host, '.${h}')`).join(' || ')
  return [
    '// Roundtrip proxy auto-config: send web traffic through the Roundtrip proxy so it is recorded.',
    `// The sample site (${SAMPLE_HOSTS.join(', ')}) exists only behind the proxy, so it never goes direct.`,
    'function FindProxyForURL(url, host) {',
    `  if (${only}) return '${proxy}';`,
    `  return '${proxy}; DIRECT';`,
    '}',
    ''
  ].join('\n')
}

/**
 * The proxy address as someone who reached this machine at `localAddress` can use it: a proxy on every
 * interface (0.0.0.0, ::) is named by that address (loopback when unknown), never by the wildcard.
 */
export function reachableProxyUrl(proxyUrl: string, localAddress?: string): string {
  const { host, port } = proxyAddress(proxyUrl)
  if (host !== '0.0.0.0' && host !== '::') return proxyUrl
  const local = (localAddress ?? '127.0.0.1').replace(/^::ffff:/i, '')
  const name = local === '' || local === '0.0.0.0' || local === '::' ? '127.0.0.1' : local
  return `http://${name.includes(':') ? `[${name}]` : name}:${port}`
}
