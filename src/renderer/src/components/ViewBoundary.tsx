// An error boundary around one view (timeline, details, sessions, replay, ...): if something in a
// capture makes that view throw, it says what failed there and the rest of the window keeps
// working. It tries again when `resetKey` changes (another request chosen) or on "Try again".
import { Component, type ErrorInfo, type ReactNode } from 'react'
import { t, type Lang } from '../i18n'
import { useRoundtrip } from '../store'
import { displayText } from './safe-text'

interface Props {
  name: string
  lang: Lang
  resetKey?: unknown
  children: ReactNode
}

interface State {
  error?: string
  resetKey?: unknown
}

class Boundary extends Component<Props, State> {
  override state: State = { resetKey: this.props.resetKey }

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: displayText(error instanceof Error ? error.message : error, false, 300).text || '?' }
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { resetKey: props.resetKey, error: undefined } : null
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.warn(`Roundtrip: the ${this.props.name} view failed`, error, info.componentStack)
  }

  override render(): ReactNode {
    const { error } = this.state
    if (error === undefined) return this.props.children
    const { lang, name } = this.props
    return (
      <div className="view-failed" role="alert" data-testid={`view-failed-${name}`}>
        <p>{t(lang, 'view.failed', { error })}</p>
        <p className="muted">{t(lang, 'view.failed.hint')}</p>
        <button type="button" onClick={() => this.setState({ error: undefined })}>
          {t(lang, 'view.retry')}
        </button>
      </div>
    )
  }
}

export function ViewBoundary(props: {
  name: string
  resetKey?: unknown
  children: ReactNode
}): React.JSX.Element {
  const lang = useRoundtrip((s) => s.lang)
  return (
    <Boundary name={props.name} lang={lang} resetKey={props.resetKey}>
      {props.children}
    </Boundary>
  )
}
