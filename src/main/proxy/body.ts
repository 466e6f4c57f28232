// Keeps the first `limit` bytes of a body and counts the rest, so a large download costs the
// capture at most `limit` bytes of memory.
import type { CapturedBody } from '../../shared/model'

export class BodyCollector {
  private readonly chunks: Buffer[] = []
  private kept = 0
  size = 0

  constructor(private readonly limit: number) {}

  add(chunk: Buffer): void {
    this.size += chunk.length
    if (this.kept >= this.limit) return
    const room = this.limit - this.kept
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk
    this.chunks.push(part)
    this.kept += part.length
  }

  result(): CapturedBody {
    return {
      size: this.size,
      truncated: this.size > this.kept,
      base64: Buffer.concat(this.chunks, this.kept).toString('base64')
    }
  }
}
