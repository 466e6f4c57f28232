// A request body that finishes after its response (the origin answered before reading it all)
// still reaches the recording: the exchange is written again once its body is whole.
import http from 'node:http'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Har } from 'har-format'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CaptureStore } from '../../../src/main/capture/store'
import { createProxy } from '../../../src/main/proxy'
import { Recorder } from '../../../src/main/recording/journal'
import { eventually, startOrigin } from '../../helpers/net'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtrip-late-body-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('a request body that ends after its response', () => {
  it('is in the final HAR, whole', async () => {
    const origin = await startOrigin((req, res) => {
      // Answers at once, before the upload is over (as a server refusing an upload early would).
      res.end('early')
      req.resume()
    })
    const store = new CaptureStore({ batchMs: 10 })
    const proxy = createProxy({ store })
    const port = Number(new URL(await proxy.listen(0)).port)
    const path = join(dir, 'late.har')
    const recorder = await Recorder.start({ path, store })

    const first = 'a'.repeat(1000)
    const rest = 'b'.repeat(2000)
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `${origin.url}/upload`,
      headers: { 'content-length': first.length + rest.length, 'content-type': 'text/plain' }
    })
    const response = new Promise<string>((resolve, reject) => {
      req.on('response', (res) => {
        let text = ''
        res.on('data', (c) => (text += c))
        res.on('end', () => resolve(text))
      })
      req.on('error', reject)
    })
    req.write(first)
    expect(await response).toBe('early')
    // The response is recorded complete while the body is still on its way.
    await eventually(() => expect(store.snapshot().exchanges[0]?.state).toBe('complete'))
    expect(store.snapshot().exchanges[0]?.requestBody).toBeUndefined()
    await recorder.flush()
    req.end(rest)
    await eventually(() => expect(store.snapshot().exchanges[0]?.requestBody?.size).toBe(3000))

    await recorder.stop()
    const har = JSON.parse(await readFile(path, 'utf8')) as Har
    expect(har.log.entries).toHaveLength(1)
    expect(har.log.entries[0]!.request.postData?.text).toBe(first + rest)
    expect(har.log.entries[0]!.request.bodySize).toBe(3000)
    await proxy.close()
    await origin.close()
  })
})
