// The one way to register an IPC handler: it refuses calls that do not come from Roundtrip's
// own page (checked by the sender frame's URL) and validates the arguments before the handler
// sees them. Type-only electron imports, so tests can load it without Electron.
import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron'
import type { Validator } from './validate'
import { isAppUrl } from '../shell-policy/app-protocol'
import { isLoopbackHostname } from '../shell-policy/renderer-url'

/** Decides whether a frame may call into the main process. */
export type SenderCheck = (frame: Pick<WebFrameMain, 'url' | 'parent'> | null | undefined) => boolean

export type Handle = <A extends unknown[], R>(
  channel: string,
  validate: Validator<A>,
  handler: (...args: A) => R | Promise<R>
) => void

export function createHandle(ipcMain: Pick<IpcMain, 'handle'>, isTrusted: SenderCheck): Handle {
  return (channel, validate, handler) => {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      const frame = event.senderFrame
      if (!isTrusted(frame)) {
        throw new Error(
          `${channel}: refused a call from ${describe(frame?.url)}, which is not Roundtrip's own page.`
        )
      }
      return handler(...validate(channel, args))
    })
  }
}

/**
 * Roundtrip's page is its own app://roundtrip origin (the built renderer), or, in development only,
 * the electron-vite dev server on loopback (src/main/shell-policy/renderer-url.ts decides when that
 * is allowed); whichever the window loads is the only one trusted. Sub-frames are never trusted.
 */
export function trustedRenderer(opts: { devUrl?: string } = {}): SenderCheck {
  const dev = opts.devUrl ? safeUrl(opts.devUrl) : undefined
  const devOrigin = dev && isLoopbackHostname(dev.hostname) ? dev.origin : undefined
  return (frame) => {
    if (!frame || frame.parent) return false
    if (opts.devUrl === undefined) return isAppUrl(frame.url)
    const url = safeUrl(frame.url)
    return devOrigin !== undefined && devOrigin !== 'null' && url?.origin === devOrigin
  }
}

function safeUrl(text: string | undefined): URL | undefined {
  try {
    return text ? new URL(text) : undefined
  } catch {
    return undefined
  }
}

function describe(url: string | undefined): string {
  if (!url) return 'an unknown page'
  return url.length > 100 ? `${url.slice(0, 100)}...` : url
}
