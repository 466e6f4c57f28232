// Turns an opened HAR file into the capture model, so the window draws a file from any tool
// with the same timeline as a live capture. Connections come from each entry's `connection`
// field when the tool wrote one; without it every entry stands on its own connection, since
// nothing says it was reused.
import type { Entry, Har } from 'har-format'
import type {
  CapturedBody,
  CapturedConnection,
  CapturedExchange,
  CaptureSnapshot,
  ExchangeTimings,
  HeaderPair
} from '../../shared/model'

export function harToSnapshot(har: Har): CaptureSnapshot {
  const connections = new Map<string, CapturedConnection>()
  const exchanges: CapturedExchange[] = []
  har.log.entries.forEach((entry, i) => {
    const id = `e${i + 1}`
    const key = typeof entry.connection === 'string' && entry.connection ? `k:${entry.connection}` : `e:${i}`
    const startedAt = Date.parse(entry.startedDateTime) || 0
    let conn = connections.get(key)
    if (!conn) {
      conn = {
        id: `c${connections.size + 1}`,
        kind: 'client',
        remoteAddress: entry.serverIPAddress ?? '',
        remotePort: 0,
        localAddress: '',
        localPort: 0,
        openedAt: startedAt,
        exchangeIds: []
      }
      connections.set(key, conn)
    }
    conn.exchangeIds.push(id)
    exchanges.push(toExchange(entry, id, conn.id, conn.exchangeIds.length, startedAt))
  })
  return { seq: 0, connections: [...connections.values()], exchanges, tunnels: [], sessionEvents: [] }
}

function toExchange(
  entry: Entry,
  id: string,
  connId: string,
  sequence: number,
  startedAt: number
): CapturedExchange {
  const { request, response } = entry
  const answered = typeof response?.status === 'number' && response.status > 0
  const exchange: CapturedExchange = {
    id,
    clientConnectionId: connId,
    sequence,
    method: request.method,
    url: request.url,
    httpVersion: request.httpVersion,
    requestHeaders: pairs(request.headers),
    startedAt,
    timings: timings(entry),
    state: answered ? 'complete' : 'error'
  }
  if (request.postData?.text !== undefined) exchange.requestBody = body(request.postData.text, undefined, -1)
  if (answered) {
    exchange.status = response.status
    exchange.statusText = response.statusText
    exchange.responseHeaders = pairs(response.headers)
    if (response.content?.text !== undefined) {
      exchange.responseBody = body(response.content.text, response.content.encoding, response.content.size)
    }
  } else {
    const reason = (response as { _error?: unknown } | undefined)?._error
    exchange.error = {
      kind: 'proxy-error',
      message:
        typeof reason === 'string' && reason ? reason : 'The file records no response for this request.'
    }
  }
  return exchange
}

function pairs(headers: { name: string; value: string }[] | undefined): HeaderPair[] {
  return (headers ?? []).map((h) => [String(h.name), String(h.value)])
}

function body(text: string, encoding: string | undefined, size: number): CapturedBody {
  const bytes = encoding === 'base64' ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8')
  return { size: size >= 0 ? size : bytes.length, truncated: false, base64: bytes.toString('base64') }
}

/** HAR phases (-1 = did not apply) as offsets from the start, the way the capture keeps them. */
function timings(entry: Entry): ExchangeTimings {
  const t = entry.timings
  const ms = (v: number | undefined): number => (typeof v === 'number' && v > 0 ? v : 0)
  const connectStart = ms(t.blocked) + ms(t.dns)
  const out: ExchangeTimings = {}
  let at = connectStart
  if (ms(t.connect) > 0) {
    at += ms(t.connect)
    out.upstreamConnected = at
  }
  at += ms(t.send)
  out.requestSent = at
  at += ms(t.wait)
  out.responseHeaders = at
  at += ms(t.receive)
  out.responseEnd = Math.max(at, ms(entry.time))
  return out
}
