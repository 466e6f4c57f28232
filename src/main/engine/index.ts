// The engine: capture store, sample site and proxy, started together and wired so that
// `roundtrip.test` and `tracker.test` reach the sample site through the proxy without DNS, and
// the site's session events and connection ids land in the capture. Hosted by the Electron main
// process and by `roundtrip serve`; never imports electron.
import { createCertificateAuthority, type CertificateAuthority } from '../ca'
import { CaptureStore } from '../capture/store'
import { listenOrMove } from '../net/listen'
import { PassthroughList } from '../proxy/tls/passthrough'
import { createProxy, type RoundtripProxy } from '../proxy'
import { createSampleServer, type SampleServer } from '../sample-server'
import { cutShortInFlight, DEFAULT_GRACE_MS } from './shutdown'
import type { EngineNotice } from './notices'

export { noticeText, type EngineNotice } from './notices'
export { DEFAULT_GRACE_MS } from './shutdown'

export const SAMPLE_HOSTS = ['roundtrip.test', 'tracker.test']

export interface EngineOptions {
  host?: string
  proxyPort?: number
  samplePort?: number
  sessionIdleMs?: number
  sessionMaxMs?: number
  /** Sessions the sample site keeps at most (its oldest pre-login ones are evicted first). */
  maxSessions?: number
  now?: () => number
  bodyLimit?: number
  maxExchanges?: number
  /** Bytes of kept bodies in memory; past it the oldest finished exchanges leave. */
  maxBodyBytes?: number
  batchMs?: number
  /** Forward only, record nothing (benchmarks measure the capture's cost with it). */
  record?: boolean
  allowRemoteClients?: boolean
  upstreamTimeoutMs?: number
  clientIdleMs?: number
  /**
   * Ports that move to a free one when taken (the usual 8080 and 3000, not a port someone asked
   * for); each move is said in `notices`.
   */
  portFallback?: { proxy?: boolean; sample?: boolean }
  /** At close, how long requests in flight may take to finish before they are cut short (default 2 s). */
  shutdownGraceMs?: number
  /** Decrypt HTTPS tunnels with the local CA (default true); false keeps them opaque. */
  intercept?: boolean
  /** Where the CA lives; default $ROUNDTRIP_HOME or the OS config dir. */
  caHome?: string
  /** Hosts (globs) whose tunnels are never intercepted. */
  passthrough?: string[]
  /** Extra CA certificates (PEM) trusted for origins, besides the system's roots. */
  upstreamCa?: string
  /** Accept any origin certificate (development servers), recording why it would have failed. */
  insecureUpstream?: boolean
  /** How long a client may take over its TLS handshake with Roundtrip. */
  handshakeTimeoutMs?: number
  /** Offer HTTP/2 to intercepted clients by ALPN (default true; `--http2 off`). */
  http2?: boolean
}

export interface Engine {
  store: CaptureStore
  sample: SampleServer
  proxy: RoundtripProxy
  /** The proxy's address now (it changes with setProxyPort). */
  proxyUrl: string
  sampleUrl: string
  /** What happened at start-up that the user should know (a port taken, so another was used). */
  notices: EngineNotice[]
  /** The local CA (made on first interception; `ca.certPath` is where ca.pem is or will be). */
  ca: CertificateAuthority
  /** Sentences about the CA (made, replaced) for the user. */
  caNotices: string[]
  /** Moves the proxy to another port (0 for any free one); resolves with the new address. */
  setProxyPort(port: number): Promise<string>
  /**
   * Stops accepting, lets requests in flight finish for the grace period, then closes everything
   * and records what was still unanswered as cut short.
   */
  close(opts?: { graceMs?: number }): Promise<void>
}

