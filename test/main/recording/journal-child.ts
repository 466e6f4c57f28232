// Run as a child process by journal.test.ts: records exchanges into a journal and never stops
// cleanly, so the test can kill it with SIGKILL. argv: <har path> <count before the marker>.
import { CaptureStore } from '../../../src/main/capture/store'
import { Recorder } from '../../../src/main/recording/journal'
import { connection, exchange, T0 } from '../../helpers/capture-factory'

const [path, countArg] = process.argv.slice(2)
const count = Number(countArg)
const store = new CaptureStore({ batchMs: 50 })
const recorder = await Recorder.start({ path: path!, store })
const client = connection('c1')
const upstream = connection('u1', { clientConnectionId: 'c1' })

function record(i: number): void {
  const e = exchange({
    id: `e${i}`,
    sequence: i,
    upstreamReused: i > 1,
    startedAt: T0 + i,
    url: `http://roundtrip.test/page/${i}`
  })
  client.exchangeIds.push(e.id)
  upstream.exchangeIds.push(e.id)
  store.putConnection({ ...client, exchangeIds: [...client.exchangeIds] })
  store.putConnection({ ...upstream, exchangeIds: [...upstream.exchangeIds] })
  store.putExchange({ ...e, state: 'pending', status: undefined })
  store.putExchange(e)
}

for (let i = 1; i <= count; i++) {
  record(i)
  if (i % 10 === 0) await new Promise((r) => setTimeout(r, 5))
}
// Everything up to here must survive a kill more than a second from now.
process.stdout.write(`recorded ${count} ${recorder.journalPath}\n`)
// Keep recording until killed: the kill lands mid-stream.
let i = count
setInterval(() => record(++i), 3)
