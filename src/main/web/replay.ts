// `POST /api/replay`'s body. The browser UI opens files in the page, so main does not hold them: the
// page sends `{ "jar", "source": "har", "har": {...} }` (at most MAX_REPLAY_BODY bytes; the HAR is read
// by the same lenient reader as any file), or `{ "jar", "source": "live" }` to re-send the live capture.
import type { Har } from 'har-format'
import { readHarData } from '../../shared/har/read'
import { check, type ApiError } from '../../shared/api/schemas'

/** The largest request body the replay route reads. */
export const MAX_REPLAY_BODY = 32 * 1024 * 1024

/** Checks the body; returns the HAR to replay (undefined: the live capture) or the refusal. */
export function checkReplayBody(
  body: unknown
): { jar: 'fresh' | 'recorded'; har?: { har: Har; name: string }; warnings?: string[] } | ApiError {
  const checked = check('webReplayRequest', 'POST /api/replay', body)
  if (!checked.ok) return checked.error
  const { jar, source, har } = checked.value
  const refuse = (problem: string): ApiError => ({
    code: 'invalid-argument',
    params: { operation: 'POST /api/replay', problem }
  })
  if (source === 'live') {
    return har === undefined ? { jar } : refuse('"har" goes only with "source": "har".')
  }
  if (har === undefined) return refuse('with "source": "har", send the recording as "har".')
  // Read as the value it already is: stringifying a hostile body again could run out of stack.
  const parsed = readHarData(har)
  if (!parsed.ok) return refuse(`the "har" sent cannot be read: ${parsed.error}`)
  return { jar, har: { har: parsed.har, name: 'the opened recording' }, warnings: parsed.warnings }
}
