// The import boundaries of Roundtrip, checked by `npm run lint` (dependency-cruiser):
//   src/shared  <-  src/main (engine)  <-  Electron shell (src/main/index.ts, window.ts, menu.ts, ipc/, src/preload)
//   src/shared  <-  src/renderer
// Nothing imports the renderer; shared imports nothing of ours outside itself; no import cycles.
/** @type {import('dependency-cruiser').IConfiguration} */
const shell = '^src/main/(index|window|menu)\\.ts$|^src/main/ipc/|^src/preload/'

module.exports = {
  forbidden: [
    {
      name: 'shared-stays-pure',
      comment: 'src/shared is plain data and pure functions used by every process: it imports only itself.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: '^src/shared/' }
    },
    {
      name: 'nothing-imports-the-renderer',
      comment: 'The renderer is a leaf: main, the preload and shared talk to it through src/shared/api.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/renderer/' },
      to: { path: '^src/renderer/' }
    },
    {
      name: 'renderer-only-shared',
      comment: 'The page imports its own code and src/shared, never main or the preload.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: '^src/(main|preload)/' }
    },
    {
      name: 'engine-not-shell',
      comment: 'The engine (proxy, capture, sample site, HAR, CLI...) must not depend on the Electron shell.',
      severity: 'error',
      from: { path: '^src/main/', pathNot: shell },
      to: { path: shell }
    },
    {
      name: 'no-cycles',
      comment:
        'A runtime import cycle (also through a dynamic import) makes load order matter; break it. ' +
        'Type-only imports vanish at build time, so a cycle made only of them is allowed (the zustand slices pattern).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|out|test|bench)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'] },
    moduleSystems: ['es6', 'cjs']
  }
}
