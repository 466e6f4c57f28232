// The results of a replay beside its recording: per request, the recorded status against the new
// one and the Set-Cookie differences, rows that differ highlighted; and a switch between the replay's
// own capture and the recording. Captured values are shown as text only.
import type { CookieChange, ReplayRow } from '../api/client'
import { isExplanation, say } from '../../../shared/analysis/explain'
import { useClient } from '../app/client-context'
import './replay.css'
import { t, type Lang } from '../i18n'
import { rowDiffers, showOriginal, showReplay } from '../replay/actions'
import { useRoundtrip, useRoundtripPick, useRoundtripStore } from '../store'

/** More rows than this are not drawn (a 50,000-entry replay would stall the page). */
export const MAX_ROWS = 1000

function cookieText(lang: Lang, c: CookieChange): string {
  return t(lang, `replay.cookie.${c.change}`, {
    name: c.name || '(no name)',
    now: short(c.now ?? ''),
    recorded: short(c.recorded ?? '')
  })
}

function short(value: string): string {
  const v = value === '' ? '(empty)' : value
  return v.length > 40 ? `${v.slice(0, 37)}...` : v
}

function statusText(lang: Lang, row: ReplayRow): string {
  const recorded = row.recordedStatus ? String(row.recordedStatus) : t(lang, 'replay.noResponse')
  if (row.skipped) {
    const reason =
      row.skippedExplain && isExplanation(row.skippedExplain) ? say(lang, row.skippedExplain) : row.skipped
    return `${recorded} → ${t(lang, 'replay.skipped', { reason })}`
  }
  if (row.error) return `${recorded} → ${t(lang, 'replay.failed', { reason: row.error })}`
  return `${recorded} → ${row.status ?? t(lang, 'replay.noResponse')}`
}

function Row(props: { row: ReplayRow; lang: Lang }): React.JSX.Element {
  const { row, lang } = props
  const differs = rowDiffers(row)
  const changes = row.cookieChanges
  return (
    <tr className={differs ? 'replay-row differs' : 'replay-row'} data-differs={differs}>
      <td>{row.index}</td>
      <td>{row.method}</td>
      <td className="url">{row.url}</td>
      <td className={row.status !== row.recordedStatus ? 'status changed' : 'status'}>
        {statusText(lang, row)}
      </td>
      <td>
        {changes.length === 0 ? (
          <span className="muted">{t(lang, 'replay.cookie.none')}</span>
        ) : (
          <ul className="cookie-changes">
            {changes.map((c) => (
              <li key={c.name} className={`cookie-${c.change}`}>
                {cookieText(lang, c)}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  )
}

export function ReplayPanel(): React.JSX.Element | null {
  const client = useClient()
  const store = useRoundtripStore()
  const results = useRoundtrip((s) => s.replayResults)
  const { lang, setReplayResults, setMessage } = useRoundtripPick('lang', 'setReplayResults', 'setMessage')
  if (!results || !client) return null
  const { rows } = results
  const sent = rows.filter((r) => !r.skipped).length
  const differ = rows.filter(rowDiffers).length
  const shown = rows.slice(0, MAX_ROWS)
  const original = (): void =>
    void showOriginal(client, store).catch((err: unknown) =>
      setMessage(err instanceof Error ? err.message : String(err))
    )
  return (
    <section className="replay-panel" aria-label={t(lang, 'replay.title', { source: results.sourceName })}>
      <header className="replay-head">
        <strong>{t(lang, 'replay.title', { source: results.sourceName })}</strong>{' '}
        <span className="muted" data-testid="replay-summary">
          {t(lang, 'replay.summary', {
            sent,
            total: rows.length,
            jar: t(lang, `replay.jarName.${results.jar}`),
            differ
          })}
        </span>{' '}
        <span className="segmented" role="group">
          <button type="button" aria-pressed={results.showing === 'replay'} onClick={() => showReplay(store)}>
            {t(lang, 'replay.showReplay')}
          </button>
          <button type="button" aria-pressed={results.showing === 'original'} onClick={original}>
            {t(lang, 'replay.showOriginal')}
          </button>
        </span>{' '}
        <button
          type="button"
          onClick={() => setReplayResults(undefined)}
          aria-label={t(lang, 'replay.close')}
        >
          ×
        </button>
      </header>
      <div className="replay-table-wrap">
        <table className="replay-table" data-testid="replay-table">
          <thead>
            <tr>
              <th>{t(lang, 'replay.col.index')}</th>
              <th>{t(lang, 'replay.col.method')}</th>
              <th>{t(lang, 'replay.col.url')}</th>
              <th>{t(lang, 'replay.col.status')}</th>
              <th>{t(lang, 'replay.col.cookies')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <Row key={row.index} row={row} lang={lang} />
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > shown.length && (
        <p className="muted">{t(lang, 'replay.more', { shown: shown.length, total: rows.length })}</p>
      )}
    </section>
  )
}
