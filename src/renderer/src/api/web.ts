// The browser transport for `roundtrip serve`: same-origin fetches (the run's token travels as the
// HttpOnly cookie the page load set, and as a Bearer header when the URL carried it) and the live
// WebSocket /api/stream, which reconnects on its own.
import type { CaptureSnapshot, ExchangeBodies, ServerSession, SessionStoreStats } from '../../../shared/model'
import { BatchSequencer } from './sequencer'
import type { RoundtripClient, SubscribeHandlers } from './types'
import type { Har } from 'har-format'
import { openHarFromPicker } from './har-file'
import type * as Api from '../../../shared/api/contract'

/** How a snapshot's later part begins on the wire (the server writes `type` first). */
const PART = '{"type":"snapshot-part"'

export interface WebClientOptions {
  /** Base URL of the UI server; the page's own origin by default. */
  base?: string
  token?: string
  /** Longest wait between reconnect attempts. */
  maxBackoffMs?: number
}

/** Reads `?token=` once and removes it from the address bar so it is not bookmarked or shared. */
function takeTokenFromLocation(): string | undefined {
  const url = new URL(window.location.href)
  const token = url.searchParams.get('token') ?? undefined
  if (token) {
    url.searchParams.delete('token')
    window.history.replaceState(null, '', url.pathname + url.search + url.hash)
  }
  return token
}

