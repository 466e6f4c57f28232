// Benchmarks written in TypeScript (`bench/<name>.bench.ts`) run with this config, so they can import
// src/ directly (vitest transpiles it): `npx vitest run --config bench/vitest.bench.config.ts FILE`.
// bench/run.js runs each one this way. One file at a time, no global setup, generous timeouts.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    testTimeout: 900_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    maxWorkers: 1
  }
})
