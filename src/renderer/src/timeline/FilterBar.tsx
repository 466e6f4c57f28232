// Filters (host, method, status, cookie name, session id) and search over the capture.
import { SEARCH_INPUT_ID } from '../app/commands'
import { t, type MessageKey } from '../i18n'
import { useRoundtripPick } from '../store'
import type { Filters } from '../store/ui-slice'

const fields: { name: keyof Filters; label: MessageKey; size: number }[] = [
  { name: 'search', label: 'filter.search', size: 16 },
  { name: 'host', label: 'filter.host', size: 12 },
  { name: 'method', label: 'filter.method', size: 6 },
  { name: 'status', label: 'filter.status', size: 8 },
  { name: 'cookieName', label: 'filter.cookieName', size: 10 },
  { name: 'sessionId', label: 'filter.sessionId', size: 12 }
]

export function FilterBar(): React.JSX.Element {
  const {
    lang,
    filters,
    setFilter,
    clearFilters,
    hideBrowserInternal: hideInternal,
    setHideBrowserInternal: setHideInternal
  } = useRoundtripPick(
    'lang',
    'filters',
    'setFilter',
    'clearFilters',
    'hideBrowserInternal',
    'setHideBrowserInternal'
  )
  return (
    <div className="filters" role="search">
      {fields.map((f) => (
        <label key={f.name}>
          <span>{t(lang, f.label)}</span>
          <input
            id={f.name === 'search' ? SEARCH_INPUT_ID : undefined}
            type={f.name === 'search' ? 'search' : 'text'}
            size={f.size}
            value={filters[f.name]}
            aria-label={t(lang, f.label)}
            onChange={(e) => setFilter(f.name, e.target.value)}
          />
        </label>
      ))}
      <label title={t(lang, 'filter.hideBrowserInternal.title')}>
        <input type="checkbox" checked={hideInternal} onChange={(e) => setHideInternal(e.target.checked)} />
        <span>{t(lang, 'filter.hideBrowserInternal')}</span>
      </label>
      <button type="button" onClick={clearFilters}>
        {t(lang, 'filter.clear')}
      </button>
    </div>
  )
}
