// Where Roundtrip keeps what must outlive a run (today: its local CA). `$ROUNDTRIP_HOME` wins, so
// tests and portable installs choose their own place; otherwise the OS's per-user config directory.
import os from 'node:os'
import path from 'node:path'

export function roundtripHome(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform
): string {
  if (env.ROUNDTRIP_HOME) return path.resolve(env.ROUNDTRIP_HOME)
  const home = os.homedir()
  if (platform === 'win32')
    return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'roundtrip')
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'roundtrip')
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'roundtrip')
}
