// Hostile HAR files, as an attacker would hand them to Roundtrip: a Roundtrip-format HAR of a login
// (exported from the capture factory) with one field broken at a time, nesting far past any stack,
// times of 1e308 and NaN, and 10 MB strings. Each variant is JSON text, as a file would be.
import type { Har } from 'har-format'
import { exportHar } from '../../src/shared/har/export'
import { loginCapture } from './capture-factory'

/** A valid Roundtrip HAR to break. */
export function baseHar(): Har & { log: Record<string, unknown> } {
  return exportHar(loginCapture()) as Har & { log: Record<string, unknown> }
}

/** `[[[[…]]]]` nested `depth` levels, as text (JSON.stringify itself would overflow). */
export function deepArrayText(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth)
}

/** A HAR whose first entry carries `field` nested `depth` levels deep, as text. */
export function deepHarText(depth: number, field = '_x'): string {
  const marker = '"__DEEP__"'
  const har = baseHar()
  ;(har.log.entries[0] as unknown as Record<string, unknown>)[field] = '__DEEP__'
  return JSON.stringify(har).replace(marker, deepArrayText(depth))
}

export const TEN_MB = 'A'.repeat(10 * 1024 * 1024)

/** Wrong values of every type (NaN and Infinity travel as the strings and the 1e308 JSON allows). */
export const WRONG_VALUES: [string, unknown][] = [
  ['null', null],
  ['true', true],
  ['-1', -1],
  ['1e308', 1e308],
  ['"NaN"', 'NaN'],
  ['a string', 'x'],
  ['a list', [1, [2]]],
  ['an object', { message: { nested: true }, kind: 'proxy-error' }],
  ['nested object', { a: { b: { c: {} } } }]
]

/** Where each Roundtrip-read field lives, as a setter on the HAR. */
export const FIELDS: Record<string, (har: Har & { log: Record<string, unknown> }, v: unknown) => void> = {}
const ENTRY = [
  '_id',
  '_connectionId',
  '_sequence',
  '_state',
  '_startedAt',
  '_offsets',
  '_httpVersion',
  '_upstreamConnectionId',
  '_upstreamReused',
  '_serverConnectionId',
  '_error',
  '_status',
  'startedDateTime',
  'time',
  'connection',
  'timings',
  'cache'
]
const anyOf = (x: unknown): Record<string, unknown> => x as Record<string, unknown>
for (const key of ENTRY) FIELDS[key] = (har, v) => void (anyOf(har.log.entries[0])[key] = v)
FIELDS['_error.message'] = (har, v) =>
  void (anyOf(har.log.entries[0])._error = { kind: 'proxy-error', message: v })
FIELDS['_offsets.responseEnd'] = (har, v) => void (anyOf(anyOf(har.log.entries[0])._offsets).responseEnd = v)
for (const key of ['wait', 'receive', 'send', 'connect', 'blocked'])
  FIELDS[`timings.${key}`] = (har, v) => void (anyOf(har.log.entries[0]!.timings)[key] = v)
for (const key of ['_rawUrl', 'headers', 'cookies', 'queryString', 'postData', 'method'])
  FIELDS[`request.${key}`] = (har, v) => void (anyOf(har.log.entries[0]!.request)[key] = v)
for (const key of ['status', 'statusText', 'headers', 'content', 'cookies', 'redirectURL'])
  FIELDS[`response.${key}`] = (har, v) => void (anyOf(har.log.entries[0]!.response)[key] = v)
for (const key of ['text', 'encoding', '_truncated', '_wireSize', '_contentEncoded', 'size'])
  FIELDS[`content.${key}`] = (har, v) => void (anyOf(har.log.entries[1]!.response.content)[key] = v)
