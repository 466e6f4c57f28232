// The next chapter after keep-alive: HTTP/2 multiplexing, ticked off when the capture shows several
// streams in flight at once on one HTTP/2 connection (src/shared/analysis/multiplex.ts decides).
import { multiplexLesson } from '../../../shared/analysis/multiplex'
import type { CapturedConnection, CapturedExchange } from '../../../shared/model'
import { t } from '../i18n'
import { useRoundtrip } from '../store'
import { ProofButton } from './ProofButton'
import { memoize } from '../store/memo'
import { orderedExchanges, playedConnections } from '../store/selectors'
import type { RoundtripState } from '../store/types'

const progressMemo = memoize((exchanges: CapturedExchange[], connections: Map<string, CapturedConnection>) =>
  multiplexLesson(exchanges, [...connections.values()])
)

const progress = (s: RoundtripState): ReturnType<typeof multiplexLesson> =>
  progressMemo(orderedExchanges(s), playedConnections(s))

export function MultiplexChapter(props: { onShow: (id: string) => void }): React.JSX.Element {
  const lang = useRoundtrip((s) => s.lang)
  const p = useRoundtrip(progress)
  const proxy = useRoundtrip((s) => s.info?.proxy ?? 'http://127.0.0.1:8080')
  const selectedId = useRoundtrip((s) => s.selectedExchangeId)
  const proof = p.exchangeId
  return (
    <ol className="lesson-list" start={10}>
      <li
        className={`lesson${p.done ? ' done' : ''}`}
        data-chapter="multiplex"
        data-done={p.done ? 'true' : 'false'}
      >
        <h3>
          <span className="lesson-mark" aria-hidden="true">
            {p.done ? '✓' : '○'}
          </span>{' '}
          {t(lang, 'lesson.multiplex.title')}{' '}
          <span className="muted state">{t(lang, p.done ? 'lessons.done' : 'lessons.todo')}</span>
        </h3>
        <p>
          <strong>{t(lang, 'lessons.do')}:</strong>{' '}
          <span className="lesson-do">{t(lang, 'lesson.multiplex.do', { proxy })}</span>
        </p>
        <p>
          <strong>{t(lang, 'lessons.look')}:</strong> {t(lang, 'lesson.multiplex.look')}
        </p>
        {p.streams !== undefined && (
          <p className="muted">{t(lang, 'lesson.multiplex.streams', { n: p.streams })}</p>
        )}
        {proof && <ProofButton proof={proof} selectedId={selectedId} lang={lang} onShow={props.onShow} />}
      </li>
    </ol>
  )
}
