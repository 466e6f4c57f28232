// A captured body: JSON pretty-printed, text (HTML too, as text: never rendered), images through a
// data: URL, anything else as bytes.
import { useMemo } from 'react'
import type { CapturedBody, HeaderPair } from '../../../shared/model'
import { t, type Lang } from '../i18n'
import { bodyView } from '../model/body'

export function BodyView(props: {
  body: CapturedBody | undefined
  headers: HeaderPair[] | undefined
  lang: Lang
}): React.JSX.Element {
  const { lang } = props
  const view = useMemo(() => bodyView(props.body, props.headers), [props.body, props.headers])
  if (view.kind === 'none') return <p className="muted">{t(lang, 'details.noBody')}</p>
  return (
    <div className="body">
      {view.truncated && (
        <p className="muted">{t(lang, 'details.truncated', { kept: view.kept, size: view.size })}</p>
      )}
      {view.kind === 'image' && <img className="body-image" src={view.dataUrl} alt="" />}
      {view.kind === 'json' && <pre className="body-text json">{view.text}</pre>}
      {view.kind === 'text' && (
        <>
          {view.html && <p className="muted">{t(lang, 'details.htmlAsText')}</p>}
          <pre className="body-text">{view.text}</pre>
        </>
      )}
      {view.kind === 'binary' && <pre className="body-text hex">{view.hex}</pre>}
    </div>
  )
}
