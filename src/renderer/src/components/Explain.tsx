// Short explanations tied to what is on screen, in the chosen language.
import { t, type MessageKey } from '../i18n'
import { useRoundtrip } from '../store'

export type Topic = 'connectionless' | 'stateless' | 'cookie' | 'session'

export const topics: Topic[] = ['connectionless', 'stateless', 'cookie', 'session']

export function Explain(props: { topic: Topic; open?: boolean }): React.JSX.Element {
  const lang = useRoundtrip((s) => s.lang)
  const title = `learn.${props.topic}.title` as MessageKey
  const body = `learn.${props.topic}.body` as MessageKey
  return (
    <details className="explain" open={props.open}>
      <summary>{t(lang, title)}</summary>
      <p>{t(lang, body)}</p>
    </details>
  )
}
