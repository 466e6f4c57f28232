// The window: navigation, the capture's source and link state, and the current page.
import type { RoundtripClient } from '../api/client'
import { ExchangeDetails } from '../components/ExchangeDetails'
import { OpenProgressView } from '../components/OpenProgressView'
import { ReplayControls } from '../components/ReplayControls'
import { ReplayPanel } from '../components/ReplayPanel'
import { StartScreen } from '../components/StartScreen'
import { ViewBoundary } from '../components/ViewBoundary'
import { t, type MessageKey } from '../i18n'
import { LessonsView } from '../lessons/LessonsView'
import { SessionsView } from '../sessions/SessionsView'
import { StoreProvider, useRoundtripStore, type RoundtripStore, useRoundtripPick } from '../store'
import type { Page } from '../store/ui-slice'
import { FilterBar } from '../timeline/FilterBar'
import { Timeline } from '../timeline/Timeline'
import { ClientContext } from './client-context'
import { backToLive, runCommand } from './commands'
import { useCaptureFeed } from './useCaptureFeed'
import { useFirstTraffic } from './useFirstTraffic'

const pages: { page: Page; label: MessageKey }[] = [
  { page: 'start', label: 'nav.start' },
  { page: 'timeline', label: 'nav.timeline' },
  { page: 'sessions', label: 'nav.sessions' },
  { page: 'learn', label: 'nav.learn' }
]

function Header(props: { client: RoundtripClient }): React.JSX.Element {
  const { client } = props
  const store = useRoundtripStore()
  const { lang, setLang, page, setPage, link, source } = useRoundtripPick(
    'lang',
    'setLang',
    'page',
    'setPage',
    'link',
    'source'
  )
  return (
    <header className="app-header">
      <strong className="brand">{t(lang, 'app.title')}</strong>
      <nav>
        {pages.map((p) => (
          <button key={p.page} type="button" aria-current={page === p.page} onClick={() => setPage(p.page)}>
            {t(lang, p.label)}
          </button>
        ))}
      </nav>
      <span className="spacer" />
      {source.kind === 'file' ? (
        <span className="source">
          {t(lang, 'source.file', { file: source.fileName })}
          {source.warnings.length > 0 && (
            <span className="muted" title={source.warnings.join('\n')}>
              {' '}
              ({t(lang, 'source.warnings', { n: source.warnings.length })})
            </span>
          )}{' '}
          <button type="button" onClick={() => void backToLive(client, store)}>
            {t(lang, 'action.backToLive')}
          </button>
        </span>
      ) : (
        <span className={`link link-${link}`} data-testid="link-state">
          {t(lang, `state.${link}`)}
        </span>
      )}
      {client.openHar && (
        <button type="button" onClick={() => void runCommand('open-har', client, store)}>
          {t(lang, 'action.openHar')}
        </button>
      )}
      {client.saveHar && (
        <button type="button" onClick={() => void runCommand('save-har', client, store)}>
          {t(lang, 'action.saveHar')}
        </button>
      )}
      <ReplayControls />
      <OpenProgressView />
      <button type="button" onClick={() => void runCommand('clear', client, store)}>
        {t(lang, 'action.clear')}
      </button>
      <button type="button" className="lang" onClick={() => setLang(lang === 'en' ? 'ko' : 'en')}>
        {t(lang, 'lang.switch')}
      </button>
    </header>
  )
}

function Message(): React.JSX.Element | null {
  const { message, setMessage } = useRoundtripPick('message', 'setMessage')
  if (!message) return null
  return (
    <p className="message" role="alert">
      {message}{' '}
      <button type="button" onClick={() => setMessage(undefined)} aria-label="dismiss">
        ×
      </button>
    </p>
  )
}

// Each view sits in its own error boundary: a record that makes one throw costs that view, never
// the window (the header and its navigation stay outside them all).
function Page(): React.JSX.Element {
  const {
    page,
    selectedExchangeId: selected,
    source
  } = useRoundtripPick('page', 'selectedExchangeId', 'source')
  if (page === 'start')
    return (
      <ViewBoundary name="start">
        <StartScreen />
      </ViewBoundary>
    )
  if (page === 'learn')
    return (
      <ViewBoundary name="learn">
        <LessonsView />
      </ViewBoundary>
    )
  return (
    <div className="split">
      <div className="main-pane">
        {page === 'timeline' ? (
          <>
            <ViewBoundary name="replay" resetKey={source}>
              <ReplayPanel />
            </ViewBoundary>
            <ViewBoundary name="timeline" resetKey={source}>
              <FilterBar />
              <Timeline />
            </ViewBoundary>
          </>
        ) : (
          <ViewBoundary name="sessions" resetKey={source}>
            <SessionsView />
          </ViewBoundary>
        )}
      </div>
      <ViewBoundary name="details" resetKey={selected}>
        <ExchangeDetails />
      </ViewBoundary>
    </div>
  )
}

function Shell(props: { client: RoundtripClient; store: RoundtripStore }): React.JSX.Element {
  useCaptureFeed(props.client, props.store)
  useFirstTraffic(props.store)
  return (
    <div className="app">
      <Header client={props.client} />
      <Message />
      <main>
        <Page />
      </main>
    </div>
  )
}

export function App(props: { client: RoundtripClient; store: RoundtripStore }): React.JSX.Element {
  return (
    <StoreProvider store={props.store}>
      <ClientContext.Provider value={props.client}>
        <Shell client={props.client} store={props.store} />
      </ClientContext.Provider>
    </StoreProvider>
  )
}
