// Finds the browsers a user already has, at the places their installers put them on Linux,
// macOS and Windows (and, on Linux, on PATH). Pure over an injected file-existence check, the
// environment and the platform, so tests describe a machine with a fake file system.
// Never imports electron: the headless `roundtrip serve --browser` uses it too.
import { posix, win32 } from 'node:path'
import knownBrowsers from './browsers.json'

export type BrowserFamily = 'chromium' | 'firefox'

export interface FoundBrowser {
  /** A short stable id: 'chromium', 'chrome', 'edge', 'brave', 'firefox'. */
  id: string
  /** What a person calls it. */
  name: string
  family: BrowserFamily
  /** The executable to start. */
  path: string
}

export interface DiscoverOptions {
  platform: NodeJS.Platform
  env: Record<string, string | undefined>
  exists: (path: string) => boolean
}

interface Candidate {
  id: string
  name: string
  family: BrowserFamily
  /** Executable names looked up on PATH (Linux). */
  linuxCommands: string[]
  /** Absolute Linux paths used by packages that do not put the browser on PATH. */
  linuxPaths: string[]
  /** `<name>.app/Contents/MacOS/<binary>` under /Applications or ~/Applications. */
  macApp: string
  /** Paths relative to Program Files, Program Files (x86) or LocalAppData. */
  windows: string[]
}

// The browsers themselves are data (browsers.json): where each one's installers put it, per platform.
const CANDIDATES = knownBrowsers as Candidate[]

/** The browsers Roundtrip knows how to start, by name, for the "none found" sentence. */
export const KNOWN_BROWSERS: string[] = CANDIDATES.map((c) => c.name)

/** Every place a browser is looked for on this platform, in order of preference. */
export function candidatePaths(c: Candidate, opts: DiscoverOptions): string[] {
  const { platform, env } = opts
  if (platform === 'darwin') {
    const roots = ['/Applications']
    if (env.HOME) roots.push(posix.join(env.HOME, 'Applications'))
    return roots.map((r) => posix.join(r, c.macApp))
  }
  if (platform === 'win32') {
    // Windows environment names are case-insensitive; Node keeps whatever spelling it was given.
    const roots = ['PROGRAMFILES', 'PROGRAMFILES(X86)', 'LOCALAPPDATA']
      .map((name) => Object.entries(env).find(([k, v]) => k.toUpperCase() === name && v)?.[1])
      .filter((r): r is string => !!r)
    return roots.flatMap((r) => c.windows.map((rel) => win32.join(r, rel)))
  }
  const pathDirs = (env.PATH ?? '').split(':').filter((d) => d.startsWith('/'))
  const onPath = c.linuxCommands.flatMap((cmd) => pathDirs.map((d) => posix.join(d, cmd)))
  return [...onPath, ...c.linuxPaths]
}

/** The installed browsers, each once, in the order Chromium, Chrome, Edge, Brave, Firefox. */
export function discoverBrowsers(opts: DiscoverOptions): FoundBrowser[] {
  const found: FoundBrowser[] = []
  for (const c of CANDIDATES) {
    const path = candidatePaths(c, opts).find((p) => safeExists(opts.exists, p))
    if (path) found.push({ id: c.id, name: c.name, family: c.family, path })
  }
  return found
}

export type ResolveResult = { ok: true; browser: FoundBrowser } | { ok: false; error: string }

/**
 * Turns what a user typed (`--browser`, `--browser firefox`, `--browser /usr/bin/chromium`)
 * into a browser to start: nothing means the first one found, a name matches an id or name,
 * a path is taken as it is (its family guessed from the file name).
 */
export function resolveBrowser(choice: string | undefined, opts: DiscoverOptions): ResolveResult {
  const wanted = choice?.trim() ?? ''
  const isPath = wanted.includes('/') || wanted.includes('\\')
  if (isPath) {
    if (!safeExists(opts.exists, wanted)) {
      return {
        ok: false,
        error: `No browser at ${wanted}: the file does not exist. Check the path and try again.`
      }
    }
    return { ok: true, browser: browserAtPath(wanted) }
  }
  const found = discoverBrowsers(opts)
  if (!wanted) {
    const first = found[0]
    return first ? { ok: true, browser: first } : { ok: false, error: noneFoundShort() }
  }
  const key = wanted.toLowerCase()
  const match = found.find((b) => b.id === key || b.name.toLowerCase() === key)
  if (match) return { ok: true, browser: match }
  const names = found.map((b) => b.id).join(', ')
  return {
    ok: false,
    error:
      `No browser called "${wanted}" was found. ` +
      (names ? `Found: ${names}. ` : '') +
      'Give one of those names or the full path to a browser.'
  }
}

/** A browser given by path: its family guessed from the executable's name. */
export function browserAtPath(path: string): FoundBrowser {
  const base = win32.basename(posix.basename(path)).toLowerCase()
  const family: BrowserFamily =
    base.includes('firefox') || base.includes('librewolf') ? 'firefox' : 'chromium'
  return { id: 'custom', name: win32.basename(posix.basename(path)), family, path }
}

function noneFoundShort(): string {
  return `No browser was found (looked for ${KNOWN_BROWSERS.join(', ')}). Give a path with --browser PATH.`
}

function safeExists(exists: (p: string) => boolean, p: string): boolean {
  try {
    return exists(p)
  } catch {
    return false
  }
}
