// The JSON form of an InspectReport for `roundtrip inspect --json`, produced in pieces so a capture of
// any size streams out without building one giant string. Each request row leaves out what its header
// strings already say (`expected`, `sent`) and its `jarAfter` when that is the same jar as the row before.
import type { InspectReport } from './index'

const CHUNK = 64 * 1024

export function* reportJsonChunks(head: Record<string, unknown>, report: InspectReport): Generator<string> {
  const top: Record<string, unknown> = { ...head, ...report }
  delete top.requests
  let buf = '{\n'
  for (const [k, v] of Object.entries(top)) {
    if (v === undefined) continue
    buf += `  ${JSON.stringify(k)}: ${JSON.stringify(v)},\n`
    if (buf.length >= CHUNK) {
      yield buf
      buf = ''
    }
  }
  buf += '  "requests": ['
  let previousJar: unknown
  for (let i = 0; i < report.requests.length; i++) {
    const {
      expected: _expected,
      sent: _sent,
      jarAfter,
      ...rest
    } = report.requests[i] as InspectReport['requests'][number]
    const row = jarAfter === previousJar ? rest : { ...rest, jarAfter }
    previousJar = jarAfter
    buf += `${i ? ',' : ''}\n    ${JSON.stringify(row)}`
    if (buf.length >= CHUNK) {
      yield buf
      buf = ''
    }
  }
  yield `${buf}${report.requests.length ? '\n  ' : ''}]\n}\n`
}
