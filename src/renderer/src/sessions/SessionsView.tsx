// Sessions: every session ID's thread across the timeline, the sequence diagram of the chosen one,
// and the server's session store beside the browser's jar.
import { useMemo } from 'react'
import { useThrottled } from '../app/useThrottled'
import { t } from '../i18n'
import { useCookiesAt } from '../model/useCookiesAt'
import { sessionSequence, short } from '../model/threads'
import { useRoundtrip, useRoundtripPick } from '../store'
import { orderedExchanges, sessionEvents, threads as selectThreads, timeRange } from '../store/selectors'
import { Explain } from '../components/Explain'
import { SequenceDiagram } from './SequenceDiagram'
import { StoreStats } from './StoreStats'
import { StoreVsJar } from './StoreVsJar'
import { ThreadsChart } from './ThreadsChart'

export function SessionsView(): React.JSX.Element {
  const lang = useRoundtrip((s) => s.lang)
  const threads = useRoundtrip(selectThreads)
  const range = useRoundtrip(timeRange)
  // The jar replay costs a few hundred ms on long captures: follow live traffic once a second.
  const ordered = useThrottled(useRoundtrip(orderedExchanges), 1000)
  const events = useRoundtrip(sessionEvents)
  const { serverSessions, selectedSessionId } = useRoundtripPick('serverSessions', 'selectedSessionId')

  const chosen = selectedSessionId ?? threads[threads.length - 1]?.id
  const steps = useMemo(
    () => (chosen ? sessionSequence(chosen, ordered, events) : []),
    [chosen, ordered, events]
  )
  // The jar as it stood at the chosen session's latest exchange (the browser that carried it).
  const chosenThread = threads.find((th) => th.id === chosen)
  const jarAt = chosenThread?.points.findLast((p) => p.exchangeId)?.exchangeId ?? ordered.at(-1)?.id
  const atJar = useCookiesAt(ordered, jarAt)
  const jar = atJar?.ok ? atJar.request.jarAfter : []

  return (
    <section className="sessions" aria-label={t(lang, 'nav.sessions')}>
      <Explain topic="session" />
      <h2>{t(lang, 'sessions.threads')}</h2>
      {threads.length === 0 || !range ? (
        <p className="empty">{t(lang, 'sessions.none')}</p>
      ) : (
        <ThreadsChart threads={threads} range={range} selectedSession={chosen} />
      )}
      <StoreStats />
      <StoreVsJar sessions={serverSessions} jar={jar} lang={lang} />
      {chosen && (
        <>
          <h2>{t(lang, 'sessions.sequence', { id: short(chosen) })}</h2>
          <SequenceDiagram steps={steps} lang={lang} />
        </>
      )}
    </section>
  )
}
