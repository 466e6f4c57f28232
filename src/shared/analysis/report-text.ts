// The readable form of an InspectReport, for `roundtrip inspect` without --json. Captured text is untrusted:
// control characters are replaced so a crafted cookie cannot drive the terminal.
import type { Har } from 'har-format'
import type { InspectReport } from './index'

// eslint-disable-next-line no-control-regex
const clean = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')
const cut = (s: string, n = 100): string => clean(s.length > n ? `${s.slice(0, n - 1)}…` : s)

function statusOf(har: Har, i: number): string {
  const r = har.log.entries[i]?.response
  return r && r.status > 0 ? String(r.status) : 'no response'
}

function connectionsSection(report: InspectReport, har: Har): string[] {
  const c = report.connections
  const out = [`Connections (${c.source})`, `  ${c.note}`]
  for (const g of c.groups) {
    const reuse = g.reused ? `${g.reused} reused it` : 'not reused'
    const up = g.upstream?.length ? `, upstream ${g.upstream.join(', ')}` : ''
    out.push(
      `  ${cut(g.id, 24)}  ${cut(g.origin)}  ${g.entries.length} request${g.entries.length === 1 ? '' : 's'}, ${reuse}${up}`
    )
    for (const i of g.entries) {
      const e = har.log.entries[i]
      if (e) out.push(`    #${i} ${cut(e.request.method, 10)} ${cut(e.request.url)}  ${statusOf(har, i)}`)
    }
  }
  return out
}

function jarSection(report: InspectReport): string[] {
  const out = ['Cookie jar, entry by entry']
  let quiet = 0
  for (const r of report.requests) {
    const busy = r.sentCookie || r.expectedCookie || r.setCookies.length || r.differences.length
    if (!busy) {
      quiet++
      continue
    }
    out.push(`  #${r.index} ${cut(r.method, 10)} ${cut(r.url)}`)
    if (r.sentCookie === r.expectedCookie)
      out.push(`    sent as expected: ${cut(r.sentCookie || '(no cookies)', 200)}`)
    else {
      out.push(`    sent:     ${cut(r.sentCookie || '(no cookies)', 200)}`)
      out.push(`    expected: ${cut(r.expectedCookie || '(no cookies)', 200)}`)
    }
    if (r.orderDiffers) {
      out.push(
        '    same cookies, another order (RFC 6265 sends longer paths first, then older cookies first)'
      )
    }
    if (r.adopted.length) {
      out.push(
        `    first seen here, already in the browser before the capture: ${r.adopted.map((n) => cut(n, 40)).join(', ')}`
      )
    }
    for (const d of r.differences) out.push(`    ≠ ${cut(d.cookie, 40)}: ${clean(d.reason)}`)
    for (const g of r.expired)
      out.push(`    ⌛ ${cut(g.name, 40)} had expired at ${new Date(g.at).toISOString()}`)
    for (const s of r.setCookies) {
      const head = `${cut(s.parsed.name || '(no name)', 40)}=${cut(s.parsed.value, 40)}`
      if (!s.accepted) out.push(`    ✗ Set-Cookie ${head} rejected: ${clean(s.reason ?? '')}`)
      else if (s.cleared) out.push(`    ✓ Set-Cookie ${head} deletes the cookie`)
      else {
        out.push(`    ✓ Set-Cookie ${head}`)
        for (const x of s.parsed.explanations) out.push(`        ${clean(x.text)}`)
      }
    }
    if (r.setCookies.length) {
      const names = r.jarAfter.map((c) => `${cut(c.name, 30)}@${cut(c.domain, 40)}`)
      out.push(`    jar now holds ${r.jarAfter.length}: ${names.join(', ') || '(nothing)'}`)
    }
  }
  if (quiet) out.push(`  (${quiet} entr${quiet === 1 ? 'y' : 'ies'} with no cookies sent, expected or set)`)
  return out
}

function sessionsSection(report: InspectReport): string[] {
  const out = ['Session IDs']
  if (!report.sessions.length) out.push('  none found')
  for (const s of report.sessions) {
    out.push(`  ${cut(s.cookie, 40)}=${cut(s.value, 48)} (${cut(s.domain, 60)})`)
    out.push(`    ${clean(s.story)}`)
  }
  return out
}

function cookiesSection(report: InspectReport): string[] {
  const out = ['Cookies and what they are for']
  if (!report.cookies.length) out.push('  none')
  for (const c of report.cookies) {
    const life = c.lifetime ? `, lifetime ${c.lifetime}` : ''
    out.push(`  ${cut(c.name, 40)} (${cut(c.domain, 60)}): ${c.purpose}${life}`)
    out.push(`    ${clean(c.reason)}`)
  }
  return out
}

export function formatReport(report: InspectReport, har: Har, file: string, warnings: string[] = []): string {
  const creator = report.creator ? ` written by ${clean(report.creator)}` : ''
  const lines = [
    `${clean(file)}: HAR${creator}, ${report.entries} entr${report.entries === 1 ? 'y' : 'ies'}`,
    ''
  ]
  lines.push(...connectionsSection(report, har), '')
  lines.push(...jarSection(report), '')
  lines.push(...cookiesSection(report), '')
  lines.push(...sessionsSection(report), '')
  lines.push('Warnings')
  if (!report.warnings.length && !warnings.length) lines.push('  none')
  for (const w of report.warnings) lines.push(`  ! ${clean(w.message)}`)
  for (const w of warnings) lines.push(`  ~ reading the file: ${clean(w)}`)
  return lines.join('\n')
}
