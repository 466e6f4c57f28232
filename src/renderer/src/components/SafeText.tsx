// One value from a capture on the page: as bounded text (never HTML), wrapped, with invisible and
// direction-changing characters shown as escapes, long values cut with "show all", and header
// bytes that are not UTF-8 shown as Latin-1 and marked.
import { useState } from 'react'
import { t } from '../i18n'
import { useRoundtripIfAny } from '../store'
import { displayText, headerText, SHOWN_CHARS, toText } from './safe-text'

export function SafeText(props: {
  value: unknown
  /** Characters shown before "show all". */
  max?: number
  /** A header value: decode its bytes as UTF-8 when they are, else mark it Latin-1. */
  header?: boolean
}): React.JSX.Element {
  const lang = useRoundtripIfAny((s) => s.lang)
  const [showAll, setShowAll] = useState(false)
  const decoded = props.header ? headerText(toText(props.value)) : undefined
  const shown = displayText(decoded ? decoded.text : props.value, showAll, props.max ?? SHOWN_CHARS)
  return (
    <span className="safe-text" title={shown.escaped ? t(lang, 'safe.bidi.title') : undefined}>
      {shown.text}
      {decoded?.latin1 && (
        <span className="safe-mark" title={t(lang, 'safe.latin1.title')}>
          {' '}
          {t(lang, 'safe.latin1')}
        </span>
      )}
      {(shown.cut || showAll) && shown.length > (props.max ?? SHOWN_CHARS) && (
        <button type="button" className="safe-more" onClick={() => setShowAll(!showAll)}>
          {showAll
            ? t(lang, 'safe.showLess')
            : t(lang, 'safe.showAll', { n: shown.length.toLocaleString(lang) })}
        </button>
      )}
    </span>
  )
}
