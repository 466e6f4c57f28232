// Replay for the app and the web UI: re-sends a recording through the engine's own proxy (so the new
// traffic shows in the live capture too), records the replay as a new capture, and compares each
// entry with the recording: status, and per cookie name the Set-Cookie differences. One replay at
// a time. The request itself is checked against src/shared/api/schemas.ts, for IPC and the web API.
import type { Har } from 'har-format'
import type { CookieChange, ReplayOutcome, ReplayRequest, ReplayRow } from '../../shared/api/contract'
import { replayHar, type ReplayResult } from './replay'

export type { CookieChange, ReplayOutcome, ReplayRequest, ReplayRow }

/** Per cookie name: set in both (same or changed value), only in the recording, or only now. */
export function cookieChanges(recorded: string[], now: string[]): CookieChange[] {
  const before = byName(recorded)
  const after = byName(now)
  const out: CookieChange[] = []
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(name)
    const b = after.get(name)
    if (a !== undefined && b !== undefined)
      out.push({ name, change: a === b ? 'same' : 'changed', recorded: a, now: b })
    else if (a !== undefined) out.push({ name, change: 'gone', recorded: a })
    else out.push({ name, change: 'new', now: b ?? '' })
  }
  return out
}

function byName(lines: string[]): Map<string, string> {
  const map = new Map<string, string>()
  for (const line of lines) {
    const pair = line.split(';', 1)[0] ?? ''
    const eq = pair.indexOf('=')
    map.set((eq < 0 ? '' : pair.slice(0, eq)).trim(), (eq < 0 ? pair : pair.slice(eq + 1)).trim())
  }
  return map
}

export function toRow(r: ReplayResult): ReplayRow {
  return {
    index: r.index,
    method: r.method,
    url: r.url,
    recordedStatus: r.recordedStatus,
    status: r.status,
    sentCookie: r.sentCookie,
    // A failed or skipped request set nothing: no differences to speak of.
    cookieChanges: r.error || r.skipped ? [] : cookieChanges(r.recordedSetCookies, r.setCookies),
    ...(r.skipped ? { skipped: r.skipped } : {}),
    ...(r.skippedExplain ? { skippedExplain: r.skippedExplain } : {}),
    ...(r.error ? { error: r.error } : {})
  }
}

export interface ReplayRunner {
  run(request: ReplayRequest, har?: { har: Har; name: string }): Promise<ReplayOutcome>
  readonly busy: boolean
}

export interface ReplayRunnerDeps {
  /** The engine's proxy address now (it can move). */
  proxyUrl: () => string
  /** The live capture as HAR. */
  liveHar: () => Har
  /** The HAR file opened last in main, if any. */
  openedHar?: () => { har: Har; name: string } | undefined
  timeoutMs?: number
}

export function createReplayRunner(deps: ReplayRunnerDeps): ReplayRunner {
  let busy = false
  return {
    get busy() {
      return busy
    },
    async run(request, given) {
      if (busy) return { status: 'error', error: 'A replay is already running. Wait for it to finish.' }
      const picked =
        given ??
        (request.source === 'live' ? { har: deps.liveHar(), name: 'the live capture' } : deps.openedHar?.())
      if (!picked) {
        return { status: 'error', error: 'No recording is open to replay. Open a HAR file first.' }
      }
      if (picked.har.log.entries.length === 0) {
        return { status: 'error', error: `${picked.name} has no requests to replay.` }
      }
      busy = true
      try {
        const { results, capture } = await replayHar(picked.har, {
          jar: request.jar,
          via: deps.proxyUrl(),
          record: true,
          timeoutMs: deps.timeoutMs ?? 15_000
        })
        return {
          status: 'replayed',
          jar: request.jar,
          sourceName: picked.name,
          rows: results.map(toRow),
          snapshot: capture ?? { seq: 0, connections: [], exchanges: [], tunnels: [], sessionEvents: [] }
        }
      } catch (err) {
        return { status: 'error', error: `The replay stopped: ${(err as Error).message}` }
      } finally {
        busy = false
      }
    }
  }
}
