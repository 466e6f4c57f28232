// The optional parts of `roundtrip serve`: recording to a file, loading a capture, and opening a
// browser through the proxy. Each reports problems as sentences; none stops the engine.
import type { Engine } from '../engine'
import { openBrowser, type BrowserHandle } from '../browser'

export interface ExtrasOptions {
  record?: string
  load?: string
  browser?: string
  browserArgs: string[]
}

export interface Extras {
  notices: string[]
  /** Resolves once the browser (if asked for) has started or failed to. */
  browserOpened: Promise<void>
  /** Fields added to the --json line. */
  describe(): Record<string, unknown>
  close(): Promise<void>
}

export async function startExtras(engine: Engine, opts: ExtrasOptions): Promise<Extras> {
  const notices: string[] = []
  let browser: BrowserHandle | undefined

  const browserOpened =
    opts.browser === undefined
      ? Promise.resolve()
      : openBrowser({
          choice: opts.browser || undefined,
          proxyUrl: engine.proxyUrl,
          extraArgs: opts.browserArgs
        }).then((result) => {
          if (result.ok) browser = result.handle
          else notices.push(result.error)
        })
  await browserOpened

  return {
    notices,
    browserOpened,
    describe: () =>
      browser
        ? { browser: { name: browser.browser.name, pid: browser.pid, profileDir: browser.profileDir } }
        : {},
    async close() {
      await browser?.close()
    }
  }
}
