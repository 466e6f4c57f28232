// The readable form of an InspectReport, for `roundtrip inspect` without --json, in English or Korean (the
// analysis's codes through the word tables beside it, the report's own few labels below). Captured text is untrusted: control
// characters are replaced so a crafted cookie cannot drive the terminal.
import type { CapturedExchange } from '../model'
import { say, type Lang } from '../analysis/explain'
import type { InspectReport } from '../analysis/index'
import { enDuration, koDuration } from './format'

// eslint-disable-next-line no-control-regex
const clean = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')
const cut = (s: string, n = 100): string => clean(s.length > n ? `${s.slice(0, n - 1)}…` : s)

const LABELS = {
  en: {
    header: (file: string, creator: string, n: number) =>
      `${file}: HAR${creator ? ` written by ${creator}` : ''}, ${n} entr${n === 1 ? 'y' : 'ies'}`,
    connections: (source: string) => `Connections (${source})`,
    requests: (n: number) => `${n} request${n === 1 ? '' : 's'}`,
    reused: (n: number) => (n ? `${n} reused it` : 'not reused'),
    upstream: 'upstream',
    noResponse: 'no response',
    jar: 'Cookie jar, entry by entry',
    asExpected: 'sent as expected',
    sent: 'sent:    ',
    expected: 'expected:',
    noCookies: '(no cookies)',
    order: 'same cookies, another order (RFC 6265 sends longer paths first, then older cookies first)',
    adopted: 'first seen here, already in the browser before the capture',
    expiredAt: (name: string, at: string) => `${name} had expired at ${at}`,
    rejected: 'rejected',
    deletes: 'deletes the cookie',
    jarNow: (n: number, names: string) => `jar now holds ${n}: ${names || '(nothing)'}`,
    quiet: (n: number) => `(${n} entr${n === 1 ? 'y' : 'ies'} with no cookies sent, expected or set)`,
    sessions: 'Session IDs',
    none: 'none',
    noneFound: 'none found',
    cookies: 'Cookies and what they are for',
    lifetime: (life: string) => `, lifetime ${life}`,
    session: 'session',
    warnings: 'Warnings',
    reading: 'reading the file',
    noName: '(no name)',
    duration: enDuration
  },
  ko: {
    header: (file: string, creator: string, n: number) =>
      `${file}: ${creator ? `${creator}이(가) 쓴 ` : ''}HAR, 항목 ${n}개`,
    connections: (source: string) =>
      `연결 (${source === 'recorded' ? '기록됨' : source === 'inferred' ? '추정' : '정보 없음'})`,
    requests: (n: number) => `요청 ${n}개`,
    reused: (n: number) => (n ? `${n}번 재사용` : '재사용 없음'),
    upstream: '업스트림',
    noResponse: '응답 없음',
    jar: '항목별 쿠키 저장소',
    asExpected: '예상대로 보냄',
    sent: '보냄:',
    expected: '예상:',
    noCookies: '(쿠키 없음)',
    order: '같은 쿠키, 다른 순서 (RFC 6265는 긴 경로를 먼저, 그다음 오래된 쿠키를 먼저 보냅니다)',
    adopted: '여기서 처음 보임, 캡처 전부터 브라우저에 있었음',
    expiredAt: (name: string, at: string) => `${name}은(는) ${at}에 만료되었음`,
    rejected: '거부됨',
    deletes: '쿠키를 지움',
    jarNow: (n: number, names: string) => `저장소에 이제 ${n}개: ${names || '(없음)'}`,
    quiet: (n: number) => `(쿠키를 보내지도, 예상하지도, 설정하지도 않은 항목 ${n}개)`,
    sessions: '세션 ID',
    none: '없음',
    noneFound: '찾지 못함',
    cookies: '쿠키와 그 용도',
    lifetime: (life: string) => `, 수명 ${life}`,
    session: '세션',
    warnings: '경고',
    reading: '파일 읽기',
    noName: '(이름 없음)',
    duration: koDuration
  }
} as const

type Labels = (typeof LABELS)[Lang]

const PURPOSE_KO: Record<string, string> = {
  'session-id': '세션 ID',
  preference: '설정',
  tracking: '추적',
  other: '기타'
}

function statusOf(exchanges: readonly CapturedExchange[], i: number, l: Labels): string {
  const status = exchanges[i]?.status
  return status && status > 0 ? String(status) : l.noResponse
}

function connectionsSection(
  report: InspectReport,
  exchanges: readonly CapturedExchange[],
  lang: Lang,
  l: Labels
): string[] {
  const c = report.connections
  const out = [l.connections(c.source), `  ${clean(say(lang, c.noteExplain))}`]
  for (const g of c.groups) {
    const up = g.upstream?.length ? `, ${l.upstream} ${g.upstream.join(', ')}` : ''
    out.push(
      `  ${cut(g.id, 24)}  ${cut(g.origin)}  ${l.requests(g.entries.length)}, ${l.reused(g.reused)}${up}`
    )
    for (const i of g.entries) {
      const x = exchanges[i]
      if (x) out.push(`    #${i} ${cut(x.method, 10)} ${cut(x.url)}  ${statusOf(exchanges, i, l)}`)
    }
  }
  return out
}

