// A captured body: JSON pretty-printed, text (HTML too, as text: never rendered), images through a
// data: URL, anything else as bytes.
import { useMemo } from 'react'
import type { CapturedBody, CapturedExchange, HeaderPair } from '../../../shared/model'
import type { BodiesState } from '../app/useExchangeBodies'
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

/** One side's body of an exchange, once fetched by id when the live feed left its bytes out. */
export function FetchedBody(props: {
  bodies: BodiesState
  side: 'request' | 'response'
  exchange: CapturedExchange
  lang: Lang
}): React.JSX.Element {
  const { bodies, side, exchange, lang } = props
  const headers = side === 'request' ? exchange.requestHeaders : exchange.responseHeaders
  if (bodies.state === 'loading') {
    const info = side === 'request' ? exchange.requestBodyInfo : exchange.responseBodyInfo
    return <p className="muted">{t(lang, 'body.loading', { size: info?.size ?? 0 })}</p>
  }
  if (bodies.state === 'unavailable') return <p className="muted">{t(lang, 'body.unavailable')}</p>
  if (bodies.state === 'failed') {
    return <p className="error-text">{t(lang, 'body.failed', { error: bodies.error.slice(0, 300) })}</p>
  }
  return <BodyView body={bodies[side]} headers={headers} lang={lang} />
}
