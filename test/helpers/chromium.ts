// Debian's Chromium for tests, started the one way this machine allows: no sandbox (root), no GPU,
// and none of the background traffic a closed network would refuse.
import { chromium, type Browser, type LaunchOptions } from 'playwright-core'

export const CHROMIUM_PATH = '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
]

/** Launches headless Chromium; `proxy` sends every request of the browser through that proxy. */
export function launchChromium(
  options: { proxy?: string } & Omit<LaunchOptions, 'proxy'> = {}
): Promise<Browser> {
  const { proxy, ...rest } = options
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    ...(proxy ? { proxy: { server: proxy } } : {}),
    ...rest
  })
}
