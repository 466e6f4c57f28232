// Starts a real browser whose traffic goes through the proxy, in a fresh temporary profile so
// the user's everyday profile and system settings are never touched, and removes that profile
// when the browser exits. Never imports electron: `roundtrip serve --browser` uses it too.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FoundBrowser } from './discover'
import { BrowserExitError, exitCause, TailLines, type BrowserExitParams } from './exit'
import { FIREFOX_QUIET_ENV, firefoxQuietPrefs } from './firefox-prefs'
import { SAMPLE_URL } from './manual'
import { proxyAddress } from './pac'
import { chromiumTrustArgs, trustInFirefoxProfile, type CaTrust } from './trust'

export interface LaunchOptions {
  browser: FoundBrowser
  /** The proxy, as `http://HOST:PORT`. */
  proxyUrl: string
  /** The first page; the sample site unless told otherwise. */
  url?: string
  /** Passed to the browser after Roundtrip's own arguments (e.g. `--headless=new`). */
  extraArgs?: string[]
  /** Where the temporary profile is made; the system's temp directory by default. */
  tmpDir?: string
  /** How long close() waits after asking the browser to quit before it forces it. */
  killAfterMs?: number
  /**
   * How long launch waits to see the browser stay up: one that exits sooner rejects with a
   * BrowserExitError (its exit code, last stderr lines and the fix). Default 1.5 s.
   */
  settleMs?: number
  /** Running as root (Chromium then needs --no-sandbox); the real user by default. */
  asRoot?: boolean
  /** Roundtrip's CA, trusted by this browser process only (HTTPS interception). */
  trust?: CaTrust
}

export interface BrowserHandle {
  browser: FoundBrowser
  pid: number | undefined
  profileDir: string
  /** Resolves with the exit code (null when a signal ended it) once the profile is removed. */
  exited: Promise<number | null>
  /** Why it exited, once it has, for a notice (undefined while it runs or after close()). */
  exitReport(): BrowserExitParams | undefined
  /** Asks the browser to quit (forcing it if it does not), then waits for `exited`. */
  close(): Promise<void>
  /** Anything the user should know (e.g. Firefox could not be told to trust the CA). */
  notices?: string[]
}

export function chromiumArgs(
  proxyUrl: string,
  profileDir: string,
  url: string,
  extra: string[] = [],
  trust?: CaTrust
): string[] {
  const { host, port } = proxyAddress(proxyUrl)
  const hostPort = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
  return [
    `--proxy-server=http://${hostPort}`,
    // Chromium never proxies loopback addresses unless told to; this sends localhost through too.
    '--proxy-bypass-list=<-loopback>',
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    ...chromiumTrustArgs(trust),
    ...extra,
    url
  ]
}

/** Preferences for a throwaway Firefox profile that sends everything, localhost included, through the proxy. */
export function firefoxPrefs(proxyUrl: string): Record<string, string | number | boolean> {
  const { host, port } = proxyAddress(proxyUrl)
  return {
    'network.proxy.type': 1,
    'network.proxy.http': host,
    'network.proxy.http_port': port,
    'network.proxy.ssl': host,
    'network.proxy.ssl_port': port,
    'network.proxy.share_proxy_settings': true,
    'network.proxy.allow_hijacking_localhost': true,
    'network.proxy.no_proxies_on': '',
    // Let `roundtrip.test` typed in the address bar count as a site, not a search.
    'browser.fixup.domainsuffixwhitelist.test': true,
    // No first-run screens, default-browser questions or background checks cluttering the capture.
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.homepage_override.mstone': 'ignore',
    'browser.startup.firstrunSkipsHomepage': true,
    'startup.homepage_welcome_url': '',
    'startup.homepage_welcome_url.additional': '',
    'browser.aboutwelcome.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.policy.dataSubmissionPolicyBypassNotification': true,
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    'app.normandy.first_run': false,
    // Telemetry, remote settings, push, captive portal, Safe Browsing updates, Normandy, Contile,
    // geolocation and the rest of Firefox's own background traffic (see firefox-prefs.ts).
    ...firefoxQuietPrefs()
  }
}

