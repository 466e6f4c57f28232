// The cookie jar as it stood at the selected exchange, what changed there, and which cookies the
// request should have carried against the ones it did, with the reasons.
import type { CapturedExchange } from '../../../shared/model'
import { t, type Lang } from '../i18n'
import type { JarAtExchange, JarCookie, NotSentReason } from '../model/jar'

function reasonText(lang: Lang, r: NotSentReason): string {
  switch (r.kind) {
    case 'path':
      return t(lang, 'reason.path', { path: r.path, cookiePath: r.cookiePath })
    case 'domain':
      return t(lang, 'reason.domain', { host: r.host, domain: r.domain })
    case 'secure':
      return t(lang, 'reason.secure')
    case 'expired':
      return t(lang, 'reason.expired')
  }
}

export function JarList(props: { cookies: JarCookie[]; lang: Lang }): React.JSX.Element {
  if (props.cookies.length === 0) return <p className="muted">{t(props.lang, 'details.jarEmpty')}</p>
  return (
    <table className="kv jar" data-testid="jar">
      <tbody>
        {props.cookies.map((c) => (
          <tr key={`${c.domain};${c.path};${c.name}`}>
            <th scope="row">{c.name}</th>
            <td>{c.value}</td>
            <td className="muted">
              {c.hostOnly ? c.domain : `.${c.domain}`}
              {c.path}
              {c.httpOnly ? ' · HttpOnly' : ''}
              {c.secure ? ' · Secure' : ''}
              {c.expiresAt === 'session' ? '' : ` · ${new Date(c.expiresAt).toLocaleString()}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function JarPanel(props: {
  jar: JarAtExchange
  exchange: CapturedExchange
  lang: Lang
}): React.JSX.Element {
  const { jar, lang } = props
  return (
    <div className="jar-panel">
      <h4>{t(lang, 'details.expected')}</h4>
      {jar.expected.length === 0 && jar.unexpected.length === 0 && (
        <p className="muted">{t(lang, 'details.nothingExpected')}</p>
      )}
      <ul className="expected" data-testid="expected">
        {jar.expected.map((e) => (
          <li
            key={`${e.cookie.domain};${e.cookie.path};${e.cookie.name}`}
            className={e.sent ? 'sent' : 'not-sent'}
          >
            <code>{e.cookie.name}</code> — {e.sent ? t(lang, 'cookie.sent') : t(lang, 'cookie.notSent')}
            {e.reason && `: ${reasonText(lang, e.reason)}`}
          </li>
        ))}
        {jar.unexpected.map((c, i) => (
          <li key={`u${i}`} className="unexpected">
            <code>{c.name}</code> — {t(lang, 'cookie.unexpected')}
          </li>
        ))}
      </ul>
      {jar.changes.length > 0 && (
        <>
          <h4>{t(lang, 'details.jarChanges')}</h4>
          <ul className="jar-changes" data-testid="jar-changes">
            {jar.changes.map((c, i) => (
              <li key={i} className={`change-${c.kind}`}>
                {t(lang, `cookie.${c.kind}`)}: <code>{c.cookie.name}</code>=
                {c.kind === 'removed' ? '' : c.cookie.value}
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>{t(lang, 'details.jar')}</h4>
      <JarList cookies={jar.after} lang={lang} />
    </div>
  )
}
