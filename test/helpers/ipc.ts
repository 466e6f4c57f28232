// The Electron door for tests: a real engine and service behind the real route table (src/main/ipc/
// routes.ts) and the real sender check, with dialogs that answer as the test says. `call` invokes a
// channel as Roundtrip's own page would.
import { startEngine, type Engine } from '../../src/main/engine'
import type { Dialogs } from '../../src/main/ipc/dialogs'
import { createHandle, trustedRenderer } from '../../src/main/ipc/handle'
import { registerIpc } from '../../src/main/ipc/routes'
import { createService, type ServiceOptions } from '../../src/main/service'

type Invoke = (event: unknown, ...args: unknown[]) => Promise<unknown>
/** The event of a call from Roundtrip's own page. */
export const PAGE = { senderFrame: { url: 'app://roundtrip/index.html', parent: null } }

export interface IpcWiring {
  engine: Engine
  /** Calls a channel from Roundtrip's own page (or from `event`'s frame). */
  call(channel: string, ...args: unknown[]): Promise<unknown>
  callFrom(event: unknown, channel: string, ...args: unknown[]): Promise<unknown>
  /** What main sent to the page: [channel, payload]. */
  sent: [string, unknown][]
  /** The paths the next open and save dialogs answer with (undefined: canceled). */
  answer: { open?: string; save?: string }
  close(): Promise<void>
}

export async function wireIpc(opts: Partial<Omit<ServiceOptions, 'engine'>> = {}): Promise<IpcWiring> {
  const engine = await startEngine({ proxyPort: 0, samplePort: 0, batchMs: 10 })
  const handlers = new Map<string, Invoke>()
  const handle = createHandle(
    { handle: (channel: string, fn: Invoke) => void handlers.set(channel, fn) } as never,
    trustedRenderer()
  )
  const service = createService({ version: 'test', ...opts, engine })
  const answer: IpcWiring['answer'] = {}
  const sent: [string, unknown][] = []
  const dialog: Dialogs = {
    showOpenDialog: async () =>
      answer.open ? { canceled: false, filePaths: [answer.open] } : { canceled: true, filePaths: [] },
    showSaveDialog: async () =>
      answer.save ? { canceled: false, filePath: answer.save } : { canceled: true, filePath: '' }
  }
  const stop = registerIpc(handle, service, { dialog, send: (c, p) => void sent.push([c, p]) })
  const callFrom = (event: unknown, channel: string, ...args: unknown[]): Promise<unknown> => {
    const fn = handlers.get(channel)
    if (!fn) throw new Error(`no handler for ${channel}; registered: ${[...handlers.keys()].join(', ')}`)
    return fn(event, ...args)
  }
  return {
    engine,
    call: (channel, ...args) => callFrom(PAGE, channel, ...args),
    callFrom,
    sent,
    answer,
    async close() {
      stop()
      await service.closeBrowsers()
      await engine.close({ graceMs: 0 })
    }
  }
}
