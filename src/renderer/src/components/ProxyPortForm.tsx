// Moves the proxy to another port while the app runs (the capture and its ids carry on).
import { useState } from 'react'
import { useClient } from '../app/client-context'
import { t } from '../i18n'
import { useRoundtripPick } from '../store'

export function ProxyPortForm(): React.JSX.Element | null {
  const client = useClient()
  const { lang, info, setInfo, setMessage } = useRoundtripPick('lang', 'info', 'setInfo', 'setMessage')
  const [port, setPort] = useState('')
  const [moved, setMoved] = useState<string | undefined>(undefined)
  if (!client?.setProxyPort || !info) return null
  const submit = (event: React.FormEvent): void => {
    event.preventDefault()
    const wanted = Number(port)
    client.setProxyPort?.(wanted).then(
      (result) => {
        if (result.status === 'moved') {
          setInfo({ ...info, proxy: result.proxy, notice: undefined })
          setMoved(result.proxy)
        } else setMessage(result.error)
      },
      (err: unknown) => setMessage(err instanceof Error ? err.message : String(err))
    )
  }
  return (
    <form className="proxy-port" onSubmit={submit}>
      <label>
        {t(lang, 'start.port')}{' '}
        <input
          type="number"
          min={0}
          max={65535}
          required
          value={port}
          placeholder={new URL(info.proxy).port}
          onChange={(e) => setPort(e.target.value)}
          data-testid="proxy-port-input"
        />
      </label>{' '}
      <button type="submit" className="button">
        {t(lang, 'start.portChange')}
      </button>
      {moved && (
        <p className="muted" role="status">
          {t(lang, 'start.portMoved', { proxy: moved })}
        </p>
      )}
    </form>
  )
}
