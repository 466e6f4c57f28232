// A bounded fuzz run: 300 seeded random and mutated requests, half of them to an origin that
// answers with mutated responses. The proxy must stay up, raise nothing unhandled, finish every
// exchange it started, and answer a normal request afterwards. The seed is fixed so a failure
// replays; FUZZ_SEED picks another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runFuzz, startChaosOrigin } from '../../bench/fuzz-cases.js'
import { startRig, type FaultRig } from '../helpers/faults'
import { eventually } from '../helpers/net'

const SEED = Number(process.env.FUZZ_SEED ?? 20261126)
let rig: FaultRig
let chaos: Awaited<ReturnType<typeof startChaosOrigin>>

beforeAll(async () => {
  rig = await startRig({
    headersTimeoutMs: 500,
    requestTimeoutMs: 1000,
    upstreamTimeoutMs: 500,
    clientIdleMs: 500
  })
  chaos = await startChaosOrigin(SEED + 1)
})

afterAll(async () => {
  await chaos.close()
  await rig.close()
})

describe('fuzz', () => {
  it(`survives 300 random and mutated requests (seed ${SEED})`, async () => {
    const t0 = Date.now()
    const tally = await runFuzz({
      proxyPort: rig.proxy.port,
      targets: [rig.origin.url, chaos.url],
      count: 300,
      seed: SEED,
      concurrency: 20,
      waitMs: 600
    })
    const answered = Object.entries(tally)
      .filter(([k]) => /^\d{3}$/.test(k))
      .reduce((n, [, v]) => n + v, 0)
    // Most inputs get some HTTP answer; the rest were cut (their bytes were a tunnel or nothing).
    expect(answered).toBeGreaterThan(150)
    expect(Date.now() - t0).toBeLessThan(25_000)
    await rig.healthy()
    // Every exchange the proxy started has ended one way or another once the clients are gone.
    await eventually(() => {
      expect(rig.proxy.proxy.tracker.openClients.size).toBe(0)
      const pending = rig.proxy.store.snapshot().exchanges.filter((e) => e.state === 'pending')
      expect(pending.map((e) => `${e.id} ${e.method} ${e.url.slice(0, 60)}`)).toEqual([])
    }, 5000)
    expect(rig.watch.errors).toEqual([])
  })
})
