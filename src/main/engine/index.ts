// The engine: capture store, sample site and proxy, started together and wired so that
// `roundtrip.test` and `tracker.test` reach the sample site through the proxy without DNS, and
// the site's session events and connection ids land in the capture. Hosted by the Electron main
// process and by `roundtrip serve`; never imports electron.
import { CaptureStore } from '../capture/store'
import { createProxy, type RoundtripProxy } from '../proxy'
import { createSampleServer, type SampleServer } from '../sample-server'

export const SAMPLE_HOSTS = ['roundtrip.test', 'tracker.test']

export interface EngineOptions {
  host?: string
  proxyPort?: number
  samplePort?: number
  sessionIdleMs?: number
  sessionMaxMs?: number
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
}

export interface Engine {
  store: CaptureStore
  sample: SampleServer
  proxy: RoundtripProxy
  /** The proxy's address now (it changes with setProxyPort). */
  proxyUrl: string
  sampleUrl: string
  /** Moves the proxy to another port (0 for any free one); resolves with the new address. */
  setProxyPort(port: number): Promise<string>
  close(): Promise<void>
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
    onSessionEvent: (event, { remotePort }) => {
      // The site's socket's remote port is our upstream socket's local port: that names the exchange.
      const exchangeId = wiring.proxy?.tracker.upstreamByLocalPort.get(remotePort)?.currentExchangeId
      store.addSessionEvent(exchangeId ? { ...event, exchangeId } : event)
    }
  })
  // The sample site always listens on loopback: only the proxy and this machine need it.
  const sampleUrl = await sample.listen(opts.samplePort ?? 3000, '127.0.0.1')
  const samplePort = Number(new URL(sampleUrl).port)

  const proxy = createProxy({
    store,
    record: opts.record,
    bodyLimit: opts.bodyLimit,
    allowRemoteClients: opts.allowRemoteClients,
    upstreamTimeoutMs: opts.upstreamTimeoutMs,
    clientIdleMs: opts.clientIdleMs,
    resolveVirtualHost: (hostname, port) =>
      SAMPLE_HOSTS.includes(hostname.toLowerCase()) && port === 80
        ? { hostname: '127.0.0.1', port: samplePort }
        : undefined,
    onUpstreamResponse: (exchange, localPort) => {
      const id = sample.connectionIdForPeerPort(localPort)
      if (id) exchange.serverConnectionId = id
    }
  })
  wiring.proxy = proxy
  let proxyUrl: string
  try {
    proxyUrl = await proxy.listen(opts.proxyPort ?? 8080, host)
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
    async setProxyPort(port: number) {
      engine.proxyUrl = await proxy.relisten(port)
      return engine.proxyUrl
    },
    async close() {
      await proxy.close()
      await sample.close()
      store.flush()
    }
  }
  return engine
}
