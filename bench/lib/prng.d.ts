// Types for bench/lib/prng.js, so TypeScript tests can import it.
export function prng(seed: number): () => number
