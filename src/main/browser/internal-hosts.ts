// The hosts browsers talk to on their own (updates, telemetry, Safe Browsing lists, remote settings,
// push, captive-portal checks), so the capture can mark that traffic and the timeline can hide it.
// The launcher's preferences stop most of it; this names what still slips through.
import { authorityPrefix } from '../../shared/http/url'

/** Domains (the name itself and every subdomain) that only browsers' own services use, not pages. */
const DOMAINS = [
  'services.mozilla.com',
  'cdn.mozilla.net',
  'telemetry.mozilla.org',
  'aus5.mozilla.org',
  'services.addons.mozilla.org',
  'versioncheck-bg.addons.mozilla.org',
  'detectportal.firefox.com',
  'mozaws.net',
  'mozgcp.net',
  'gvt1.com',
  'gvt2.com',
  'safebrowsing.googleapis.com',
  'update.googleapis.com',
  'optimizationguide-pa.googleapis.com',
  'content-autofill.googleapis.com',
  'clientservices.googleapis.com',
  'safebrowsing.google.com',
  'edge.microsoft.com',
  'config.edge.skype.com',
  'laptop-updates.brave.com',
  'variations.brave.com'
]

/** Single names: Chromium's background pings (not whole google.com, which pages use). */
const NAMES = new Set([
  'clients1.google.com',
  'clients2.google.com',
  'clients3.google.com',
  'clients4.google.com',
  'clients5.google.com',
  'clients6.google.com',
  'clientservices.googleapis.com',
  'connectivitycheck.gstatic.com'
])

export function isBrowserInternalHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '')
  return NAMES.has(name) || DOMAINS.some((d) => name === d || name.endsWith(`.${d}`))
}

/**
 * Answers by scheme and authority, the only part of the URL the answer depends on: the capture asks
 * for every exchange, and a browser sends most of them to a handful of origins. Bounded: it starts
 * afresh when full.
 */
const byOrigin = new Map<string, boolean>()
const ORIGINS_KEPT = 1024

/** For an absolute-form URL (what a proxy receives); anything unreadable is not internal. */
export function isBrowserInternalUrl(url: string): boolean {
  const origin = authorityPrefix(url)
  if (origin === undefined) return parsedIsInternal(url)
  let known = byOrigin.get(origin)
  if (known === undefined) {
    known = parsedIsInternal(url)
    if (byOrigin.size >= ORIGINS_KEPT) byOrigin.clear()
    byOrigin.set(origin, known)
  }
  return known
}

function parsedIsInternal(url: string): boolean {
  try {
    return isBrowserInternalHost(new URL(url).hostname)
  } catch {
    return false
  }
}
