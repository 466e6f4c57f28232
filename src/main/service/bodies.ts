// Bodies by id: snapshots and the live feed carry exchanges without their bytes (a big recording
// would otherwise ship every body to the page before the first row is drawn); each body left out is
// described by a BodyInfo (size, whether it was truncated, a digest to compare bodies by), and the
// page asks for the bytes when a row is opened.
import { createHash } from 'node:crypto'
import type {
  BodyInfo,
  CaptureBatch,
  CaptureChange,
  CaptureSnapshot,
  CapturedBody,
  CapturedExchange,
  ExchangeBodies
} from '../../shared/model'
import type { ImportedExchange } from '../../shared/har/export'

/** Remembers digests by body object, so a body is hashed once however often it is sent. */
const digests = new WeakMap<CapturedBody, string>()

function info(body: CapturedBody): BodyInfo {
  let digest = digests.get(body)
  if (digest === undefined) {
    digest = createHash('sha1').update(body.base64).digest('base64url').slice(0, 16)
    digests.set(body, digest)
  }
  return { size: body.size, truncated: body.truncated, kept: body.base64.length, digest }
}

/**
 * The exchange without its bodies' bytes, each described by a BodyInfo, and without what an imported
 * file kept for its own export (`har`: only the engine's exports read it); unchanged when it has neither.
 */
export function withoutBodies(x: CapturedExchange): CapturedExchange {
  if (!x.requestBody && !x.responseBody && !('har' in x)) return x
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- left out on purpose
  const { requestBody, responseBody, har, ...rest } = x as ImportedExchange
  return {
    ...rest,
    ...(requestBody ? { requestBodyInfo: info(requestBody) } : {}),
    ...(responseBody ? { responseBodyInfo: info(responseBody) } : {})
  }
}

export function snapshotWithoutBodies(s: CaptureSnapshot): CaptureSnapshot {
  return { ...s, exchanges: s.exchanges.map(withoutBodies) }
}

export function batchWithoutBodies(batch: CaptureBatch): CaptureBatch {
  return {
    ...batch,
    changes: batch.changes.map((c): CaptureChange =>
      c.type === 'exchange' ? { ...c, exchange: withoutBodies(c.exchange) } : c
    )
  }
}

/** Both bodies of one exchange, as the capture holds them. */
export function bodiesOf(x: CapturedExchange): ExchangeBodies {
  return {
    id: x.id,
    ...(x.requestBody ? { request: x.requestBody } : {}),
    ...(x.responseBody ? { response: x.responseBody } : {})
  }
}
