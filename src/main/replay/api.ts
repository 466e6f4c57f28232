// `POST /api/replay` for `roundtrip serve`. The browser UI opens files in the page, so main does not
// hold them: the page sends `{ "jar", "source": "har", "har": {...} }` (at most MAX_REPLAY_BODY
// bytes; the HAR is read by the same lenient reader as any file), or `{ "jar", "source": "live" }`
// to re-send the live capture. The token, Host and Origin checks happen before this is reached.
import type http from 'node:http'
import type { Har } from 'har-format'
import { readHarData } from '../../shared/har/read'
import { check, type ApiError } from '../../shared/api/schemas'
import type { ReplayOutcome, ReplayRunner } from './runner'

/** The largest request body the replay route reads. */
export const MAX_REPLAY_BODY = 32 * 1024 * 1024

type Send = (status: number, body: unknown) => void

export class BodyTooLargeError extends Error {}

/** Reads a JSON body of at most `limit` bytes; rejects with BodyTooLargeError or a SyntaxError. */
export function readJsonBody(req: http.IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) {
      req.resume()
      return reject(new BodyTooLargeError())
    }
    const chunks: Buffer[] = []
    let size = 0
    let over = false
    req.on('data', (chunk: Buffer) => {
      if (over) return
      size += chunk.length
      if (size > limit) {
        over = true
        chunks.length = 0
        return reject(new BodyTooLargeError())
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (over) return
      try {
        resolve(JSON.parse(Buffer.concat(chunks, size).toString('utf8')))
      } catch (err) {
        reject(err)
      }
    })
    req.on('error', reject)
  })
}

/** Checks the body; returns the HAR to replay (undefined: the live capture) or the refusal. */
export function checkReplayBody(
  body: unknown
): { jar: 'fresh' | 'recorded'; har?: { har: Har; name: string } } | ApiError {
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
  return { jar, har: { har: parsed.har, name: 'the opened recording' } }
}

export function handleReplayRoute(
  req: http.IncomingMessage,
  send: Send,
  runner: ReplayRunner,
  failed: (err: unknown) => void = () => send(500, { status: 'error', error: 'The replay failed.' })
): void {
  readJsonBody(req, MAX_REPLAY_BODY)
    .then(
      async (body) => {
        const checked = checkReplayBody(body)
        if ('code' in checked) {
          return send(400, {
            status: 'error',
            code: checked.code,
            error: `Replay: ${checked.params.problem}`
          })
        }
        const outcome: ReplayOutcome = await runner.run(
          { jar: checked.jar, source: checked.har ? 'opened' : 'live' },
          checked.har
        )
        send(outcome.status === 'error' && runner.busy ? 409 : 200, outcome)
      },
      (err: unknown) =>
        err instanceof BodyTooLargeError
          ? send(413, {
              status: 'error',
              error: `The recording sent is larger than ${MAX_REPLAY_BODY / 1024 / 1024} MB; replay a shorter one, or record it with \`roundtrip serve\` and replay the live capture.`
            })
          : send(400, { status: 'error', error: 'The request body must be a JSON object.' })
    )
    .catch(failed)
}
