// The cookie jar as it stood at the selected exchange, what changed there, and the Cookie header a
// browser would have sent against the one really sent, with the reason for every difference (all
// worked out by the shared analysis, as codes this panel renders in the chosen language).
import { say } from '../../../shared/analysis/explain'
import { t, type Lang } from '../i18n'
import type { JarCookie, RequestCookies, SetCookieResult } from '../model/analysis'
import { NameValueCells } from './CookieViews'
import { SafeText } from './SafeText'
import { safeTime } from './safe-text'

export function JarList(props: { cookies: JarCookie[]; lang: Lang }): React.JSX.Element {
  if (props.cookies.length === 0) return <p className="muted">{t(props.lang, 'details.jarEmpty')}</p>
  return (
    <table className="kv jar" data-testid="jar">
      <tbody>
        {props.cookies.map((c) => (
          <tr key={`${c.domain};${c.path};${c.name}`}>
            <NameValueCells name={c.name} value={c.value} />
            <td className="muted">
              {c.hostOnly ? c.domain : `.${c.domain}`}
              {c.path}
              {c.httpOnly ? ' · HttpOnly' : ''}
              {c.secure ? ' · Secure' : ''}
              {c.expiresAt === null ? '' : ` · ${safeTime(c.expiresAt, (d) => d.toLocaleString(), '?')}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function change(lang: Lang, r: SetCookieResult): { cls: string; text: string } {
  const name = r.parsed.name
  if (!r.accepted)
    return {
      cls: 'change-rejected',
      text: `${t(lang, 'cookie.rejected')}: ${name} — ${r.explain ? say(lang, r.explain) : ''}`
    }
  if (r.cleared) return { cls: 'change-removed', text: `${t(lang, 'cookie.removed')}: ${name}` }
  const value = r.cookie?.value ?? r.parsed.value
  const kind = r.previousValue === undefined ? 'added' : 'changed'
  return { cls: `change-${kind}`, text: `${t(lang, `cookie.${kind}`)}: ${name}=${value}` }
}

export function JarPanel(props: { request: RequestCookies; lang: Lang }): React.JSX.Element {
  const { request, lang } = props
  const none = t(lang, 'details.noneSent')
  return (
    <div className="jar-panel">
      <h4>{t(lang, 'details.expected')}</h4>
      <table className="kv compare" data-testid="expected">
        <tbody>
          {(
            [
              ['details.wouldSend', request.expectedCookie],
              ['details.didSend', request.sentCookie]
            ] as const
          ).map(([label, cookie]) => (
            <tr key={label}>
              <th scope="row">{t(lang, label)}</th>
              <td>
                <code>
                  <SafeText value={cookie || none} max={500} />
                </code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {request.cookieSplit && (
        <p className="muted" data-testid="cookie-split">
          {say(lang, request.cookieSplit)}
        </p>
      )}
      {request.differences.length === 0 ? (
        <p className="muted">{t(lang, 'details.match')}</p>
      ) : (
        <ul className="differences">
          {request.differences.map((d, i) => (
            <li key={i} className={`diff-${d.kind}`}>
              <code>
                <SafeText value={d.cookie} max={200} />
              </code>{' '}
              — {t(lang, `diff.${d.kind}`)}: {say(lang, d.explain)}
            </li>
          ))}
        </ul>
      )}
      {request.expired.length > 0 && (
        <p className="muted">
          {t(lang, 'details.expiredBefore')}: {request.expired.map((c) => c.name).join(', ')}
        </p>
      )}
      {request.setCookies.length > 0 && (
        <>
          <h4>{t(lang, 'details.jarChanges')}</h4>
          <ul className="jar-changes" data-testid="jar-changes">
            {request.setCookies.map((r, i) => {
              const c = change(lang, r)
              return (
                <li key={i} className={c.cls}>
                  <SafeText value={c.text} max={300} />
                </li>
              )
            })}
          </ul>
        </>
      )}
      <h4>{t(lang, 'details.jar')}</h4>
      <JarList cookies={request.jarAfter} lang={lang} />
    </div>
  )
}
