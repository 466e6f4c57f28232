// Types for bench/fuzz-cases.js, so the TypeScript fuzz test can import it.
export { prng } from './lib/prng.js'
export function fuzzRequest(rand: () => number, targets: string[]): Buffer
export function fuzzResponse(rand: () => number): {
  bytes: Buffer
  then: 'end' | 'keep' | 'reset' | 'destroy'
}
export function startChaosOrigin(seed: number): Promise<{ url: string; close(): Promise<void> }>
export function runFuzz(opts: {
  proxyPort: number
  targets: string[]
  count: number
  seed: number
  concurrency?: number
  waitMs?: number
}): Promise<Record<string, number>>
