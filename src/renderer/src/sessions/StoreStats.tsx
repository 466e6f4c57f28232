// The sample site's session store at a glance: how many sessions it holds against its bound, and
// how many it evicted to stay there. Every session costs the server memory; this makes it visible.
import { useEffect, useState } from 'react'
import type { SessionStoreStats } from '../../../shared/model'
import { useClient } from '../app/client-context'
import { t } from '../i18n'
import { useRoundtrip } from '../store'

const POLL_MS = 2000

export function StoreStats(): React.JSX.Element | null {
  const lang = useRoundtrip((s) => s.lang)
  const live = useRoundtrip((s) => s.source.kind === 'live')
  const client = useClient()
  const [stats, setStats] = useState<SessionStoreStats | undefined>()
  useEffect(() => {
    const read = client?.sessionStore?.bind(client)
    if (!read || !live) return
    let stopped = false
    const poll = (): void =>
      void read().then(
        (s) => !stopped && setStats(s),
        () => undefined
      )
    poll()
    const timer = setInterval(poll, POLL_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [client, live])
  if (!stats || !live) return null
  const n = (x: number): string => x.toLocaleString(lang)
  return (
    <p className="store-stats" data-testid="store-stats">
      {t(lang, 'sessions.storeSize', { n: n(stats.size), max: n(stats.max) })}{' '}
      {stats.evicted > 0
        ? t(lang, 'sessions.evicted', { n: n(stats.evicted) })
        : t(lang, 'sessions.evictedNone')}
    </p>
  )
}
