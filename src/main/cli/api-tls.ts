// The web API's HTTPS routes: the CA certificate (never its key) and the hosts passed through
// untouched, to which the UI adds a host whose client refused Roundtrip's certificate.
import type { Engine } from '../engine'

type Send = (status: number, body: unknown) => void

export async function getCa(engine: Engine, send: Send): Promise<void> {
  try {
    const ca = await engine.ca.load()
    send(200, { path: ca.certPath, pem: ca.certPem, spki: ca.spki, notAfter: ca.notAfter.toISOString() })
  } catch (err) {
    send(500, { error: `The local CA could not be read or made: ${(err as Error).message}.` })
  }
}

export function getPassthrough(engine: Engine, send: Send): void {
  send(200, { passthrough: engine.proxy.passthrough.list() })
}

/** `{"host": "name or glob"}`: later tunnels to it are copied untouched. */
export function addPassthrough(engine: Engine, body: unknown, send: Send): void {
  const host = (body as { host?: unknown } | undefined)?.host
  if (typeof host !== 'string' || !/^[A-Za-z0-9*?._:[\]-]{1,253}$/.test(host)) {
    return send(400, {
      error: 'Send {"host": "example.com"} (a host name, or a glob such as *.example.com).'
    })
  }
  engine.proxy.passthrough.add(host)
  send(200, { passthrough: engine.proxy.passthrough.list() })
}
