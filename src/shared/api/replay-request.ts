// The replay request both doors accept (IPC's `roundtrip:replay`, the web API's POST /api/replay).
import type { ReplayRequest } from './contract'

/** Checks a replay request; returns a sentence saying what is wrong, or the request itself. */
export function checkReplayRequest(
  value: unknown,
  sources: readonly string[] = ['live', 'opened']
): ReplayRequest | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'the replay options must be an object like { "jar": "fresh", "source": "live" }.'
  }
  const v = value as Record<string, unknown>
  for (const key of Object.keys(v)) {
    if (key !== 'jar' && key !== 'source') return `unknown replay option "${key.slice(0, 40)}".`
  }
  if (v.jar !== 'fresh' && v.jar !== 'recorded') return 'the option "jar" must be "fresh" or "recorded".'
  if (typeof v.source !== 'string' || !sources.includes(v.source)) {
    return `the option "source" must be ${sources.map((s) => `"${s}"`).join(' or ')}.`
  }
  return { jar: v.jar, source: v.source as ReplayRequest['source'] }
}