export async function startEngine(opts: EngineOptions = {}): Promise<Engine> {
  const host = opts.host ?? '127.0.0.1'
  const store = new CaptureStore({
    batchMs: opts.batchMs,
    maxExchanges: opts.maxExchanges,
    maxBodyBytes: opts.maxBodyBytes
  })
  // Filled in once the proxy exists; the site's events only arrive after that.
  const wiring: { proxy?: RoundtripProxy } = {}

  const sample = createSampleServer({
    now: opts.now,
    idleMs: opts.sessionIdleMs,
    maxMs: opts.sessionMaxMs,
    maxSessions: opts.maxSessions,
    onSessionEvent: (event, { remotePort }) => {
      // The site's socket's remote port is our upstream socket's local port: that names the exchange.
      const exchangeId = wiring.proxy?.tracker.upstreamByLocalPort.get(remotePort)?.currentExchangeId
      store.addSessionEvent(exchangeId ? { ...event, exchangeId } : event)
    }
  })
  const notices: EngineNotice[] = []
  // The sample site always listens on loopback: only the proxy and this machine need it.
  const wantedSample = opts.samplePort ?? 3000
  const sampleListen = await listenOrMove(
    (port) => sample.listen(port, '127.0.0.1'),
    wantedSample,
    opts.portFallback?.sample ?? false
  )
  const sampleUrl = sampleListen.value
  if (sampleListen.moved) {
    notices.push({ code: 'port-moved', params: { role: 'sample', wanted: wantedSample, url: sampleUrl } })
  }
  const samplePort = Number(new URL(sampleUrl).port)
  const caNotices: string[] = []
  const ca = createCertificateAuthority({ home: opts.caHome, onNotice: (n) => caNotices.push(n) })
  let sampleTlsPort: number
  try {
    sampleTlsPort = await sample.listenSecure(0, '127.0.0.1', (name) => ca.contextFor(name))
  } catch (err) {
    await sample.close()
    throw err
  }

  const proxy = createProxy({
    store,
    record: opts.record,
    bodyLimit: opts.bodyLimit,
    allowRemoteClients: opts.allowRemoteClients,
    upstreamTimeoutMs: opts.upstreamTimeoutMs,
    clientIdleMs: opts.clientIdleMs,
    resolveVirtualHost: (hostname, port) =>
      !SAMPLE_HOSTS.includes(hostname.toLowerCase())
        ? undefined
        : port === 80
          ? { hostname: '127.0.0.1', port: samplePort }
          : port === 443
            ? { hostname: '127.0.0.1', port: sampleTlsPort }
            : undefined,
    tls: {
      ca: opts.intercept === false ? undefined : ca,
      passthrough: new PassthroughList(opts.passthrough),
      trust: { extraCa: opts.upstreamCa, insecure: opts.insecureUpstream },
      handshakeTimeoutMs: opts.handshakeTimeoutMs,
      http2: opts.http2
    },
    onUpstreamResponse: (exchange, localPort) => {
      const id = sample.connectionIdForPeerPort(localPort)
      if (id) exchange.serverConnectionId = id
    }
  })
  wiring.proxy = proxy
  let proxyUrl: string
  const wantedProxy = opts.proxyPort ?? 8080
  try {
    const got = await listenOrMove(
      (port) => proxy.listen(port, host),
      wantedProxy,
      opts.portFallback?.proxy ?? false
    )
    proxyUrl = got.value
    if (got.moved)
      notices.push({ code: 'port-moved', params: { role: 'proxy', wanted: wantedProxy, url: proxyUrl } })
  } catch (err) {
    await sample.close()
    throw err
  }

  const engine: Engine = {
    store,
    sample,
    proxy,
    proxyUrl,
    sampleUrl,
    notices,
    ca,
    caNotices,
    async setProxyPort(port: number) {
      engine.proxyUrl = await proxy.relisten(port)
      return engine.proxyUrl
    },
    async close(closeOpts = {}) {
      const graceMs = closeOpts.graceMs ?? opts.shutdownGraceMs ?? DEFAULT_GRACE_MS
      await cutShortInFlight(proxy, store, graceMs)
      await sample.close()
      store.flush()
    }
  }
  return engine
}
