// The same HAR gives the same `inspect --json` in every time zone: a time without a zone is UTC, never the
// viewer's local time. Runs the real CLI under TZ=UTC and TZ=Asia/Seoul for every fixture.
import { execFile } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { BIN, ROOT } from '../../helpers/serve'

const run = promisify(execFile)
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'har')
const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.har'))

async function inspect(file: string, tz: string): Promise<string> {
  const { stdout } = await run(process.execPath, [BIN, 'inspect', join(FIXTURES, file), '--json'], {
    cwd: ROOT,
    env: { ...process.env, TZ: tz },
    maxBuffer: 64 * 1024 * 1024
  })
  return stdout
}

describe('inspect --json in two time zones', () => {
  it.each(files)('%s: identical under TZ=UTC and TZ=Asia/Seoul', async (file) => {
    const [utc, seoul] = await Promise.all([inspect(file, 'UTC'), inspect(file, 'Asia/Seoul')])
    expect(JSON.parse(utc).entries).toBeGreaterThan(0)
    expect(seoul).toBe(utc)
  })

  it('reads a time without a zone as UTC', async () => {
    const report = JSON.parse(await inspect('no-zone-times.har', 'Asia/Seoul'))
    expect(report.requests[0].startedDateTime).toBe('2026-01-15T12:00:00.000Z')
    // Expires 11:30 GMT is before the response at 12:00 UTC: the cookie is deleted, not stored.
    expect(report.requests[0].jarAfter.map((c: { name: string }) => c.name)).toEqual(['late'])
    expect(report.requests[2].expectedCookie).toBe('')
    expect(report.requests[2].expired.map((c: { name: string }) => c.name)).toEqual(['late'])
  })
})
