// Everything about the selected exchange: where it travelled, headers in wire order, cookies sent
// and set (with every attribute in plain words), the jar at that moment, bodies and timings.
import { useMemo } from 'react'
import { t } from '../i18n'
import { ANALYSIS_WINDOW, analyseUpTo } from '../model/analysis'
import { useRoundtrip } from '../store'
import {
  orderedExchanges,
  playedConnections,
  reuseLabel,
  selectedExchange,
  sessionEvents
} from '../store/selectors'
import { useExchangeBodies } from '../app/useExchangeBodies'
import { FetchedBody } from './BodyView'
import { CookieTable, SetCookieList } from './CookieViews'
import { Explain } from './Explain'
import { HeadersTable } from './HeadersTable'
import { JarPanel } from './JarPanel'
import { SafeText } from './SafeText'
import { StreamLine } from './StreamLine'
import { TimingsTable } from './TimingsTable'
import { TlsFacts } from './TlsFacts'

export function ExchangeDetails(): React.JSX.Element {
  const lang = useRoundtrip((s) => s.lang)
  const exchange = useRoundtrip(selectedExchange)
  const ordered = useRoundtrip(orderedExchanges)
  const connections = useRoundtrip(playedConnections)
  const events = useRoundtrip(sessionEvents)
  const cookies = useMemo(
    () => (exchange ? analyseUpTo(ordered, connections, events, exchange.id) : undefined),
    [ordered, connections, events, exchange]
  )
  const bodies = useExchangeBodies(exchange)
  if (!exchange) return <aside className="details empty">{t(lang, 'details.none')}</aside>
  return (
    <aside className="details" data-testid="details" aria-label={`${exchange.method} ${exchange.url}`}>
      <header className="details-head">
        <span className="status">{exchange.status ?? ''}</span>{' '}
        <span className="method">
          <SafeText value={exchange.method} max={40} />
        </span>{' '}
        <span className="url">
          <SafeText value={exchange.url} max={500} />
        </span>
        <div className="muted">
          {exchange.id} ·{' '}
          {exchange.streamId !== undefined ? <StreamLine exchange={exchange} /> : reuseLabel(exchange, lang)}
          {exchange.upstreamConnectionId &&
            ` · upstream ${exchange.upstreamConnectionId}${exchange.upstreamReused ? ` (${t(lang, 'details.upstreamReused')})` : ''}`}
          {exchange.serverConnectionId && ` · server ${exchange.serverConnectionId}`}
        </div>
      </header>
      {exchange.error && (
        <p className="error-text" role="alert">
          {t(lang, 'details.error')}: <SafeText value={exchange.error.kind} max={60} /> —{' '}
          <SafeText value={exchange.error.message} />
        </p>
      )}
      {exchange.retried && (
        <p className="muted retry-note" data-testid="retry-note">
          {t(lang, 'retry.details')}
        </p>
      )}
      {exchange.state === 'pending' && <p className="muted">{t(lang, 'details.pending')}</p>}

      <Explain topic="stateless" />
      <section>
        <h3>{t(lang, 'details.cookies')}</h3>
        <CookieTable exchange={exchange} lang={lang} />
      </section>
      <section>
        <h3>{t(lang, 'details.setCookies')}</h3>
        <SetCookieList exchange={exchange} lang={lang} />
        <Explain topic="cookie" />
      </section>
      {cookies && (
        <section>
          {cookies.ok ? (
            <>
              {cookies.windowed && (
                <p className="muted">{t(lang, 'details.windowed', { n: ANALYSIS_WINDOW })}</p>
              )}
              <JarPanel request={cookies.request} lang={lang} />
            </>
          ) : (
            <p className="error-text">{cookies.error}</p>
          )}
        </section>
      )}
      <section>
        <h3>
          {t(lang, 'details.request')} — {t(lang, 'details.headers')}
        </h3>
        <HeadersTable headers={exchange.requestHeaders} label="request headers" />
      </section>
      <section>
        <h3>
          {t(lang, 'details.response')} — {t(lang, 'details.headers')}
        </h3>
        <HeadersTable headers={exchange.responseHeaders} label="response headers" />
      </section>
      {exchange.tls && (
        <section>
          <h3>{t(lang, 'tls.title')}</h3>
          <TlsFacts tls={exchange.tls} lang={lang} />
        </section>
      )}
      <section>
        <h3>{t(lang, 'details.timings')}</h3>
        <TimingsTable exchange={exchange} lang={lang} />
      </section>
      <section>
        <h3>
          {t(lang, 'details.request')} — {t(lang, 'details.body')}
        </h3>
        <FetchedBody bodies={bodies} side="request" exchange={exchange} lang={lang} />
      </section>
      <section>
        <h3>
          {t(lang, 'details.response')} — {t(lang, 'details.body')}
        </h3>
        <FetchedBody bodies={bodies} side="response" exchange={exchange} lang={lang} />
      </section>
    </aside>
  )
}
