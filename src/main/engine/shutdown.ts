// Stopping without losing a request in flight: stop accepting, give the requests already under way
// a grace period to finish, then close what is left and record those exchanges as cut short, with a
// sentence, instead of leaving them "pending" for ever.
import type { CaptureStore } from '../capture/store'
import type { RoundtripProxy } from '../proxy'

export const DEFAULT_GRACE_MS = 2000

const POLL_MS = 25

function pendingIds(store: CaptureStore): string[] {
  return store
    .snapshot()
    .exchanges.filter((e) => e.state === 'pending')
    .map((e) => e.id)
}

export async function cutShortInFlight(
  proxy: RoundtripProxy,
  store: CaptureStore,
  graceMs: number
): Promise<void> {
  // No new connections from here on; idle keep-alive connections close now.
  if (proxy.server.listening) proxy.server.close()
  proxy.server.closeIdleConnections()
  const deadline = Date.now() + Math.max(0, graceMs)
  let pending = pendingIds(store)
  while (pending.length && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, deadline - Date.now())))
    pending = pendingIds(store)
  }
  await proxy.close()
  // Destroyed sockets report themselves as aborted a moment later; wait for that (briefly) and then
  // say the truth, which is that Roundtrip stopped.
  const settled = (): boolean => pending.every((id) => store.getExchange(id)?.state !== 'pending')
  for (let i = 0; i < 20 && !settled(); i++) await new Promise((r) => setTimeout(r, POLL_MS))
  const seconds = Math.round(graceMs / 100) / 10
  for (const id of pending) {
    const exchange = store.getExchange(id)
    if (!exchange || exchange.state === 'complete') continue
    exchange.state = 'error'
    exchange.error = {
      kind: 'cut-short',
      message: `Roundtrip was stopped while this request was in flight; it waited ${seconds} s for the answer, then cut it short.`
    }
    store.putExchange(exchange)
  }
}
