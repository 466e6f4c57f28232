// The guided tour: nine steps through the sample site, each ticked off by the live capture (the
// decision is src/shared/analysis/lessons.ts; this only words it), each linking to the exchange that
// proved it. The short explanations of "How HTTP remembers" follow below.
import type { CapturedConnection, CapturedExchange, ServerSessionEvent } from '../../../shared/model'
import { lessonProgress, type CookieUse, type LessonProgress } from '../../../shared/analysis/lessons'
import { Explain, topics } from '../components/Explain'
import { MultiplexChapter } from './MultiplexChapter'
import { t, type Lang, type MessageKey } from '../i18n'
import { useRoundtrip } from '../store'
import { ProofButton } from './ProofButton'
import { memoize } from '../store/memo'
import { orderedExchanges, playedConnections, sessionEvents } from '../store/selectors'
import type { RoundtripState } from '../store/types'

const progressMemo = memoize(
  (
    exchanges: CapturedExchange[],
    connections: Map<string, CapturedConnection>,
    events: ServerSessionEvent[],
    storeSize: number
  ) => lessonProgress({ exchanges, connections: [...connections.values()], sessionEvents: events, storeSize })
)

/** Every lesson's progress for the capture in the store (as far as the playhead). */
export function lessons(s: RoundtripState): LessonProgress[] {
  const live = s.source.kind === 'live' && s.playhead === undefined
  return progressMemo(
    orderedExchanges(s),
    playedConnections(s),
    sessionEvents(s),
    live ? s.serverSessions.length : 0
  )
}

const USES: CookieUse[] = ['session', 'personalization', 'tracking']

function Step(props: {
  p: LessonProgress
  lang: Lang
  proxy: string
  selectedId: string | undefined
  onShow: (id: string) => void
}): React.JSX.Element {
  const { p, lang, proxy, selectedId } = props
  const key = (part: string): MessageKey => `lesson.${p.step}.${part}` as MessageKey
  const proof = p.exchangeId
  return (
    <li className={`lesson${p.done ? ' done' : ''}`} data-step={p.step} data-done={p.done ? 'true' : 'false'}>
      <h3>
        <span className="lesson-mark" aria-hidden="true">
          {p.done ? '✓' : '○'}
        </span>{' '}
        {t(lang, key('title'))}{' '}
        <span className="muted state">{t(lang, p.done ? 'lessons.done' : 'lessons.todo')}</span>
      </h3>
      <p>
        <strong>{t(lang, 'lessons.do')}:</strong>{' '}
        <span className="lesson-do">{t(lang, key('do'), { proxy })}</span>
      </p>
      <p>
        <strong>{t(lang, 'lessons.look')}:</strong> {t(lang, key('look'))}
      </p>
      {p.uses && (
        <ul className="uses">
          {USES.map((use) => (
            <li key={use} data-use={use} data-done={p.uses?.[use] ? 'true' : 'false'}>
              {p.uses?.[use] ? '✓' : '○'} {t(lang, `lessons.use.${use}`)}
            </li>
          ))}
        </ul>
      )}
      {p.sessions !== undefined && p.sessions > 0 && (
        <p className="muted">{t(lang, 'lessons.sessions', { n: p.sessions })}</p>
      )}
      {proof && <ProofButton proof={proof} selectedId={selectedId} lang={lang} onShow={props.onShow} />}
    </li>
  )
}

export function LessonsView(): React.JSX.Element {
  const lang = useRoundtrip((s) => s.lang)
  const progress = useRoundtrip(lessons)
  const proxy = useRoundtrip((s) => s.info?.proxy ?? 'http://127.0.0.1:8080')
  const selectedId = useRoundtrip((s) => s.selectedExchangeId)
  const show = useRoundtrip((s) => s.showOnTimeline)
  const done = progress.filter((p) => p.done).length
  return (
    <section className="learn lessons">
      <h1>{t(lang, 'lessons.heading')}</h1>
      <p>{t(lang, 'lessons.intro')}</p>
      <p className="muted" data-testid="lessons-progress">
        {t(lang, 'lessons.progress', { done, total: progress.length })}
      </p>
      <ol className="lesson-list">
        {progress.map((p) => (
          <Step key={p.step} p={p} lang={lang} proxy={proxy} selectedId={selectedId} onShow={show} />
        ))}
      </ol>
      <MultiplexChapter onShow={show} />
      {topics.map((topic) => (
        <Explain key={topic} topic={topic} />
      ))}
    </section>
  )
}
