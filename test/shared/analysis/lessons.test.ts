// The lessons on a real capture: curl drives the sample site through the engine's proxy step by step,
// and after each step the pure lesson function, fed the capture store's records, ticks off exactly that
// step, naming an exchange that shows it.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Engine } from '../../../src/main/engine'
import {
  LESSON_STEPS,
  lessonProgress,
  type LessonProgress,
  type LessonStep
} from '../../../src/shared/analysis/lessons'
import { connection, exchange } from '../../helpers/capture-factory'
import { eventually } from '../../helpers/net'
import { csrfOf, startProxiedSite, type CurlJar } from '../../helpers/sample-client'

const SITE = 'http://roundtrip.test'
const run = promisify(execFile)
let engine: Engine
let jar: CurlJar

beforeAll(async () => {
  ;({ engine, jar } = await startProxiedSite())
})

afterAll(async () => {
  await engine.close()
  await jar.remove()
})

const proxy = (): string[] => ['-x', engine.proxyUrl]
/** curl without the jar: a second visitor, or one who sends only what the command line says. */
const bare = (...args: string[]): Promise<unknown> =>
  run('curl', ['-sS', '-o', '/dev/null', '-o', '/dev/null', '-x', engine.proxyUrl, ...args])

/** The progress once the capture holds `count` finished exchanges. */
async function progress(count: number): Promise<Map<LessonStep, LessonProgress>> {
  return eventually(() => {
    const s = engine.store.snapshot()
    expect(s.exchanges.filter((x) => x.state !== 'pending')).toHaveLength(count)
    const p = lessonProgress({
      exchanges: s.exchanges,
      connections: s.connections,
      sessionEvents: s.sessionEvents,
      storeSize: engine.sample.sessions().length
    })
    return new Map(p.map((l) => [l.step, l]))
  })
}

function done(p: Map<LessonStep, LessonProgress>): LessonStep[] {
  return LESSON_STEPS.filter((step) => p.get(step)?.done)
}

function urlOf(p: Map<LessonStep, LessonProgress>, step: LessonStep): string {
  const id = p.get(step)?.exchangeId
  const x = engine.store.snapshot().exchanges.find((e) => e.id === id)
  return x ? `${x.method} ${new URL(x.url).pathname}` : `none (${String(id)})`
}

describe('lessons ticked off by a real capture', () => {
  it('starts with nothing done', () => {
    const p = lessonProgress({ exchanges: [], connections: [], sessionEvents: [] })
    expect(p.map((l) => l.step)).toEqual([...LESSON_STEPS])
    expect(p.every((l) => !l.done && l.exchangeId === undefined)).toBe(true)
  })

  it('follows the tour step by step, each proved by the exchange that shows it', async () => {
    await bare(`${SITE}/`)
    let p = await progress(1)
    expect(done(p)).toEqual(['alone'])
    expect(urlOf(p, 'alone')).toBe('GET /')

    // One curl, two URLs: the second request rides the first one's connection. Then /close.
    await bare(`${SITE}/gallery`, `${SITE}/img/1.svg`)
    p = await progress(3)
    expect(p.get('keep-alive')?.done).toBe(false)
    await bare(`${SITE}/close`)
    p = await progress(4)
    expect(done(p)).toEqual(['alone', 'keep-alive'])
    expect(urlOf(p, 'keep-alive')).toBe('GET /close')

    // A theme cookie set, then sent back to the same page that was asked for without cookies.
    await jar.run(`${SITE}/theme?name=dark`, proxy())
    p = await progress(5)
    expect(p.get('cookie')?.done).toBe(false)
    await jar.run(`${SITE}/`, proxy())
    p = await progress(6)
    expect(done(p)).toEqual(['alone', 'keep-alive', 'stateless', 'cookie'])
    expect(urlOf(p, 'cookie')).toBe('GET /')
    expect(p.get('three-uses')?.uses).toEqual({ personalization: expect.any(String) })

    // Log in: the session ID issued, rotated, sent back; the tracker's pixel completes the three uses.
    const form = await jar.run(`${SITE}/login`, proxy())
    await jar.run(`${SITE}/login`, [
      ...proxy(),
      '--data-urlencode',
      `csrf=${csrfOf(form.body)}`,
      '--data-urlencode',
      'username=alice',
      '--data-urlencode',
      'password=wonderland'
    ])
    const account = await jar.run(`${SITE}/account`, proxy())
    await jar.run('http://tracker.test/pixel.gif', proxy())
    p = await progress(10)
    expect(done(p)).toEqual(['alone', 'keep-alive', 'stateless', 'cookie', 'three-uses', 'session'])
    expect(urlOf(p, 'session')).toBe('GET /account')
    expect(urlOf(p, 'three-uses')).toBe('GET /pixel.gif')

    // The naive login believes an edited cookie.
    await jar.run(`${SITE}/naive/login`, [...proxy(), '-d', 'username=alice&password=wonderland'])
    p = await progress(11)
    expect(p.get('naive-cookie')?.done).toBe(false)
    await bare('-b', 'user=bob', `${SITE}/naive/login`)
    p = await progress(12)
    expect(p.get('naive-cookie')?.done).toBe(true)
    expect(urlOf(p, 'naive-cookie')).toBe('GET /naive/login')

    // A second visitor: two sessions in the store at once.
    expect(p.get('cost')?.done).toBe(false)
    await bare(`${SITE}/login`)
    p = await progress(13)
    expect(p.get('cost')).toMatchObject({ done: true, sessions: 2 })
    expect(urlOf(p, 'cost')).toBe('GET /login')

    await jar.run(`${SITE}/logout`, [...proxy(), '--data-urlencode', `csrf=${csrfOf(account.body)}`])
    p = await progress(14)
    expect(done(p)).toEqual([...LESSON_STEPS])
    expect(urlOf(p, 'logout')).toBe('POST /logout')
  })
})

describe('what does not count', () => {
  const c1 = connection('c1', { exchangeIds: [] })

  it('a cookie sent back to the server that set it is not someone else', () => {
    const set = exchange({
      method: 'POST',
      url: `${SITE}/naive/login`,
      status: 303,
      responseHeaders: [['Set-Cookie', 'user=alice; Path=/']]
    })
    const again = exchange({ url: `${SITE}/naive/login`, requestHeaders: [['Cookie', 'user=alice']] })
    const p = lessonProgress({ exchanges: [set, again], connections: [c1], sessionEvents: [] })
    expect(p.find((l) => l.step === 'naive-cookie')?.done).toBe(false)
  })

  it('traffic to other sites teaches nothing about the sample site', () => {
    const other = exchange({ url: 'http://example.test/close', sequence: 2 })
    const p = lessonProgress({ exchanges: [other], connections: [c1], sessionEvents: [] })
    expect(p.some((l) => l.done)).toBe(false)
  })

  it('a /close whose connection carried another request afterwards did not end it', () => {
    const close = exchange({ url: `${SITE}/close`, clientConnectionId: 'c2' })
    const after = exchange({ url: `${SITE}/`, clientConnectionId: 'c2', sequence: 2 })
    const c2 = connection('c2', { exchangeIds: [close.id, after.id], closedAt: close.startedAt + 50 })
    const p = lessonProgress({ exchanges: [close, after], connections: [c2], sessionEvents: [] })
    expect(p.find((l) => l.step === 'keep-alive')?.done).toBe(false)
  })
})
