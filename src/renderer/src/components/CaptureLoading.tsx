// A big live capture arriving in parts: how many of its exchanges are here yet.
import { t } from '../i18n'
import { useRoundtrip } from '../store'

export function CaptureLoading(): React.JSX.Element | null {
  const lang = useRoundtrip((s) => s.lang)
  const loading = useRoundtrip((s) => s.loading)
  if (!loading) return null
  return (
    <span className="count loading" role="status" data-testid="capture-loading">
      <progress max={loading.total} value={loading.loaded} />{' '}
      {t(lang, 'capture.loading', { loaded: loading.loaded, total: loading.total })}
    </span>
  )
}
