// The Replay action beside the file controls: which cookie jar, and the button. It re-sends the
// recording shown (a file or the live capture) through the engine's proxy.
import { useClient } from '../app/client-context'
import { t } from '../i18n'
import { startReplay } from '../replay/actions'
import { useRoundtrip, useRoundtripStore, useRoundtripPick } from '../store'
import type { JarChoice } from '../store/replay-slice'

export function ReplayControls(): React.JSX.Element | null {
  const client = useClient()
  const store = useRoundtripStore()
  const { lang, replayJar, setReplayJar, replaying } = useRoundtripPick(
    'lang',
    'replayJar',
    'setReplayJar',
    'replaying'
  )
  const empty = useRoundtrip((s) => s.exchangeOrder.length === 0 && !s.replayResults)
  if (!client?.replay) return null
  return (
    <span className="replay-controls">
      <select
        value={replayJar}
        aria-label={t(lang, 'replay.jar')}
        title={t(lang, 'replay.jarHelp')}
        onChange={(e) => setReplayJar(e.target.value as JarChoice)}
        disabled={replaying}
      >
        <option value="fresh">{t(lang, 'replay.jarFresh')}</option>
        <option value="recorded">{t(lang, 'replay.jarRecorded')}</option>
      </select>{' '}
      <button
        type="button"
        onClick={() => void startReplay(client, store)}
        disabled={replaying || empty}
        aria-busy={replaying}
      >
        {t(lang, replaying ? 'replay.running' : 'replay.button')}
      </button>
    </span>
  )
}
