// The sample site's server-side session store: the server keeps the user's data, the browser
// keeps only a random ID in the `sid` cookie. Written by hand (about a hundred lines) so it can be
// read, and so it does what the OWASP Session Management Cheat Sheet asks and common libraries
// leave to you: IDs from a cryptographic source with 256 bits of entropy, a new ID at login
// (rotation, against session fixation), an idle timeout and an absolute timeout both enforced here
// on the server, IDs the server did not issue are never adopted, and the store is bounded: past
// `maxSessions` the oldest pre-login session is evicted (a flood of cookieless visits costs the
// server a bounded amount of memory, which is the price of server-side sessions made visible).
import { randomBytes } from 'node:crypto'
import type { ServerSession, ServerSessionEvent, SessionStoreStats } from '../../shared/model'

export const DEFAULT_IDLE_MS = 15 * 60 * 1000
export const DEFAULT_MAX_MS = 8 * 60 * 60 * 1000
/** Sessions kept at most; a new one past it evicts the oldest pre-login session (else the oldest). */
export const DEFAULT_MAX_SESSIONS = 300

/** Who caused a change: the remote port of the socket whose request led to it (0 for the sweep). */
export interface EventContext {
  remotePort: number
}

export interface SessionStoreOptions {
  /** The clock, in epoch milliseconds. Tests pass their own to move time forward. */
  now?: () => number
  /** How long a session may sit unused. */
  idleMs?: number
  /** How long a session may live at all, however busy. */
  maxMs?: number
  /** Sessions kept at most (default DEFAULT_MAX_SESSIONS). */
  maxSessions?: number
  onEvent?: (event: ServerSessionEvent, ctx: EventContext) => void
}

interface StoredSession {
  id: string
  user?: string
  data: Record<string, unknown>
  createdAt: number
  lastSeenAt: number
}

/** 32 random bytes (256 bits) as base64url: 43 characters, safe in a cookie without quoting. */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url')
}

export class SessionStore {
  private readonly sessions = new Map<string, StoredSession>()
  readonly now: () => number
  readonly idleMs: number
  readonly maxMs: number
  readonly maxSessions: number
  private evicted = 0
  private readonly onEvent: (event: ServerSessionEvent, ctx: EventContext) => void

  constructor(options: SessionStoreOptions = {}) {
    this.now = options.now ?? Date.now
    this.idleMs = positive(options.idleMs, DEFAULT_IDLE_MS, 'idleMs')
    this.maxMs = positive(options.maxMs, DEFAULT_MAX_MS, 'maxMs')
    this.maxSessions = Math.floor(positive(options.maxSessions, DEFAULT_MAX_SESSIONS, 'maxSessions'))
    this.onEvent = options.onEvent ?? (() => {})
  }

  /** Starts a session with a fresh ID. */
  create(data: Record<string, unknown>, ctx: EventContext): ServerSession {
    const at = this.now()
    const session: StoredSession = { id: newSessionId(), data: { ...data }, createdAt: at, lastSeenAt: at }
    this.makeRoom()
    this.sessions.set(session.id, session)
    this.emit({ at, kind: 'created', sessionId: session.id }, ctx)
    return this.view(session)
  }

  /**
   * Looks a session up by the ID a browser sent and marks it as used. Returns undefined for an ID
   * the server does not know, and ends (with an `expired` event) a session past either timeout.
   */
  touch(id: string, ctx: EventContext): ServerSession | undefined {
    const session = this.sessions.get(id)
    if (!session) return undefined
    const at = this.now()
    if (this.expireIfDue(session, at, ctx)) return undefined
    session.lastSeenAt = at
    return this.view(session)
  }

  /** Changes a session's data (a shallow merge) without touching its timers. */
  update(id: string, data: Record<string, unknown>): ServerSession | undefined {
    const session = this.sessions.get(id)
    if (!session) return undefined
    session.data = { ...session.data, ...data }
    return this.view(session)
  }

  /**
   * Gives a session a brand-new ID (the old one stops working at once), as at login. The user and
   * data are replaced by `next`; the timers start again, since the logged-in session begins now.
   */
  rotate(
    id: string,
    next: { user?: string; data: Record<string, unknown> },
    ctx: EventContext
  ): ServerSession | undefined {
    const old = this.sessions.get(id)
    if (!old) return undefined
    this.sessions.delete(id)
    const at = this.now()
    this.makeRoom()
    const session: StoredSession = {
      id: newSessionId(),
      user: next.user,
      data: { ...next.data },
      createdAt: at,
      lastSeenAt: at
    }
    this.sessions.set(session.id, session)
    this.emit({ at, kind: 'rotated', sessionId: session.id, previousId: id, user: session.user }, ctx)
    return this.view(session)
  }

  /** Ends a session on the server, as at logout. Returns whether it existed. */
  destroy(id: string, ctx: EventContext): boolean {
    const session = this.sessions.get(id)
    if (!session) return false
    this.sessions.delete(id)
    this.emit({ at: this.now(), kind: 'destroyed', sessionId: id, user: session.user }, ctx)
    return true
  }

  /** Ends every session past a timeout (the periodic sweep; requests also find them lazily). */
  sweep(ctx: EventContext = { remotePort: 0 }): number {
    const at = this.now()
    let ended = 0
    for (const session of [...this.sessions.values()]) if (this.expireIfDue(session, at, ctx)) ended++
    return ended
  }

  /** The live sessions as the server sees them (copies; changing them changes nothing). */
  list(): ServerSession[] {
    return [...this.sessions.values()].map((s) => this.view(s))
  }

  get size(): number {
    return this.sessions.size
  }

  stats(): SessionStoreStats {
    return { size: this.sessions.size, max: this.maxSessions, evicted: this.evicted }
  }

  /** Below the bound before a session is added: the oldest pre-login session goes (else the oldest). */
  private makeRoom(): void {
    while (this.sessions.size >= this.maxSessions) {
      let victim: StoredSession | undefined
      // A Map keeps insertion order, and sessions are inserted as they are created or rotated.
      for (const s of this.sessions.values()) {
        if (s.user === undefined) {
          victim = s
          break
        }
      }
      victim ??= this.sessions.values().next().value
      if (!victim) return
      this.sessions.delete(victim.id)
      this.evicted++
    }
  }

  private expireIfDue(session: StoredSession, at: number, ctx: EventContext): boolean {
    const idleEnd = session.lastSeenAt + this.idleMs
    const absoluteEnd = session.createdAt + this.maxMs
    if (at < idleEnd && at < absoluteEnd) return false
    this.sessions.delete(session.id)
    const reason = absoluteEnd <= idleEnd ? 'absolute' : 'idle'
    this.emit({ at, kind: 'expired', sessionId: session.id, user: session.user, reason }, ctx)
    return true
  }

  private view(s: StoredSession): ServerSession {
    const idleExpiresAt = s.lastSeenAt + this.idleMs
    const absoluteExpiresAt = s.createdAt + this.maxMs
    return {
      id: s.id,
      ...(s.user === undefined ? {} : { user: s.user }),
      data: structuredClone(s.data),
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      idleExpiresAt,
      absoluteExpiresAt,
      expiresAt: Math.min(idleExpiresAt, absoluteExpiresAt)
    }
  }

  private emit(event: ServerSessionEvent, ctx: EventContext): void {
    if (event.user === undefined) delete event.user
    try {
      this.onEvent(event, ctx)
    } catch {
      // A listener's mistake must not break the store or the request that caused the event.
    }
  }
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive number of milliseconds, got ${String(value)}.`)
  }
  return value
}
