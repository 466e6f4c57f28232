// Where the engine listens, for the start screen, and starting the engine on its usual ports
// (proxy 8080, sample site 3000) with a free port instead when one is taken, said in `notice`.
import { createServer } from 'node:net'
import type { RoundtripInfo, SetProxyPortResult } from '../../shared/api/contract'
import { CHANNELS } from './channels'
import type { Handle } from './handle'
import { noArgs, portArgs } from './validate'

export type { RoundtripInfo, SetProxyPortResult }

export function registerInfoIpc(
  handle: Handle,
  info: () => RoundtripInfo,
  setProxyPort: (port: number) => Promise<string>
): void {
  handle(CHANNELS.getInfo, noArgs, () => info())
  handle(CHANNELS.setProxyPort, portArgs, async (port): Promise<SetProxyPortResult> => {
    try {
      return { status: 'moved', proxy: await setProxyPort(port) }
    } catch (err) {
      return { status: 'error', error: (err as Error).message.replace('--proxy-port', 'another port') }
    }
  })
}

export interface PortChoice {
  proxyPort: number
  samplePort: number
}

export interface FallbackOptions {
  proxyPort?: number
  samplePort?: number
  host?: string
  /** Injected by tests; by default tries to listen on the port for a moment. */
  isFree?: (port: number, host: string) => Promise<boolean>
}

/**
 * Starts the engine on the wanted ports, or on free ones where those are taken (checked first,
 * and once more if another program grabs a port in between), and explains any change.
 */
export async function startWithFallback<E extends { proxyUrl: string; sampleUrl: string }>(
  start: (ports: PortChoice) => Promise<E>,
  opts: FallbackOptions = {}
): Promise<{ engine: E; notice?: string }> {
  const wanted: PortChoice = { proxyPort: opts.proxyPort ?? 8080, samplePort: opts.samplePort ?? 3000 }
  const host = opts.host ?? '127.0.0.1'
  const isFree = opts.isFree ?? portIsFree
  const ports: PortChoice = {
    proxyPort: (await isFree(wanted.proxyPort, host)) ? wanted.proxyPort : 0,
    samplePort: (await isFree(wanted.samplePort, '127.0.0.1')) ? wanted.samplePort : 0
  }
  let engine: E
  try {
    engine = await start(ports)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err
    engine = await start({ proxyPort: 0, samplePort: 0 })
  }
  return { engine, notice: portNotice(wanted, engine) }
}

export function portNotice(
  wanted: PortChoice,
  got: { proxyUrl: string; sampleUrl: string }
): string | undefined {
  const proxyPort = Number(new URL(got.proxyUrl).port)
  const samplePort = Number(new URL(got.sampleUrl).port)
  const parts: string[] = []
  if (wanted.proxyPort !== 0 && proxyPort !== wanted.proxyPort) {
    parts.push(
      `Port ${wanted.proxyPort} was in use, so the proxy listens on port ${proxyPort} instead: ` +
        `point browsers and curl at ${got.proxyUrl}.`
    )
  }
  if (wanted.samplePort !== 0 && samplePort !== wanted.samplePort) {
    parts.push(
      `Port ${wanted.samplePort} was in use, so the sample site runs on port ${samplePort}; ` +
        'through the proxy it is still http://roundtrip.test/.'
    )
  }
  return parts.length ? parts.join(' ') : undefined
}

/** True when nothing listens on the port (EADDRINUSE means taken; other errors are left to the real listen). */
export function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', (err: NodeJS.ErrnoException) => resolve(err.code !== 'EADDRINUSE'))
    probe.listen(port, host, () => probe.close(() => resolve(true)))
  })
}
