// On the start screen: how many exchanges the capture holds, the last few requests, and one action
// that opens them on the timeline.
import { t } from '../i18n'
import { useRoundtrip } from '../store'
import { allExchanges } from '../store/selectors'

export const LATEST_SHOWN = 5

function pathOf(url: string): string {
  try {
    const u = new URL(url)
    return `${u.host}${u.pathname}${u.search}`
  } catch {
    return url
  }
}

export function LiveTraffic(): React.JSX.Element {
  const lang = useRoundtrip((s) => s.lang)
  const all = useRoundtrip(allExchanges)
  const selectedId = useRoundtrip((s) => s.selectedExchangeId)
  const open = useRoundtrip((s) => s.showOnTimeline)
  const latest = all.slice(-LATEST_SHOWN).reverse()
  return (
    <div className="start-card live-traffic" data-testid="live-traffic">
      <p className="captured" role="status" data-testid="captured-count" data-count={all.length}>
        {all.length === 0 ? t(lang, 'start.capturedNone') : t(lang, 'start.captured', { n: all.length })}
      </p>
      {latest.length > 0 && (
        <>
          <h2>{t(lang, 'start.latest')}</h2>
          <ol className="latest">
            {latest.map((x) => (
              <li key={x.id} className={selectedId === x.id ? 'selected' : undefined}>
                <a
                  href={`#${x.id}`}
                  onClick={(e) => {
                    e.preventDefault()
                    open(x.id)
                  }}
                >
                  <span className="status">{x.status ?? (x.state === 'error' ? '✕' : '…')}</span>{' '}
                  <code>
                    {x.method} {pathOf(x.url)}
                  </code>
                </a>
              </li>
            ))}
          </ol>
          <button type="button" className="primary" data-testid="watch-traffic" onClick={() => open()}>
            {t(lang, 'start.watch')}
          </button>
        </>
      )}
    </div>
  )
}
