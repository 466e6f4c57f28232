// A chosen session's steps between Browser, Server and Session store, top to bottom.
import { t, type Lang } from '../i18n'
import { useRoundtripPick } from '../store'
import { short, type Actor, type SequenceStep } from '../model/threads'

const column: Record<Actor, number> = { browser: 1, server: 2, store: 3 }

function stepText(lang: Lang, step: SequenceStep): string {
  const parts: string[] = []
  if (step.key) parts.push(t(lang, step.key, step.keyParams))
  if (step.text) parts.push(step.text)
  const c = step.cookie
  if (c) {
    const params = { name: c.name, value: short(c.value), id: short(c.value) }
    if (c.kind === 'carries') parts.push(t(lang, 'seq.carries', params))
    if (c.kind === 'set') parts.push(t(lang, 'seq.setCookie', params))
    if (c.kind === 'stored') parts.push(t(lang, 'seq.jarStore', params))
    if (c.kind === 'lookup') parts.push(t(lang, 'seq.lookup', params))
  }
  return parts.join(' · ')
}

export function SequenceDiagram(props: { steps: SequenceStep[]; lang: Lang }): React.JSX.Element {
  const { steps, lang } = props
  // The exchange selected anywhere in the app: its steps are marked.
  const { selectedExchangeId, selectExchange } = useRoundtripPick('selectedExchangeId', 'selectExchange')
  return (
    <div className="sequence" data-testid="sequence">
      <div className="seq-head">{t(lang, 'seq.browser')}</div>
      <div className="seq-head">{t(lang, 'seq.server')}</div>
      <div className="seq-head">{t(lang, 'seq.store')}</div>
      {steps.map((step, i) => {
        const a = column[step.from]
        const b = column[step.to]
        const self = a === b
        const dir = self ? 'self' : a < b ? 'right' : 'left'
        return (
          <div
            key={i}
            className={`seq-step ${dir}${step.cookie ? ' has-cookie' : ''}${step.exchangeId && step.exchangeId === selectedExchangeId ? ' selected' : ''}`}
            style={{ gridColumn: `${Math.min(a, b)} / ${Math.max(a, b) + 1}` }}
            onClick={() => step.exchangeId && selectExchange(step.exchangeId)}
            title={step.exchangeId}
          >
            <span className="seq-text">{stepText(lang, step)}</span>
            <span className="seq-arrow" aria-hidden="true" />
          </div>
        )
      })}
    </div>
  )
}
