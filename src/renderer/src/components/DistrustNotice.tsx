// When a client refused Roundtrip's certificate, say so once, per host, with the way out: trust
// the CA, or pass that host through untouched (where the transport can ask the engine to).
import { memo, useMemo, useState } from 'react'
import { useClient } from '../app/client-context'
import { t } from '../i18n'
import { useRoundtrip } from '../store'

/** Memoised: it reads the store itself, so the timeline's re-render on each scrolled frame skips it. */
export const DistrustNotice = memo(function DistrustNotice(): React.JSX.Element | null {
  const lang = useRoundtrip((s) => s.lang)
  const tunnels = useRoundtrip((s) => s.tunnels)
  const client = useClient()
  const [passed, setPassed] = useState<string[]>([])
  const hosts = useMemo(() => {
    const out = new Set<string>()
    for (const tunnel of tunnels.values()) if (tunnel.error?.kind === 'client-distrust') out.add(tunnel.host)
    return [...out].slice(0, 8)
  }, [tunnels])
  if (hosts.length === 0) return null
  const pass = async (host: string): Promise<void> => {
    const ok = await client?.addPassthrough?.(host)
    if (ok) setPassed((p) => [...p, host])
  }
  return (
    <div className="distrust-notice" role="status" data-testid="distrust-notice">
      <strong>{t(lang, 'tls.distrust.title')}</strong> {t(lang, 'tls.distrust.text')}{' '}
      {hosts.map((host) =>
        passed.includes(host) ? (
          <span key={host} className="muted">
            {t(lang, 'tls.distrust.passed', { host })}{' '}
          </span>
        ) : client?.addPassthrough ? (
          <button key={host} type="button" onClick={() => void pass(host)}>
            {t(lang, 'tls.distrust.pass', { host })}
          </button>
        ) : (
          <code key={host}>{host} </code>
        )
      )}
    </div>
  )
})
