// Replay over IPC: the page asks for the live capture or the file it opened last (main keeps that
// file's HAR, so no recording travels back over IPC); main re-sends it through the proxy.
import type { ReplayRunner } from '../replay/runner'
import { CHANNELS } from './channels'
import type { Handle } from './handle'
import { replayArgs } from './validate'

export function registerReplayIpc(handle: Handle, runner: ReplayRunner): void {
  handle(CHANNELS.replay, replayArgs, (request) => runner.run(request))
}
