// Builds a TypeScript entry into one ESM file a plain `node` child process can run.
import { join } from 'node:path'
import { build } from 'rolldown'

export async function buildChild(entry: string, outDir: string): Promise<string> {
  const file = join(outDir, entry.replace(/^.*[\\/]/, '').replace(/\.ts$/, '.mjs'))
  await build({ input: entry, platform: 'node', logLevel: 'silent', output: { file, format: 'esm' } })
  return file
}
