// The Cookie header as a table, and each Set-Cookie line with every attribute in plain words.
import type { CapturedExchange } from '../../../shared/model'
import { t, type Lang } from '../i18n'
import { explainSetCookie, parseCookieHeader, parseSetCookie } from '../model/cookies'
import { headerValue, setCookieLines } from '../../../shared/http'

export function CookieTable(props: { exchange: CapturedExchange; lang: Lang }): React.JSX.Element {
  const { lang } = props
  const pairs = parseCookieHeader(headerValue(props.exchange.requestHeaders, 'cookie'))
  if (pairs.length === 0) return <p className="muted">{t(lang, 'details.noCookies')}</p>
  return (
    <table className="kv cookies" data-testid="cookie-table">
      <thead>
        <tr>
          <th>{t(lang, 'cookie.name')}</th>
          <th>{t(lang, 'cookie.value')}</th>
        </tr>
      </thead>
      <tbody>
        {pairs.map((c, i) => (
          <tr key={i}>
            <th scope="row">{c.name}</th>
            <td>{c.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function SetCookieList(props: { exchange: CapturedExchange; lang: Lang }): React.JSX.Element | null {
  const { exchange, lang } = props
  const receivedAt = exchange.startedAt + (exchange.timings.responseHeaders ?? 0)
  const lines = setCookieLines(exchange.responseHeaders)
  if (lines.length === 0) return null
  return (
    <ul className="set-cookies" data-testid="set-cookies">
      {lines.map((raw, i) => {
        const cookie = parseSetCookie(raw)
        if (!cookie) return null
        return (
          <li key={i} className="set-cookie">
            <div className="set-cookie-head">
              <code className="cookie-name">{cookie.name}</code>=
              <code className="cookie-value">{cookie.value}</code>
            </div>
            <ul className="attributes">
              {explainSetCookie(cookie, receivedAt, lang).map((a, j) => (
                <li key={j}>
                  <span className="attr-name">{a.attribute}</span> {a.text}
                </li>
              ))}
            </ul>
          </li>
        )
      })}
    </ul>
  )
}
