import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { startEngine } from '../../../src/main/engine'
import { eventually } from '../../helpers/net'

/** curl through the proxy, started in the background; resolves with its output and exit code. */
function curlLater(
  proxy: string,
  url: string
): { started: Promise<void>; done: Promise<{ out: string; code: number | null }> } {
  const child = spawn('curl', ['-sS', '-x', proxy, url], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout.on('data', (c) => (out += c))
  child.stderr.on('data', (c) => (out += c))
  return {
    started: new Promise((r) => child.once('spawn', () => r())),
    done: new Promise((r) => child.once('exit', (code) => r({ out, code })))
  }
}

describe('engine shutdown', () => {
  it('lets a request in flight finish within the grace period, then stops', async () => {
    const engine = await startEngine({ proxyPort: 0, samplePort: 0, batchMs: 10 })
    const curl = curlLater(engine.proxyUrl, 'http://roundtrip.test/slow?ms=400')
    await curl.started
    await eventually(() =>
      expect(engine.store.snapshot().exchanges.some((e) => e.state === 'pending')).toBe(true)
    )
    await engine.close({ graceMs: 5000 })
    const { out, code } = await curl.done
    expect(code).toBe(0)
    expect(out).toContain('400')
    const [exchange] = engine.store.snapshot().exchanges
    expect(exchange).toMatchObject({ state: 'complete', status: 200 })
  })

  it('records a request still unanswered after the grace period as cut short, with a sentence', async () => {
    const engine = await startEngine({ proxyPort: 0, samplePort: 0, batchMs: 10, shutdownGraceMs: 100 })
    const curl = curlLater(engine.proxyUrl, 'http://roundtrip.test/slow?ms=10000')
    await curl.started
    await eventually(() =>
      expect(engine.store.snapshot().exchanges.some((e) => e.state === 'pending')).toBe(true)
    )
    await engine.close()
    await curl.done
    const [exchange] = engine.store.snapshot().exchanges
    expect(exchange!.state).toBe('error')
    expect(exchange!.error).toEqual({
      kind: 'cut-short',
      message:
        'Roundtrip was stopped while this request was in flight; it waited 0.1 s for the answer, then cut it short.'
    })
  })
})
