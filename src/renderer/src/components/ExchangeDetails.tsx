// Everything about the selected exchange: where it travelled, headers in wire order, cookies sent
// and set (with every attribute in plain words), the jar at that moment, bodies and timings.
import { t, type Lang } from '../i18n'
import { ANALYSIS_WINDOW } from '../model/analysis'
import { useCookiesAt } from '../model/useCookiesAt'
import { useRoundtrip } from '../store'
import { orderedExchanges, reuseLabel, selectedExchange } from '../store/selectors'
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

const sides = ['request', 'response'] as const

/** "Request — headers", "Response — body": one side's part of the exchange under its heading. */
function SidePart(props: {
  lang: Lang
  side: (typeof sides)[number]
  part: 'headers' | 'body'
  children: React.ReactNode
}): React.JSX.Element {
  const { lang, side, part } = props
  return (
    <section>
      <h3>
        {t(lang, `details.${side}`)} — {t(lang, `details.${part}`)}
      </h3>
      {props.children}
    </section>
  )
}

export function ExchangeDetails(): React.JSX.Element {
  const lang = useRoundtrip((s) => s.lang)
  const exchange = useRoundtrip(selectedExchange)
  const cookies = useCookiesAt(useRoundtrip(orderedExchanges), exchange?.id)
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
      {sides.map((side) => (
        <SidePart key={side} lang={lang} side={side} part="headers">
          <HeadersTable headers={exchange[`${side}Headers`]} label={`${side} headers`} />
        </SidePart>
      ))}
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
      {sides.map((side) => (
        <SidePart key={side} lang={lang} side={side} part="body">
          <FetchedBody bodies={bodies} side={side} exchange={exchange} lang={lang} />
        </SidePart>
      ))}
    </aside>
  )
}
