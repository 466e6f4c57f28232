// The selected exchange's bodies: as the exchange holds them (an opened file, a replay), or fetched
// by id when the live feed left their bytes out (requestBodyInfo/responseBodyInfo say they exist).
import { useEffect, useState } from 'react'
import type { CapturedBody, CapturedExchange } from '../../../shared/model'
import { useClient } from './client-context'

export type BodiesState =
  | { state: 'ready'; request?: CapturedBody; response?: CapturedBody }
  | { state: 'loading' }
  | { state: 'failed'; error: string }
  /** The client cannot ask for bodies (an older shell). */
  | { state: 'unavailable' }

/** True when the exchange says it has a body whose bytes it does not carry. */
export function bodiesLeftOut(x: CapturedExchange): boolean {
  return (!x.requestBody && !!x.requestBodyInfo) || (!x.responseBody && !!x.responseBodyInfo)
}

export function useExchangeBodies(exchange: CapturedExchange | undefined): BodiesState {
  const client = useClient()
  const [fetched, setFetched] = useState<{ key: string; result: BodiesState } | undefined>()
  const missing = !!exchange && bodiesLeftOut(exchange)
  // The same id with new bodies (a response that finished) is asked for again.
  const key = exchange
    ? `${exchange.id} ${exchange.requestBodyInfo?.digest ?? ''} ${exchange.responseBodyInfo?.digest ?? ''}`
    : ''
  const id = exchange?.id
  useEffect(() => {
    if (!missing || id === undefined) return
    if (!client?.body) return
    let current = true
    client.body(id).then(
      (b) =>
        current && setFetched({ key, result: { state: 'ready', request: b.request, response: b.response } }),
      (err: unknown) =>
        current &&
        setFetched({
          key,
          result: { state: 'failed', error: err instanceof Error ? err.message : String(err) }
        })
    )
    return () => {
      current = false
    }
    // `key` names the exchange and its bodies; the exchange object itself changes on every batch.
  }, [client, id, key, missing])
  if (!exchange) return { state: 'ready' }
  if (!missing) return { state: 'ready', request: exchange.requestBody, response: exchange.responseBody }
  if (!client?.body) return { state: 'unavailable' }
  if (fetched?.key === key) return fetched.result
  return { state: 'loading' }
}
