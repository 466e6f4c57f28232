// electron-builder's afterPack hook: hardens the packaged Electron binary's fuses before it is signed and
// wrapped in an installer. Switched off: running as plain Node (ELECTRON_RUN_AS_NODE), NODE_OPTIONS and
// --inspect arguments (each would let anyone run code inside the app); switched on: cookie encryption,
// asar integrity validation, and loading the app only from its asar archive.
import { join } from 'node:path'
import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses'

export const FUSES = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true
} satisfies FuseV1Config

/** What the hook reads from electron-builder's AfterPackContext. */
export interface PackedApp {
  appOutDir: string
  electronPlatformName: string
  /** On Linux the packager also names the executable (lower-case, no spaces). */
  packager: { appInfo: { productFilename: string }; executableName?: string }
}

/** The packaged Electron executable for the platform being built. */
export function electronBinary(context: PackedApp): string {
  const name = context.packager.appInfo.productFilename
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(context.appOutDir, `${name}.app`, 'Contents', 'MacOS', name)
    case 'win32':
      return join(context.appOutDir, `${name}.exe`)
    default:
      return join(context.appOutDir, context.packager.executableName ?? name)
  }
}

export default async function afterPack(context: PackedApp): Promise<void> {
  const darwin = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas'
  // Flipping fuses breaks an ad-hoc signature on Apple silicon: sign it again (ad hoc) when that is all it had.
  await flipFuses(electronBinary(context), { ...FUSES, resetAdHocDarwinSignature: darwin })
}
