// The Cookie header as a table, and each Set-Cookie line (one per cookie, however a tool folded them) with
// every attribute in plain words: the shared analysis reads the line and says what each attribute does (as
// codes); this component only renders them in the chosen language.
import { parseSetCookie } from '../../../shared/analysis'
import { say } from '../../../shared/analysis/explain'
import { headerValues, parseCookieHeader, setCookieLines } from '../../../shared/http'
import type { CapturedExchange } from '../../../shared/model'
import { t, type Lang } from '../i18n'
import { SafeText } from './SafeText'

/** A cookie's name (as the row's header) and value, as captured text, never markup. */
export function NameValueCells(props: { name: string; value: string }): React.JSX.Element {
  return (
    <>
      <th scope="row">
        <SafeText value={props.name} max={200} />
      </th>
      <td>
        <SafeText value={props.value} max={300} />
      </td>
    </>
  )
}

export function CookieTable(props: { exchange: CapturedExchange; lang: Lang }): React.JSX.Element {
  const { lang } = props
  const pairs = parseCookieHeader(headerValues(props.exchange.requestHeaders, 'cookie'))
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
            <NameValueCells name={c.name} value={c.value} />
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
      {lines.map((line, i) => {
        const cookie = parseSetCookie(line, receivedAt)
        return (
          <li key={i} className="set-cookie">
            <div className="set-cookie-head">
              {cookie.ok ? (
                <>
                  <code className="cookie-name">
                    <SafeText value={cookie.name} max={200} />
                  </code>
                  =
                  <code className="cookie-value">
                    <SafeText value={cookie.value} max={300} />
                  </code>
                </>
              ) : (
                <code className="cookie-value">
                  <SafeText value={line} max={300} />
                </code>
              )}
            </div>
            <ul className="attributes">
              {cookie.errorExplain && <li>{say(lang, cookie.errorExplain)}</li>}
              {cookie.explanations.map((a, j) => (
                <li key={j}>
                  <span className="attr-name">{a.attribute}</span> {say(lang, a.explain)}
                </li>
              ))}
            </ul>
          </li>
        )
      })}
    </ul>
  )
}
