// Run as a child process by stalled-client.test.ts, so the proxy's memory can be measured on its
// own (RSS of this process only). Prints `{"port":N}` once listening; runs until killed.
import { CaptureStore } from '../../src/main/capture/store'
import { createProxy } from '../../src/main/proxy'

const store = new CaptureStore({ batchMs: 50 })
const proxy = createProxy({ store })
const url = await proxy.listen(0)
process.stdout.write(JSON.stringify({ port: Number(new URL(url).port) }) + '\n')