export function createWebClient(options: WebClientOptions = {}): RoundtripClient {
  const base = options.base ?? window.location.origin
  const token = options.token ?? takeTokenFromLocation()
  const maxBackoff = options.maxBackoffMs ?? 5000

  async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const headers = new Headers(init.headers)
    if (token) headers.set('Authorization', `Bearer ${token}`)
    const res = await fetch(new URL(path, base), { ...init, headers, credentials: 'same-origin' })
    if (!res.ok) {
      throw new Error(
        res.status === 401 || res.status === 403
          ? 'The Roundtrip server refused this page (wrong or missing token). Open the URL that `roundtrip serve` printed.'
          : `The Roundtrip server answered ${res.status} for ${path}.`
      )
    }
    const text = await res.text()
    return (text ? JSON.parse(text) : undefined) as T
  }

  function subscribe(handlers: SubscribeHandlers): () => void {
    let socket: WebSocket | undefined
    let closed = false
    let backoff = 250
    let timer: ReturnType<typeof setTimeout> | undefined

    const sequencer = new BatchSequencer(handlers.onBatch, () => {
      // A batch went missing: a fresh connection starts with a fresh snapshot.
      socket?.close()
    })

    const connect = (): void => {
      const url = new URL('/api/stream', base)
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
      if (token) url.searchParams.set('token', token)
      const ws = new WebSocket(url)
      socket = ws
      sequencer.invalidate()
      // A big snapshot's later parts are read one per task, so the page draws and answers clicks
      // between them; anything after a part waits behind it, keeping the stream's order.
      const waiting: string[] = []
      const pump = (): void => {
        const text = waiting.shift()
        if (text === undefined || socket !== ws) return
        receive(text)
        if (waiting.length) setTimeout(pump, 0)
      }
      const receive = (text: string): void => {
        let msg: Api.StreamMessage
        try {
          msg = JSON.parse(text) as Api.StreamMessage
        } catch {
          return
        }
        if (msg.type === 'snapshot') {
          backoff = 250
          handlers.onSnapshot(msg.snapshot, msg.more)
          sequencer.reset(msg.snapshot.seq)
          handlers.onState?.('live')
        } else if (msg.type === 'snapshot-part') {
          handlers.onSnapshotPart?.(msg)
        } else if (msg.type === 'batch') {
          sequencer.push(msg.batch)
        }
      }
      ws.onmessage = (event) => {
        const text = String(event.data)
        if (waiting.length === 0 && !text.startsWith(PART)) return receive(text)
        waiting.push(text)
        if (waiting.length === 1) setTimeout(pump, 0)
      }
      ws.onclose = () => {
        if (closed || socket !== ws) return
        handlers.onState?.('reconnecting')
        timer = setTimeout(connect, backoff)
        backoff = Math.min(backoff * 2, maxBackoff)
      }
    }

    handlers.onState?.('connecting')
    connect()
    return () => {
      closed = true
      if (timer) clearTimeout(timer)
      socket?.close()
    }
  }

  async function saveHar(opts: Api.SaveHarOptions = {}): Promise<Api.SaveHarResult> {
    // An opened file or a replay: the page built the HAR of what is on screen; download it as it is.
    if (opts.har !== undefined) {
      const base = (opts.name ?? 'roundtrip').replace(/\.har$/i, '')
      return download(
        new Blob([opts.har], { type: 'application/json' }),
        `${base}${opts.view === 'replay' ? '-replay' : ''}${opts.redact ? '-redacted' : ''}.har`
      )
    }
    const headers = new Headers()
    if (token) headers.set('Authorization', `Bearer ${token}`)
    const path = opts.redact ? '/api/har?redact=1' : '/api/har'
    const res = await fetch(new URL(path, base), { headers, credentials: 'same-origin' })
    if (!res.ok)
      return { status: 'error', error: `Could not get the HAR: the server answered ${res.status}.` }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    return download(await res.blob(), `roundtrip-${stamp}${opts.redact ? '-redacted' : ''}.har`)
  }

  function download(blob: Blob, name: string): Api.SaveHarResult {
    const href = URL.createObjectURL(blob)
    const a = document.createElement('a')
    a.href = href
    a.download = name
    a.click()
    setTimeout(() => URL.revokeObjectURL(href), 10_000)
    return { status: 'saved', path: a.download }
  }

  // The page opens files itself, so it keeps the last one to send with a replay.
  let opened: Har | undefined
  const progressListeners = new Set<(progress: Api.OpenProgress) => void>()

  async function openHar(): Promise<Api.OpenHarResult> {
    const { result, har } = await openHarFromPicker((p) => {
      for (const listener of progressListeners) listener(p)
    })
    if (result.status === 'opened') opened = har
    return result
  }

  async function replay(request: Api.ReplayRequest): Promise<Api.ReplayOutcome> {
    if (request.source === 'opened' && !opened) {
      return { status: 'error', error: 'No recording is open to replay. Open a HAR file first.' }
    }
    const body =
      request.source === 'live'
        ? { jar: request.jar, source: 'live' }
        : { jar: request.jar, source: 'har', har: opened }
    const headers = new Headers({ 'content-type': 'application/json' })
    if (token) headers.set('Authorization', `Bearer ${token}`)
    const res = await fetch(new URL('/api/replay', base), {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      credentials: 'same-origin'
    })
    const answer = (await res.json().catch(() => undefined)) as Api.ReplayOutcome | undefined
    if (answer && (answer.status === 'replayed' || answer.status === 'error')) return answer
    return { status: 'error', error: `The Roundtrip server answered ${res.status} to the replay.` }
  }

  return {
    kind: 'web',
    replay,
    onOpenProgress: (callback) => {
      progressListeners.add(callback)
      return () => void progressListeners.delete(callback)
    },
    info: () => request<Api.RoundtripInfo>('/api/info'),
    snapshot: () => request<CaptureSnapshot>('/api/snapshot'),
    body: (id) => request<ExchangeBodies>(`/api/exchanges/${encodeURIComponent(id)}/body`),
    sessions: () => request<ServerSession[]>('/api/sessions'),
    sessionStore: () => request<SessionStoreStats>('/api/session-store'),
    clear: async () => {
      await request<unknown>('/api/clear', { method: 'POST' })
    },
    setProxyPort: (port) =>
      request<Api.SetProxyPortResult>('/api/proxy-port', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ port })
      }),
    addPassthrough: async (host) => {
      const r = await request<{ passthrough?: string[] }>('/api/passthrough', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ host })
      })
      return r.passthrough?.includes(host.toLowerCase()) ?? false
    },
    saveHar,
    openHar,
    subscribe
  }
}
