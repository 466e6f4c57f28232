// The schemas' quick checks (src/shared/har/har-schemas.ts QUICK): a value a quick check passes must be one
// the schema passes too, with an output equal to it (same keys, same order), as the door keeps the value as
// it is instead of the schema's copy. Checked against every schema that has a quick check, over valid and
// hostile values alike.
import { describe, expect, it } from 'vitest'
import * as v from 'valibot'
import * as s from '../../../src/shared/har/har-schemas'
import { parseHar } from '../../../src/shared/har/read'
import { WRONG_VALUES, baseHar } from '../../helpers/hostile-har'

const har = baseHar()
const data = har.log._roundtrip as Record<string, Record<string, unknown>[]>
const entry = har.log.entries[0] as unknown as Record<string, unknown>
const connection = data.connections![0]!
const reordered = Object.fromEntries(Object.entries(connection).reverse())
const SAMPLES: unknown[] = [
  ...WRONG_VALUES.map(([, x]) => x),
  undefined,
  0,
  -1,
  1.5,
  65535,
  65536,
  1e10,
  'client',
  'complete',
  'x'.repeat(300),
  [],
  ['a', 'b'],
  // eslint-disable-next-line no-sparse-arrays
  ['a', , 'b'],
  {},
  entry._offsets,
  { responseEnd: 2, requestSent: 1 },
  { requestSent: 1, extra: 2 },
  { requestSent: undefined },
  { kind: 'proxy-error', message: 'm' },
  { message: 'm', kind: 'proxy-error' },
  connection,
  reordered,
  { ...connection, exchangeIds: ['e1', 2] },
  { ...connection, remotePort: 1.5 },
  ...(data.tunnels ?? []),
  ...(data.sessionEvents ?? [])
]

describe('quick checks', () => {
  it('pass only what the schema passes, unchanged', () => {
    let passed = 0
    for (const [schema, ok] of s.QUICK) {
      for (const x of SAMPLES) {
        if (!ok(x)) continue
        passed++
        const r = v.safeParse(schema, x)
        expect(r.success, `${JSON.stringify(x)}`).toBe(true)
        expect(JSON.stringify(r.output)).toBe(JSON.stringify(x))
        if (typeof x === 'object' && x !== null)
          expect(Object.keys(r.output as object)).toEqual(Object.keys(x))
      }
    }
    expect(passed).toBeGreaterThan(50)
  })

  it('cover the fields every entry carries, and the connections, tunnels and session events', () => {
    for (const schema of [
      s.offsets,
      s.exchangeError,
      s.connection,
      s.tunnel,
      s.sessionEvent,
      s.ENTRY_FIELDS._state!
    ]) {
      expect(s.QUICK.has(schema)).toBe(true)
    }
    expect(s.QUICK.get(s.offsets)!(entry._offsets)).toBe(true)
    expect(s.QUICK.get(s.connection)!(connection)).toBe(true)
  })

  it("leave the rest to the schema: `_offsets` out of order or with an unknown key is read the schema's way", () => {
    const h = baseHar()
    const e = h.log.entries[0] as unknown as Record<string, unknown>
    e._offsets = { responseEnd: 3, requestSent: 1, extra: 'x' }
    const parsed = parseHar(JSON.stringify(h))
    if (!parsed.ok) throw new Error(parsed.error)
    const read = parsed.har.log.entries[0] as unknown as Record<string, unknown>
    expect(JSON.stringify(read._offsets)).toBe('{"requestSent":1,"responseEnd":3}')
  })
})
