// Loads the real engine for benchmarks on plain Node. Node 20 cannot run the TypeScript in
// src/ and the app build bundles the engine into the CLI, so this compiles src/main/engine with
// Vite's SSR build (Vite is already a dev dependency) into bench/results/engine/ once per run
// and imports it. Dependencies (http-proxy) stay external and load from node_modules.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { dirname, join } from 'node:path'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const OUT = join(ROOT, 'bench', 'results', 'engine')
const ENTRIES = {
  engine: 'src/main/engine/index.ts',
  proxy: 'src/main/proxy/index.ts',
  store: 'src/main/capture/store.ts',
  ca: 'src/main/ca/index.ts',
  leaves: 'src/main/ca/leaves.ts',
  authority: 'src/main/ca/authority.ts'
}

/**
 * Compiles TypeScript modules of src/ for plain Node with Vite's SSR build, quietly: `entries` maps
 * output names to paths under the project; each becomes `<outDir>/<name>.mjs`.
 */
export async function buildModules(entries, outDir) {
  const { build } = await import('vite')
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'error',
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: {
        input: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, join(ROOT, v)])),
        output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' }
      }
    }
  })
  return outDir
}

/** Builds the engine bundle; quiet. Returns the output directory. */
export function buildEngine() {
  return buildModules(ENTRIES, OUT)
}

/** Imports a built module ('engine', 'proxy' or 'store'), building first when it is missing or older than src. */
export async function loadBuilt(name = 'engine') {
  const file = join(OUT, `${name}.mjs`)
  if (!existsSync(file) || process.env.BENCH_REBUILD === '1') await buildEngine()
  else if (process.env.BENCH_ENGINE_READY !== '1' && statSync(file).mtimeMs < newestSource())
    await buildEngine()
  // Child processes use this build as it is: rebuilding under a running benchmark would race.
  process.env.BENCH_ENGINE_READY = '1'
  process.env.BENCH_REBUILD = ''
  return import(pathToFileURL(file).href)
}

function newestSource() {
  let newest = 0
  for (const dir of [
    'src/main/engine',
    'src/main/proxy',
    'src/main/capture',
    'src/main/sample-server',
    'src/main/ca'
  ]) {
    const abs = join(ROOT, dir)
    if (!existsSync(abs)) continue
    for (const name of readdirSync(abs)) newest = Math.max(newest, statSync(join(abs, name)).mtimeMs)
  }
  return newest
}
