import { it } from 'vitest'
import { startEngine } from '../../src/main/engine'
import { execFileP } from '../helpers/net'
it('debug', async () => {
  const e = await startEngine({ proxyPort: 0, samplePort: 0, caHome: '/tmp/rt-try-home', batchMs: 5 })
  await e.ca.load()
  try {
    await execFileP('curl', ['-v', '--max-time', '5', '--cacert', e.ca.certPath, '-x', e.proxyUrl, 'https://roundtrip.test/login'])
  } catch (err) {
    console.log(String((err as { stderr: Buffer }).stderr).slice(-2500))
  }
  console.log(JSON.stringify(e.store.snapshot().tunnels), JSON.stringify(e.store.snapshot().exchanges).slice(0, 1000))
  await e.close()
})
