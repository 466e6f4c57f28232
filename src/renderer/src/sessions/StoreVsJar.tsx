// The server's live session store beside the browser's cookie jar: only the ID travels.
import { t, type Lang } from '../i18n'
import type { ServerSession } from '../../../shared/model'
import type { JarCookie } from '../model/analysis'
import { hueOf, short } from '../model/threads'
import { JarList } from '../components/JarPanel'
import { SafeText } from '../components/SafeText'
import { safeTime } from '../components/safe-text'

export function StoreVsJar(props: {
  sessions: ServerSession[]
  jar: JarCookie[]
  lang: Lang
}): React.JSX.Element {
  const { sessions, lang } = props
  return (
    <div className="store-vs-jar">
      <div className="panel" data-testid="server-store">
        <h3>{t(lang, 'sessions.store')}</h3>
        {sessions.length === 0 && <p className="muted">{t(lang, 'sessions.storeEmpty')}</p>}
        {sessions.map((s) => (
          <div key={s.id} className="server-session" style={{ borderColor: `hsl(${hueOf(s.id)} 70% 50%)` }}>
            <div>
              <code title={s.id}>{short(s.id)}</code>
              {s.user && (
                <span>
                  {' '}
                  · {t(lang, 'sessions.user')}:{' '}
                  <strong>
                    <SafeText value={s.user} max={200} />
                  </strong>
                </span>
              )}
            </div>
            <pre className="session-data">{JSON.stringify(s.data, null, 2)}</pre>
            <div className="muted">
              {t(lang, 'sessions.expires')}:{' '}
              {safeTime(s.expiresAt, (d) => d.toLocaleTimeString(), t(lang, 'safe.noTime'))}
            </div>
          </div>
        ))}
      </div>
      <div className="travels" aria-hidden="true">
        ⇄ <span>ID</span>
      </div>
      <div className="panel" data-testid="browser-jar">
        <h3>{t(lang, 'sessions.jar')}</h3>
        <JarList cookies={props.jar} lang={lang} />
      </div>
      <p className="only-id">{t(lang, 'sessions.onlyId')}</p>
    </div>
  )
}
