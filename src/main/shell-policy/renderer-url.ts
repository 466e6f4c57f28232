// Which page the desktop window loads and trusts for IPC: the built renderer on app://, or, only in
// an unpackaged run (development), the electron-vite dev server named by ELECTRON_RENDERER_URL when
// that is an http(s) address on this machine's loopback. Anything else is ignored with a sentence,
// so an environment variable can never point a packaged app, or any app, at a page elsewhere.

export type RendererUrlDecision =
  { use: 'app' } | { use: 'dev'; url: string } | { use: 'app'; ignored: string }

/** localhost, 127.0.0.0/8 and ::1: the names and addresses that never leave this machine. */
export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  if (h === 'localhost' || h === '::1') return true
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h)
  return !!m && m.slice(1).every((n) => Number(n) <= 255)
}

export function rendererUrlFrom(opts: {
  isPackaged: boolean
  envUrl: string | undefined
}): RendererUrlDecision {
  const raw = opts.envUrl?.trim()
  if (!raw) return { use: 'app' }
  if (opts.isPackaged) {
    return {
      use: 'app',
      ignored: 'ELECTRON_RENDERER_URL is ignored: an installed Roundtrip only loads its own page.'
    }
  }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { use: 'app', ignored: `ELECTRON_RENDERER_URL is ignored: ${clip(raw)} is not a URL.` }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      use: 'app',
      ignored: `ELECTRON_RENDERER_URL is ignored: only http(s) dev servers are loaded, not ${url.protocol}.`
    }
  }
  if (url.username || url.password || !isLoopbackHostname(url.hostname)) {
    return {
      use: 'app',
      ignored: `ELECTRON_RENDERER_URL is ignored: ${clip(url.host)} is not this machine (use localhost or 127.0.0.1).`
    }
  }
  return { use: 'dev', url: url.href }
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}...` : s
}
