// Which addresses the desktop window may hand to the system browser (shell.openExternal): only the
// sample site (http(s)://roundtrip.test and the engine's own sample address), and from the page only
// right after a real click or key press in the window. Input events come from the operating system
// through the main process ('input-event'), so a script in the page cannot fake one. No electron
// import: the shell feeds input types and URLs in, and tests call these directly.

/** The sample site's public name, reached through the proxy. */
export const SAMPLE_ORIGINS = ['http://roundtrip.test', 'https://roundtrip.test'] as const

/** How long after a click or key press a link may still open (a slow machine takes a while). */
export const GESTURE_WINDOW_MS = 2000

/** Input types that are a person acting on the page (not moves, wheels or scrolls). */
const GESTURES: ReadonlySet<string> = new Set([
  'mouseDown',
  'mouseUp',
  'rawKeyDown',
  'keyDown',
  'gestureTap',
  'touchEnd',
  'pointerUp'
])

export type ExternalDecision = { open: true; url: string } | { open: false; reason: string }

/** The origins allowed out: the sample site's name and the engine's direct sample address. */
export function externalAllowlist(sampleUrl: string | undefined): string[] {
  const origins: string[] = [...SAMPLE_ORIGINS]
  const direct = httpOrigin(sampleUrl)
  if (direct && !origins.includes(direct)) origins.push(direct)
  return origins
}

/**
 * Decides one request to open `url` outside. `gesture` is false when no click or key press came
 * just before (the menu's own items pass true: choosing a menu item is the gesture).
 */
export function decideExternal(
  url: string,
  allowlist: readonly string[],
  gesture: boolean
): ExternalDecision {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return { open: false, reason: `${clip(url)} is not an address.` }
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    return { open: false, reason: `${u.protocol} addresses never open outside Roundtrip.` }
  }
  if (u.username || u.password)
    return { open: false, reason: 'Addresses with a user name or password never open.' }
  if (!allowlist.includes(u.origin)) {
    return {
      open: false,
      reason: `${clip(u.origin)} is not the sample site, so it does not open outside Roundtrip.`
    }
  }
  if (!gesture) return { open: false, reason: 'A link opens outside only when you click it.' }
  return { open: true, url: u.href }
}

/** Remembers when the person last clicked or pressed a key in the window. */
export function createGestureClock(windowMs = GESTURE_WINDOW_MS): {
  note(inputType: string, now: number): void
  recent(now: number): boolean
} {
  let last = -Infinity
  return {
    note(inputType, now) {
      if (GESTURES.has(inputType)) last = now
    },
    recent(now) {
      return now >= last && now - last <= windowMs
    }
  }
}

function httpOrigin(text: string | undefined): string | undefined {
  if (!text) return undefined
  try {
    const u = new URL(text)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined
  } catch {
    return undefined
  }
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}...` : s
}
