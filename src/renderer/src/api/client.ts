// The one interface the UI talks through (types.ts). Two transports implement it: IPC through the
// preload inside Electron (ipc.ts) and the local web API with its live stream (web.ts) for
// `roundtrip serve`. This module picks one; the transports never import it back.
import type { RoundtripClient } from './types'

export type { ConnectionState, RoundtripClient, SubscribeHandlers } from './types'
export { BatchSequencer } from './sequencer'
export type * from '../../../shared/api/contract'

/** Picks the transport: the preload's object inside Electron, the web API otherwise. */
export async function createClient(): Promise<RoundtripClient> {
  if (window.roundtrip) {
    const { createIpcClient } = await import('./ipc')
    return createIpcClient(window.roundtrip)
  }
  const { createWebClient } = await import('./web')
  return createWebClient()
}