FIELDS['header value'] = (har, v) => void (anyOf(har.log.entries[0]!.request.headers[0]).value = v)
FIELDS['_roundtrip'] = (har, v) => void (har.log._roundtrip = v)
FIELDS['_redacted'] = (har, v) => void (har.log._redacted = v)
for (const key of ['connections', 'tunnels', 'sessionEvents'])
  FIELDS[`_roundtrip.${key}`] = (har, v) => void (anyOf(har.log._roundtrip)[key] = v)
const roundtrip = (har: Har & { log: Record<string, unknown> }) =>
  har.log._roundtrip as Record<string, Record<string, unknown>[]>
for (const key of ['sessionId', 'at', 'kind', 'previousId', 'user'])
  FIELDS[`sessionEvents[].${key}`] = (har, v) => void (roundtrip(har).sessionEvents![0]![key] = v)
for (const key of ['id', 'openedAt', 'closedAt', 'exchangeIds', 'remotePort', 'kind'])
  FIELDS[`connections[].${key}`] = (har, v) => void (roundtrip(har).connections![0]![key] = v)

/** Every field with every wrong value (and a 10 MB string), each as the text of a whole HAR. */
export function* hostileVariants(): Generator<{ name: string; text: string }> {
  for (const [field, set] of Object.entries(FIELDS)) {
    for (const [label, value] of WRONG_VALUES) {
      const har = baseHar()
      set(har, value)
      yield { name: `${field} = ${label}`, text: JSON.stringify(har) }
    }
  }
}

/** One file with every kind of hostility at once: what the end-to-end doors are fed. */
export function worstHarText(): string {
  const har = baseHar()
  const e0 = anyOf(har.log.entries[0])
  e0._error = { kind: 'proxy-error', message: { html: '<b>x</b>' } }
  e0._startedAt = 1e308
  anyOf(har.log.entries[1])._startedAt = 'NaN'
  anyOf(har.log.entries[1])._offsets = { responseEnd: 1e308 }
  roundtrip(har).sessionEvents![0]!.sessionId = { id: 'x' }
  roundtrip(har).connections![0]!.exchangeIds = 'not a list'
  anyOf(har.log.entries[0]!.request.headers[0]).value = TEN_MB
  anyOf(har.log.entries[1]!.request.headers[0]).value = '\u202Eevil\u202C <script>alert(1)</script>'
  e0._deep = '__DEEP__'
  return JSON.stringify(har).replace('"__DEEP__"', deepArrayText(12_000))
}

/** Every field the issue found blanking the UI, wrong at once: `_error.message` an object,
 * `_startedAt` 1e308 and "NaN", a session event's `sessionId` an object. */
export function wrongTypesHarText(): string {
  const har = baseHar()
  FIELDS['_error.message']!(har, { html: '<b>x</b>', nested: { deeper: true } })
  FIELDS['_startedAt']!(har, 1e308)
  anyOf(har.log.entries[1])._startedAt = 'NaN'
  FIELDS['sessionEvents[].sessionId']!(har, { id: 'x' })
  return JSON.stringify(har)
}

/** A HAR with one 10 MB header value. */
export function tenMbHarText(): string {
  const har = baseHar()
  anyOf(har.log.entries[0]!.request.headers[0]).value = TEN_MB
  return JSON.stringify(har)
}

/** The few files the end-to-end doors (serve --load, Open HAR, /api/replay, inspect) are fed. */
export function representativeHostileHars(): { name: string; text: string }[] {
  return [
    { name: 'deep-12000.har', text: deepHarText(12_000) },
    { name: 'wrong-types.har', text: wrongTypesHarText() },
    // JSON has no NaN: a file with the bare token is not JSON, and must be refused with a sentence.
    { name: 'bare-nan.har', text: baseHarText().replace(/"_startedAt":\s*[-\d.e+]+/, '"_startedAt":NaN') },
    { name: 'ten-mb.har', text: tenMbHarText() },
    { name: 'worst.har', text: worstHarText() }
  ]
}

function baseHarText(): string {
  return JSON.stringify(baseHar())
}
