// Bytes the proxy holds while exchanges are in flight: the first `limit` bytes of each body for the
// capture, and a small request body kept so an idempotent request can be sent again. Every held
// byte is taken from one shared ByteBudget, so many slow or large transfers at once cannot add up
// to unbounded memory: past the budget the capture keeps less (the body is marked truncated) and a
// request body is streamed instead of held.
import type { CapturedBody } from '../../shared/model'

/** A total of bytes shared by every in-flight exchange. */
export class ByteBudget {
  used = 0

  constructor(readonly limit: number) {}

  /** Takes up to `want` bytes; returns how many were granted (0 when the budget is spent). */
  take(want: number): number {
    const granted = Math.max(0, Math.min(want, this.limit - this.used))
    this.used += granted
    return granted
  }

  /** Takes exactly `want` bytes or nothing. */
  takeAll(want: number): boolean {
    if (this.used + want > this.limit) return false
    this.used += want
    return true
  }

  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes)
  }
}

export class BodyCollector {
  private readonly chunks: Buffer[] = []
  private kept = 0
  private released = false
  size = 0

  constructor(
    private readonly limit: number,
    private readonly budget?: ByteBudget
  ) {}

  add(chunk: Buffer): void {
    this.size += chunk.length
    if (this.kept >= this.limit || this.released) return
    const want = Math.min(chunk.length, this.limit - this.kept)
    const room = this.budget ? this.budget.take(want) : want
    if (room === 0) return
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk
    this.chunks.push(part)
    this.kept += part.length
  }

  /** The body as kept; its bytes go back to the budget (the capture store bounds them from here). */
  result(): CapturedBody {
    const body: CapturedBody = {
      size: this.size,
      truncated: this.size > this.kept,
      // Most bodies arrive in one chunk: encoded as it is, not copied into a new buffer first.
      base64: (this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.kept)).toString(
        'base64'
      )
    }
    this.release()
    return body
  }

  /** Gives the held bytes back without producing a body (the exchange ended without one). */
  release(): void {
    if (this.released) return
    this.released = true
    this.budget?.give(this.kept)
    this.chunks.length = 0
    this.kept = 0
  }
}
