// The last line of defence for a long-running Roundtrip process (`roundtrip serve`, the desktop
// app): an exception nobody caught or a promise rejection nobody handled is recorded and said,
// and the process keeps serving instead of taking the proxy, the sample site and the UI with it.
// Every handler still catches its own errors; this is for the one that was missed.

export interface Incident {
  at: number
  kind: 'uncaught-exception' | 'unhandled-rejection'
  message: string
}

export interface ProcessGuard {
  /** The most recent incidents, oldest first (at most MAX_INCIDENTS). */
  readonly incidents: readonly Incident[]
  uninstall(): void
}

export const MAX_INCIDENTS = 50

interface Target {
  on(event: string, listener: (...args: unknown[]) => void): unknown
  off(event: string, listener: (...args: unknown[]) => void): unknown
}

function describe(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 2000)
  try {
    return String(err).slice(0, 2000)
  } catch {
    return 'a value that cannot be shown'
  }
}

/** Installs the handlers on `target` (the process); `say` prints one line for the user. */
export function guardProcess(say: (line: string) => void, target: Target = process): ProcessGuard {
  const incidents: Incident[] = []
  const record = (kind: Incident['kind'], err: unknown): void => {
    const what = kind === 'uncaught-exception' ? 'An internal error' : 'An internal promise failure'
    const message = `${what} was caught and Roundtrip keeps running: ${describe(err)}. If something stopped working, restart it.`
    incidents.push({ at: Date.now(), kind, message })
    if (incidents.length > MAX_INCIDENTS) incidents.shift()
    try {
      say(message)
      if (err instanceof Error && err.stack) say(err.stack)
    } catch {
      // Saying it failed (a closed stderr): it is still recorded.
    }
  }
  const onException = (err: unknown): void => record('uncaught-exception', err)
  const onRejection = (reason: unknown): void => record('unhandled-rejection', reason)
  target.on('uncaughtException', onException)
  target.on('unhandledRejection', onRejection)
  return {
    incidents,
    uninstall() {
      target.off('uncaughtException', onException)
      target.off('unhandledRejection', onRejection)
    }
  }
}
