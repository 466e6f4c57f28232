// The analysis on real HAR files from six tools: the connections and cookies they really contain.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyzeHar, type InspectReport } from '../../../src/shared/analysis'
import { parseHar } from '../../../src/shared/har/read'

function analyse(name: string): InspectReport {
  const r = parseHar(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'har', name), 'utf8'))
  if (!r.ok) throw new Error(r.error)
  return analyzeHar(r.har)
}

const groups = (r: InspectReport): [string, number[]][] => r.connections.groups.map((g) => [g.id, g.entries])
const everyEntryOnce = (r: InspectReport): number[] =>
  r.connections.groups.flatMap((g) => g.entries).sort((a, b) => a - b)

describe('real HAR files', () => {
  it('Chrome (run.sitespeed.io): 10 entries on 2 recorded connections, 7 cookies held from before', () => {
    const r = analyse('chrome-devtools_run.sitespeed.io.har')
    expect(r.entries).toBe(10)
    expect(r.connections.source).toBe('recorded')
    expect(groups(r)).toEqual([
      ['1043855', [0, 2, 3, 4, 5, 6, 7, 8]],
      ['1043854', [1, 9]]
    ])
    expect(r.connections.groups.map((g) => g.reused)).toEqual([7, 1])
    expect(r.cookies.map((c) => c.name)).toEqual([
      '__cfduid',
      'ssioqueue',
      '__utma',
      '__utmc',
      '__utmz',
      '_ga',
      '_gat'
    ])
    expect(r.cookies.every((c) => c.domain === 'run.sitespeed.io' && c.sentIn.length === 8)).toBe(true)
    expect(r.requests[0]?.adopted).toHaveLength(7)
    expect(r.requests.every((q) => q.differences.length === 0)).toBe(true)
    expect(r.requests[0]?.expectedCookie).toBe(r.requests[0]?.sentCookie)
    expect(r.requests[1]).toMatchObject({ expectedCookie: '', sentCookie: '' })
    expect(r.sessions).toEqual([])
    expect(r.cookies.filter((c) => c.purpose === 'tracking').map((c) => c.name)).toEqual([
      '__cfduid',
      '__utma',
      '__utmc',
      '__utmz',
      '_ga',
      '_gat'
    ])
  })

  it('Chrome with a BOM: 1 entry on recorded connection 159834, no cookies', () => {
    const r = analyse('chrome-devtools_with-bom.har')
    expect(groups(r)).toEqual([['159834', [0]]])
    expect(r.cookies).toEqual([])
  })

  it('Firefox: connection holds the port 443, some entries have no timings, so no connection information', () => {
    const r = analyse('firefox-111_mitmproxy.org.har')
    expect(r.entries).toBe(14)
    expect(r.connections.source).toBe('none')
    expect(r.connections.note).toContain('server port')
    expect(r.cookies).toEqual([])
    expect(r.requests).toHaveLength(14)
  })

  it('Charles: one entry, one inferred connection (connect 37 ms)', () => {
    const r = analyse('charles-4.6.3_mitmproxy.org.har')
    expect(r.connections.source).toBe('inferred')
    expect(groups(r)).toEqual([['c1', [0]]])
  })

  it('mitmproxy WebSockets: 3 new connections, _ga cookies held from before and a script-updated value', () => {
    const r = analyse('mitmproxy-savehar_websocket.har')
    expect(r.connections.source).toBe('inferred')
    expect(groups(r)).toEqual([
      ['c1', [0]],
      ['c2', [1]],
      ['c3', [2]]
    ])
    expect(everyEntryOnce(r)).toEqual([0, 1, 2])
    expect(r.cookies.map((c) => [c.name, c.purpose, c.values])).toEqual([
      ['_ga', 'tracking', 1],
      ['_ga_MP49LGP298', 'tracking', 3]
    ])
    expect(r.requests.map((q) => q.differences.map((d) => `${d.cookie}:${d.kind}`))).toEqual([
      [],
      ['_ga_MP49LGP298:value'],
      ['_ga_MP49LGP298:value']
    ])
  })

  it('Playwright redirect chain: the Secure cookie set over http is rejected, the last hop sends exactly what the jar holds', () => {
    const r = analyse('playwright-recordhar_redirect.har')
    expect(groups(r)).toEqual([
      ['c1', [0]],
      ['c2', [1]],
      ['c3', [2]]
    ])
    expect(r.rejected).toHaveLength(1)
    expect(r.rejected[0]).toMatchObject({ index: 1, cookie: 'vmidv1' })
    expect(r.rejected[0]?.reason).toContain('plain http')
    expect(r.requests[2]).toMatchObject({
      expectedCookie: 'vmidv1=9faf31ab-1415-4b90-b367-24b670205f41; _chorus_geoip_continent=NA',
      sentCookie: 'vmidv1=9faf31ab-1415-4b90-b367-24b670205f41; _chorus_geoip_continent=NA',
      differences: []
    })
    expect(r.requests[2]?.jarAfter.map((c) => `${c.name}@${c.domain}`)).toEqual([
      'vmidv1@theverge.com',
      '_chorus_geoip_continent@www.theverge.com',
      'vmidv1@www.theverge.com'
    ])
    expect(r.cookies.map((c) => [c.name, c.domain, c.purpose])).toEqual([
      ['vmidv1', 'theverge.com', 'tracking'],
      ['_chorus_geoip_continent', 'www.theverge.com', 'preference'],
      ['vmidv1', 'www.theverge.com', 'tracking']
    ])
    expect(r.sessions).toEqual([])
  })
})
