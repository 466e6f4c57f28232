#!/usr/bin/env node
// The `roundtrip` command: runs the headless engine built into out/main/cli.js (plain Node, no Electron).
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { dirname, join } from 'node:path'

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  console.error(
    'roundtrip: the engine is not built yet (out/main/cli.js is missing). Run `npm run build` first.'
  )
  process.exit(2)
}
const { main } = await import(pathToFileURL(cli).href)
process.exitCode = await main(process.argv.slice(2))
