// How far opening a file has got: megabytes read, then parsing, then preparing the entries.
import { useEffect } from 'react'
import { useClient } from '../app/client-context'
import { t } from '../i18n'
import { useRoundtripPick } from '../store'

const MB = 1024 * 1024

function mb(bytes: number): string {
  return (bytes / MB).toFixed(1)
}

export function OpenProgressView(): React.JSX.Element | null {
  const client = useClient()
  const {
    lang,
    openProgress: progress,
    setOpenProgress: setProgress
  } = useRoundtripPick('lang', 'openProgress', 'setOpenProgress')
  useEffect(() => client?.onOpenProgress?.(setProgress), [client, setProgress])
  if (!progress) return null
  const file = progress.fileName
  const text =
    progress.phase === 'reading'
      ? t(lang, 'open.reading', { file, loaded: mb(progress.loaded), total: mb(progress.total) })
      : progress.phase === 'parsing'
        ? t(lang, 'open.parsing', { file })
        : t(lang, 'open.converting', { file, n: progress.total.toLocaleString(lang) })
  return (
    <span className="open-progress" role="status" data-testid="open-progress">
      {progress.phase === 'reading' ? (
        <progress max={Math.max(progress.total, 1)} value={progress.loaded} aria-label={text} />
      ) : (
        <progress aria-label={text} />
      )}{' '}
      <span className="muted">{text}</span>
    </span>
  )
}