export function firefoxUserJs(proxyUrl: string): string {
  const lines = Object.entries(firefoxPrefs(proxyUrl)).map(
    ([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`
  )
  return `// Written by Roundtrip for a temporary profile.\n${lines.join('\n')}\n`
}

export function firefoxArgs(profileDir: string, url: string, extra: string[] = []): string[] {
  return ['-profile', profileDir, '-no-remote', '-new-instance', ...extra, url]
}

export async function launchBrowser(opts: LaunchOptions): Promise<BrowserHandle> {
  const { browser, proxyUrl } = opts
  const url = opts.url ?? SAMPLE_URL
  proxyAddress(proxyUrl) // a bad address fails here, before anything is made on disk
  const profileDir = await mkdtemp(join(opts.tmpDir ?? tmpdir(), `roundtrip-${browser.id}-`))
  let args: string[]
  const asRoot = opts.asRoot ?? process.getuid?.() === 0
  const notices: string[] = []
  try {
    if (browser.family === 'firefox') {
      await writeFile(join(profileDir, 'user.js'), firefoxUserJs(proxyUrl))
      const notice = opts.trust && (await trustInFirefoxProfile(profileDir, opts.trust))
      if (notice) notices.push(notice)
      args = firefoxArgs(profileDir, url, opts.extraArgs)
    } else {
      // Chromium refuses to start as root with its sandbox on; say so to it rather than fail.
      const extra = opts.extraArgs ?? []
      const sandbox = asRoot && !extra.includes('--no-sandbox') ? ['--no-sandbox'] : []
      args = chromiumArgs(proxyUrl, profileDir, url, [...sandbox, ...extra], opts.trust)
    }
  } catch (err) {
    await removeProfile(profileDir)
    throw err
  }

  let child: ChildProcess
  const startedAt = Date.now()
  const stderr = new TailLines()
  try {
    const env = browser.family === 'firefox' ? { ...process.env, ...FIREFOX_QUIET_ENV } : process.env
    child = await started(spawn(browser.path, args, { stdio: ['ignore', 'ignore', 'pipe'], env }))
  } catch (err) {
    await removeProfile(profileDir)
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message
    throw new Error(
      `Could not start ${browser.name} at ${browser.path} (${reason}). Check that it is installed.`
    )
  }

  child.on('error', () => {}) // a failed kill() later must not take the host process down
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk))
  let closing = false
  let report: BrowserExitParams | undefined
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => {
      if (!closing) {
        const lines = stderr.get()
        report = {
          name: browser.name,
          path: browser.path,
          family: browser.family,
          exitCode: code,
          signal,
          stderr: lines,
          cause: exitCause(lines),
          ranMs: Date.now() - startedAt
        }
      }
      void removeProfile(profileDir).then(() => resolve(code))
    })
  })
  // A browser that dies at once (no display, root without --no-sandbox, not a browser at all) is
  // an error with its reasons, not a handle to a process that is gone.
  const settled = await Promise.race([
    exited.then(() => 'exited' as const),
    new Promise<'running'>((r) => setTimeout(() => r('running'), opts.settleMs ?? 1500))
  ])
  if (settled === 'exited' && report && report.exitCode !== 0) throw new BrowserExitError(report)

  const killAfterMs = opts.killAfterMs ?? 5000
  return {
    browser,
    pid: child.pid,
    profileDir,
    exited,
    exitReport: () => report,
    notices,
    async close() {
      closing = true
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs)
        await exited
        clearTimeout(timer)
      }
      await exited
    }
  }
}

/** Waits until the process has really started, or rejects with the spawn error (ENOENT, EACCES). */
function started(child: ChildProcess): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve(child))
    child.once('error', reject)
  })
}

/** A browser's helper processes can write to the profile for a moment after it exits; retry briefly. */
async function removeProfile(dir: string): Promise<void> {
  try {
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 })
  } catch {
    // Leaving a temp directory behind is not worth crashing over.
  }
}
