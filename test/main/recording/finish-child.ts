// Run as a child process by finish-kill.test.ts: records `count` exchanges (with small bodies) to a
// journal, says "finishing", then stops cleanly (writing the final HAR) and says "done". The test
// kills it with SIGKILL at a chosen moment of that finishing step. argv: <har path> <count>.
import { CaptureStore } from '../../../src/main/capture/store'
import { Recorder } from '../../../src/main/recording/journal'
import { body, connection, exchange, T0 } from '../../helpers/capture-factory'

const [path, countArg] = process.argv.slice(2)
const count = Number(countArg)
const store = new CaptureStore({ batchMs: 1000, maxExchanges: 1000 })
const recorder = await Recorder.start({ path: path!, store })
store.putConnection(connection('c1'))
store.putConnection(connection('u1', { clientConnectionId: 'c1' }))
for (let i = 1; i <= count; i++) {
  store.putExchange(
    exchange({
      id: `e${i}`,
      sequence: i,
      upstreamReused: i > 1,
      startedAt: T0 + i,
      url: `http://roundtrip.test/page/${i}`,
      responseBody: body(`page ${i} `.repeat(40))
    })
  )
  if (i % 500 === 0) await recorder.flush()
}
await recorder.flush()
process.stdout.write('finishing\n')
const result = await recorder.stop()
process.stdout.write(`done ${result.exchanges}\n`)
