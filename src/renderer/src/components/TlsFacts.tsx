// An intercepted exchange's TLS, both sides: what the client agreed with Roundtrip, and what the
// server sent Roundtrip (its chain, and whether Roundtrip verified it). Text only.
import type { ExchangeTls } from '../../../shared/tls'
import { t, type Lang } from '../i18n'

function Row(props: { label: string; value: string | undefined; lang: Lang }): React.JSX.Element {
  return (
    <tr>
      <th scope="row">{props.label}</th>
      <td>{props.value || t(props.lang, 'tls.none')}</td>
    </tr>
  )
}

export function TlsFacts(props: { tls: ExchangeTls; lang: Lang }): React.JSX.Element {
  const { tls, lang } = props
  const up = tls.upstream
  return (
    <div className="tls-facts" data-testid="tls-facts">
      <p className="muted">{t(lang, 'tls.intercepted')}</p>
      <table className="kv">
        <caption>{t(lang, 'tls.client')}</caption>
        <tbody>
          <Row label={t(lang, 'tls.sni')} value={tls.client.sni} lang={lang} />
          <Row label={t(lang, 'tls.version')} value={tls.client.version} lang={lang} />
          <Row label={t(lang, 'tls.cipher')} value={tls.client.cipher} lang={lang} />
          <Row label={t(lang, 'tls.alpn')} value={tls.client.alpn} lang={lang} />
        </tbody>
      </table>
      {up ? (
        <>
          <table className="kv">
            <caption>{t(lang, 'tls.upstream')}</caption>
            <tbody>
              <Row label={t(lang, 'tls.version')} value={up.version} lang={lang} />
              <Row label={t(lang, 'tls.cipher')} value={up.cipher} lang={lang} />
              <Row label={t(lang, 'tls.alpn')} value={up.alpn} lang={lang} />
            </tbody>
          </table>
          <p className={up.verified ? 'tls-verified' : 'error-text'} role={up.verified ? undefined : 'alert'}>
            {up.verified
              ? t(lang, 'tls.verified')
              : t(lang, 'tls.notVerified', { reason: up.verifyError ?? '?' })}
          </p>
          <h4>{t(lang, 'tls.chain')}</h4>
          <ol className="tls-chain">
            {up.chain.map((c) => (
              <li key={c.fingerprint256}>
                <code>{c.subject}</code> ← <code>{c.issuer}</code>
                <div className="muted">
                  {c.validFrom} – {c.validTo}
                  {c.subjectAltName ? ` · ${c.subjectAltName}` : ''}
                </div>
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p className="muted">{t(lang, 'tls.noUpstream')}</p>
      )}
    </div>
  )
}
