import { describe, expect, it } from 'vitest'
import type { ServerSessionEvent } from '../../../src/shared/model'
import { newSessionId, SessionStore } from '../../../src/main/sample-server/session-store'
import { testClock } from '../../helpers/sample-client'

const MIN = 60_000

function storeWithLog(idleMs = 15 * MIN, maxMs = 8 * 60 * MIN) {
  const clock = testClock()
  const events: { event: ServerSessionEvent; remotePort: number }[] = []
  const store = new SessionStore({
    now: clock.now,
    idleMs,
    maxMs,
    onEvent: (event, ctx) => events.push({ event, remotePort: ctx.remotePort })
  })
  return { store, clock, events }
}

describe('session ids', () => {
  it('are 32 random bytes as base64url, never repeated', () => {
    const ids = new Set(Array.from({ length: 500 }, () => newSessionId()))
    expect(ids.size).toBe(500)
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(Buffer.from(id, 'base64url').length).toBe(32)
    }
  })
})

describe('SessionStore', () => {
  it('creates, finds and lists sessions with their deadlines', () => {
    const { store, clock, events } = storeWithLog(10 * MIN, 60 * MIN)
    const s = store.create({ csrf: 'x' }, { remotePort: 4242 })
    expect(events).toEqual([
      { event: { at: clock.now(), kind: 'created', sessionId: s.id }, remotePort: 4242 }
    ])
    clock.advance(MIN)
    const seen = store.touch(s.id, { remotePort: 1 })
    expect(seen?.lastSeenAt).toBe(s.createdAt + MIN)
    expect(seen?.idleExpiresAt).toBe(s.createdAt + 11 * MIN)
    expect(seen?.absoluteExpiresAt).toBe(s.createdAt + 60 * MIN)
    expect(seen?.expiresAt).toBe(s.createdAt + 11 * MIN)
    expect(store.list().map((x) => x.id)).toEqual([s.id])
    expect(store.touch('made-up-by-the-client', { remotePort: 1 })).toBeUndefined()
  })

  it('returns copies: changing a listed session changes nothing in the store', () => {
    const { store } = storeWithLog()
    const s = store.create({ visits: 1 }, { remotePort: 1 })
    const listed = store.list()[0]!
    listed.data.visits = 99
    listed.user = 'mallory'
    expect(store.list()[0]).toMatchObject({ data: { visits: 1 } })
    expect(store.list()[0]?.user).toBeUndefined()
    expect(store.update(s.id, { visits: 2 })?.data.visits).toBe(2)
  })

  it('ends a session left idle, found when it is next asked for', () => {
    const { store, clock, events } = storeWithLog(10 * MIN)
    const s = store.create({}, { remotePort: 1 })
    clock.advance(9 * MIN)
    expect(store.touch(s.id, { remotePort: 2 })).toBeDefined()
    clock.advance(9 * MIN) // 9 minutes after the last use: still alive
    expect(store.touch(s.id, { remotePort: 3 })).toBeDefined()
    clock.advance(10 * MIN)
    expect(store.touch(s.id, { remotePort: 5555 })).toBeUndefined()
    expect(events.at(-1)).toEqual({
      event: { at: clock.now(), kind: 'expired', sessionId: s.id, reason: 'idle' },
      remotePort: 5555
    })
    expect(store.size).toBe(0)
  })

  it('ends a busy session at the absolute timeout however often it is used', () => {
    const { store, clock, events } = storeWithLog(10 * MIN, 30 * MIN)
    const s = store.create({}, { remotePort: 1 })
    for (let i = 0; i < 5; i++) {
      clock.advance(5 * MIN)
      expect(store.touch(s.id, { remotePort: 1 })).toBeDefined()
    }
    clock.advance(5 * MIN) // 30 minutes since creation, 5 since last use
    expect(store.touch(s.id, { remotePort: 7 })).toBeUndefined()
    expect(events.at(-1)?.event).toMatchObject({ kind: 'expired', sessionId: s.id, reason: 'absolute' })
  })

  it('rotates to a new id: the old one stops working, the event names both', () => {
    const { store, clock, events } = storeWithLog()
    const before = store.create({ csrf: 'a' }, { remotePort: 1 })
    clock.advance(1000)
    const after = store.rotate(before.id, { user: 'alice', data: { csrf: 'b' } }, { remotePort: 9 })
    expect(after?.id).toBeDefined()
    expect(after?.id).not.toBe(before.id)
    expect(after).toMatchObject({ user: 'alice', data: { csrf: 'b' }, createdAt: clock.now() })
    expect(store.touch(before.id, { remotePort: 1 })).toBeUndefined()
    expect(store.touch(after!.id, { remotePort: 1 })?.user).toBe('alice')
    expect(events.at(-1)).toEqual({
      event: { at: clock.now(), kind: 'rotated', sessionId: after!.id, previousId: before.id, user: 'alice' },
      remotePort: 9
    })
    expect(store.rotate('unknown', { data: {} }, { remotePort: 1 })).toBeUndefined()
  })

  it('destroys a session once', () => {
    const { store, events } = storeWithLog()
    const s = store.rotate(
      store.create({}, { remotePort: 1 }).id,
      { user: 'bob', data: {} },
      { remotePort: 1 }
    )!
    expect(store.destroy(s.id, { remotePort: 3 })).toBe(true)
    expect(store.destroy(s.id, { remotePort: 3 })).toBe(false)
    expect(events.filter((e) => e.event.kind === 'destroyed')).toEqual([
      { event: expect.objectContaining({ kind: 'destroyed', sessionId: s.id, user: 'bob' }), remotePort: 3 }
    ])
    expect(store.list()).toEqual([])
  })

  it('sweeps expired sessions and reports them with remote port 0', () => {
    const { store, clock, events } = storeWithLog(10 * MIN)
    const old = store.create({}, { remotePort: 1 })
    clock.advance(6 * MIN)
    const young = store.create({}, { remotePort: 1 })
    clock.advance(5 * MIN)
    expect(store.sweep()).toBe(1)
    expect(store.list().map((s) => s.id)).toEqual([young.id])
    expect(events.at(-1)).toMatchObject({
      event: { kind: 'expired', sessionId: old.id, reason: 'idle' },
      remotePort: 0
    })
  })

  it('keeps working when an event listener throws', () => {
    const store = new SessionStore({
      onEvent: () => {
        throw new Error('listener bug')
      }
    })
    const s = store.create({}, { remotePort: 1 })
    expect(store.touch(s.id, { remotePort: 1 })?.id).toBe(s.id)
  })

  it('refuses timeouts that are not positive, with a sentence', () => {
    expect(() => new SessionStore({ idleMs: 0 })).toThrow(/idleMs must be a positive number/)
    expect(() => new SessionStore({ maxMs: Number.NaN })).toThrow(/maxMs must be a positive number/)
  })
})
