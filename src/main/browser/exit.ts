// A browser that ended soon after it was started: what it said last on stderr, why it probably
// died, and the fix. Typed, so each door words the fix its own way (the CLI as --browser-arg=…).
import type { BrowserFamily } from './discover'

export type BrowserExitCause = 'root-sandbox' | 'no-display' | 'unknown'

export interface BrowserExitParams {
  name: string
  path: string
  family: BrowserFamily
  /** null when a signal ended it. */
  exitCode: number | null
  signal: string | null
  /** Its last stderr lines, control characters removed. */
  stderr: string[]
  cause: BrowserExitCause
  /** Milliseconds it ran. */
  ranMs: number
}

export class BrowserExitError extends Error {
  override name = 'BrowserExitError'
  readonly code = 'browser-exited'
  constructor(readonly params: BrowserExitParams) {
    super(browserExitText(params))
  }
}

export function exitCause(stderr: string[]): BrowserExitCause {
  const text = stderr.join('\n')
  if (/without --no-sandbox|no-sandbox is not supported/i.test(text)) return 'root-sandbox'
  if (/Missing X server|cannot open display|no DISPLAY|\$DISPLAY|Gtk-WARNING.*display/i.test(text))
    return 'no-display'
  return 'unknown'
}

/**
 * The sentence for a browser that exited. `arg` words "start it with this extra argument" for the
 * door showing it (the CLI names its --browser-arg flag; the app says it plainly).
 */
export function browserExitText(
  p: BrowserExitParams,
  arg: (a: string) => string = (a) => `the argument ${a}`
): string {
  const how = p.exitCode !== null ? `with exit code ${p.exitCode}` : `on signal ${p.signal ?? 'unknown'}`
  const when = p.ranMs < 2000 ? 'right after it started' : `after ${Math.round(p.ranMs / 1000)} s`
  const said = p.stderr.length ? ` Its last words: ${p.stderr.slice(-3).join(' | ').replace(/\.$/, '')}.` : ''
  const headless = p.family === 'firefox' ? '--headless' : '--headless=new'
  const fix =
    p.cause === 'root-sandbox'
      ? `It refuses to run as root with its sandbox on: start it with ${arg('--no-sandbox')}, or as a normal user.`
      : p.cause === 'no-display'
        ? `It found no display: start it with ${arg(headless)}, or run Roundtrip under xvfb-run.`
        : `Check that it starts on its own: run ${p.path} in a terminal.`
  return `${p.name} exited ${how} ${when}.${said} ${fix}`
}

/** Keeps the last lines a process wrote, bounded in lines and characters. */
export class TailLines {
  private lines: string[] = []
  private partial = ''
  constructor(private readonly max = 20) {}

  push(chunk: Buffer | string): void {
    // eslint-disable-next-line no-control-regex
    const text = (this.partial + chunk.toString()).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    const parts = text.split('\n')
    this.partial = parts.pop()!.slice(-500)
    for (const line of parts) if (line.trim()) this.lines.push(line.trim().slice(0, 300))
    if (this.lines.length > this.max) this.lines = this.lines.slice(-this.max)
  }

  get(): string[] {
    return this.partial.trim() ? [...this.lines, this.partial.trim()].slice(-this.max) : [...this.lines]
  }
}
