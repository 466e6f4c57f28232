// The button under a lesson that shows the exchange which proved it, marked when it is selected.
import { t, type Lang } from '../i18n'

export function ProofButton(props: {
  proof: string
  selectedId: string | undefined
  lang: Lang
  onShow: (id: string) => void
}): React.JSX.Element {
  const { proof, selectedId, lang } = props
  return (
    <button
      type="button"
      className={`proof${selectedId === proof ? ' selected' : ''}`}
      data-proof={proof}
      onClick={() => props.onShow(proof)}
    >
      {t(lang, 'lessons.proof', { id: proof })}
    </button>
  )
}
