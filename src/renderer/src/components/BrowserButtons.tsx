// Desktop only: start an installed browser through the proxy, opened at the sample site.
import { useEffect, useState } from 'react'
import type { BrowserChoice } from '../api/client'
import { useClient } from '../app/client-context'
import { t } from '../i18n'
import { useRoundtrip } from '../store'

export function BrowserButtons(): React.JSX.Element | null {
  const client = useClient()
  const lang = useRoundtrip((s) => s.lang)
  const setMessage = useRoundtrip((s) => s.setMessage)
  const [browsers, setBrowsers] = useState<BrowserChoice[]>([])
  const [launched, setLaunched] = useState<string | undefined>(undefined)
  useEffect(() => {
    let live = true
    client?.browsers?.().then(
      (list) => live && setBrowsers(list),
      () => {}
    )
    return () => {
      live = false
    }
  }, [client])
  if (!client?.launchBrowser || browsers.length === 0) return null
  const launch = (id: string): void => {
    client.launchBrowser?.(id).then(
      (result) => (result.status === 'launched' ? setLaunched(result.name) : setMessage(result.error)),
      (err: unknown) => setMessage(String(err))
    )
  }
  return (
    <div className="browsers">
      {browsers.map((b) => (
        <button key={b.id} type="button" className="button primary" onClick={() => launch(b.id)}>
          {t(lang, 'start.launchIn', { name: b.name })}
        </button>
      ))}
      {launched && <p className="muted">{t(lang, 'start.launched', { name: launched })}</p>}
    </div>
  )
}
