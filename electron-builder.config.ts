// Installers: `npm run dist` builds the app (electron-vite) and packs it for the platform it runs on:
// AppImage and deb on Linux, dmg on macOS, NSIS on Windows. Nothing is signed (see README). The
// afterPack hook hardens Electron's fuses in the packed binary.
import type { Configuration } from 'electron-builder'
import afterPack from './scripts/after-pack'

const config: Configuration = {
  appId: 'dev.roundtrip.app',
  productName: 'Roundtrip',
  directories: { output: 'dist', buildResources: 'build' },
  // Only the built app and the manifest; electron-builder adds the production dependencies itself.
  files: ['out/**/*', 'package.json', '!**/*.map'],
  asar: true,
  afterPack,
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Development',
    maintainer: 'Roundtrip contributors',
    synopsis: 'See how cookies, sessions and keep-alive connections really work over HTTP.'
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.developer-tools',
    // Unsigned on purpose: no Apple Developer ID here (README says how to open it anyway).
    identity: null
  },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true }
}

export default config
