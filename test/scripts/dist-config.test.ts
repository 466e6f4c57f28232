// The installer configuration (electron-builder) and its fuse hook. Building needs Electron's download,
// so this checks what can be checked here: the targets, what goes into the app, and that the afterPack
// hook really flips the fuses, on a file laid out like Electron's fuse wire.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { afterAll, describe, expect, it } from 'vitest'
import config from '../../electron-builder.config'
import afterPack, { electronBinary, FUSES } from '../../scripts/after-pack'
import pkg from '../../package.json'

const dir = mkdtempSync(join(tmpdir(), 'roundtrip-dist-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Electron's fuse wire as it ships: sentinel, version 1, length, then one byte per fuse ('1' on, '0' off). */
function fakeElectron(path: string): void {
  const shipped = '101100011' // RunAsNode, CookieEncryption, NodeOptions, Inspect, AsarIntegrity, OnlyAsar, …
  const wire = Buffer.concat([
    Buffer.from('some machine code before'),
    Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
    Buffer.from([1, shipped.length]),
    Buffer.from(shipped),
    Buffer.from('and after')
  ])
  writeFileSync(path, wire)
}

describe('npm run dist', () => {
  it('builds the app first, then the installers with this configuration', () => {
    expect(pkg.scripts.dist).toBe('npm run build && electron-builder --config electron-builder.config.ts')
  })

  it('makes AppImage and deb on Linux, dmg on macOS, NSIS on Windows', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.mac?.target).toEqual(['dmg'])
    expect(config.win?.target).toEqual(['nsis'])
    expect(config.productName).toBe('Roundtrip')
    expect(config.directories?.output).toBe('dist')
  })

  it('packs only the built app (in an asar archive) and its manifest', () => {
    expect(config.files).toEqual(['out/**/*', 'package.json', '!**/*.map'])
    expect(config.asar).toBe(true)
    // The app's entry point is inside what is packed.
    expect(pkg.main).toBe('./out/main/index.js')
  })

  it('is unsigned on macOS on purpose', () => {
    expect(config.mac?.identity).toBeNull()
  })

  it('hardens the fuses: no RunAsNode, NODE_OPTIONS or inspect arguments; cookie encryption, asar integrity, asar only', () => {
    expect(config.afterPack).toBe(afterPack)
    expect(FUSES).toMatchObject({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true
    })
  })

  it('finds the packed executable on each platform', () => {
    const packager = { appInfo: { productFilename: 'Roundtrip' }, executableName: 'roundtrip' }
    const at = (electronPlatformName: string): string =>
      electronBinary({ appOutDir: '/out', electronPlatformName, packager })
    expect(at('linux')).toBe(join('/out', 'roundtrip'))
    expect(at('win32')).toBe(join('/out', 'Roundtrip.exe'))
    expect(at('darwin')).toBe(join('/out', 'Roundtrip.app', 'Contents', 'MacOS', 'Roundtrip'))
  })

  it('flips the fuses in the packed binary (afterPack on a Linux build)', async () => {
    const binary = join(dir, 'roundtrip')
    fakeElectron(binary)
    const before = await getCurrentFuseWire(binary)
    expect(before[FuseV1Options.RunAsNode]).toBe(FuseState.ENABLE)
    await afterPack({
      appOutDir: dir,
      electronPlatformName: 'linux',
      packager: { appInfo: { productFilename: 'Roundtrip' }, executableName: 'roundtrip' }
    })
    const after = await getCurrentFuseWire(binary)
    expect(after[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE)
    expect(after[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE)
    expect(after[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE)
    expect(after[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE)
    expect(after[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE)
    expect(after[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE)
    // Fuses it does not set keep what Electron shipped.
    expect(after[FuseV1Options.WasmTrapHandlers]).toBe(before[FuseV1Options.WasmTrapHandlers])
  })
})