function jarSection(report: InspectReport, lang: Lang, l: Labels): string[] {
  const out: string[] = [l.jar]
  let quiet = 0
  for (const r of report.requests) {
    const busy = r.sentCookie || r.expectedCookie || r.setCookies.length || r.differences.length
    if (!busy) {
      quiet++
      continue
    }
    out.push(`  #${r.index} ${cut(r.method, 10)} ${cut(r.url)}`)
    if (r.sentCookie === r.expectedCookie)
      out.push(`    ${l.asExpected}: ${cut(r.sentCookie || l.noCookies, 200)}`)
    else {
      out.push(`    ${l.sent} ${cut(r.sentCookie || l.noCookies, 200)}`)
      out.push(`    ${l.expected} ${cut(r.expectedCookie || l.noCookies, 200)}`)
    }
    if (r.orderDiffers) out.push(`    ${l.order}`)
    if (r.adopted.length) out.push(`    ${l.adopted}: ${r.adopted.map((n) => cut(n, 40)).join(', ')}`)
    for (const d of r.differences) out.push(`    ≠ ${cut(d.cookie, 40)}: ${clean(say(lang, d.explain))}`)
    for (const g of r.expired)
      out.push(`    ⌛ ${l.expiredAt(cut(g.name, 40), new Date(g.at).toISOString())}`)
    for (const s of r.setCookies) {
      const head = `${cut(s.parsed.name || l.noName, 40)}=${cut(s.parsed.value, 40)}`
      if (!s.accepted) {
        out.push(`    ✗ Set-Cookie ${head} ${l.rejected}: ${s.explain ? clean(say(lang, s.explain)) : ''}`)
      } else if (s.cleared) out.push(`    ✓ Set-Cookie ${head} ${l.deletes}`)
      else {
        out.push(`    ✓ Set-Cookie ${head}`)
        for (const x of s.parsed.explanations) out.push(`        ${clean(say(lang, x.explain))}`)
      }
    }
    if (r.setCookies.length) {
      const names = r.jarAfter.map((c) => `${cut(c.name, 30)}@${cut(c.domain, 40)}`)
      out.push(`    ${l.jarNow(r.jarAfter.length, names.join(', '))}`)
    }
  }
  if (quiet) out.push(`  ${l.quiet(quiet)}`)
  return out
}

function sessionsSection(report: InspectReport, lang: Lang, l: Labels): string[] {
  const out: string[] = [l.sessions]
  if (!report.sessions.length) out.push(`  ${l.noneFound}`)
  for (const s of report.sessions) {
    out.push(`  ${cut(s.cookie, 40)}=${cut(s.value, 48)} (${cut(s.domain, 60)})`)
    out.push(`    ${clean(s.storyExplain ? say(lang, s.storyExplain) : s.story)}`)
  }
  return out
}

function cookiesSection(report: InspectReport, lang: Lang, l: Labels): string[] {
  const out: string[] = [l.cookies]
  if (!report.cookies.length) out.push(`  ${l.none}`)
  for (const c of report.cookies) {
    const life =
      c.lifetimeMs === undefined
        ? ''
        : l.lifetime(c.lifetimeMs === null ? l.session : l.duration(c.lifetimeMs))
    const purpose = lang === 'ko' ? (PURPOSE_KO[c.purpose] ?? c.purpose) : c.purpose
    out.push(`  ${cut(c.name, 40)} (${cut(c.domain, 60)}): ${purpose}${life}`)
    out.push(`    ${clean(say(lang, c.reasonExplain))}`)
  }
  return out
}

export function formatReport(
  report: InspectReport,
  exchanges: readonly CapturedExchange[],
  file: string,
  warnings: string[] = [],
  lang: Lang = 'en'
): string {
  const l = LABELS[lang]
  const lines: string[] = [l.header(clean(file), clean(report.creator), report.entries), '']
  // Sections are appended line by line: spread into push(), a 50,000-entry capture's jar section (one
  // line or more per entry) is more arguments than the stack holds.
  const sections = [
    connectionsSection(report, exchanges, lang, l),
    jarSection(report, lang, l),
    cookiesSection(report, lang, l),
    sessionsSection(report, lang, l)
  ]
  for (const section of sections) {
    for (const line of section) lines.push(line)
    lines.push('')
  }
  lines.push(l.warnings)
  if (!report.warnings.length && !warnings.length) lines.push(`  ${l.none}`)
  for (const w of report.warnings) lines.push(`  ! ${clean(say(lang, w.explain))}`)
  for (const w of warnings) lines.push(`  ~ ${l.reading}: ${clean(w)}`)
  return lines.join('\n')
}
