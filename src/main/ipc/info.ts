// Where the engine listens, for the start screen, and moving the proxy to another port. (The engine
// itself takes a free port when 8080 or 3000 is taken, for the app and `serve` alike.)
import type { RoundtripInfo, SetProxyPortResult } from '../../shared/api/contract'
import { CHANNELS } from './channels'
import type { Handle } from './handle'
import { noArgs, portArgs } from './validate'

export type { RoundtripInfo, SetProxyPortResult }

export function registerInfoIpc(
  handle: Handle,
  info: () => RoundtripInfo,
  setProxyPort: (port: number) => Promise<string>
): void {
  handle(CHANNELS.getInfo, noArgs, () => info())
  handle(CHANNELS.setProxyPort, portArgs, async (port): Promise<SetProxyPortResult> => {
    try {
      return { status: 'moved', proxy: await setProxyPort(port) }
    } catch (err) {
      return { status: 'error', error: (err as Error).message.replace('--proxy-port', 'another port') }
    }
  })
}
