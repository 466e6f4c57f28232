/// <reference types="node" />
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { harTextToCapture } from '../../../src/renderer/src/api/har-file'

const fixture = (name: string): string =>
  readFileSync(join(import.meta.dirname, '../../fixtures/har', name), 'utf8')

describe('opening a HAR in the browser', () => {
  it('turns a real Chrome HAR (with a BOM) into a capture with connections', () => {
    const result = harTextToCapture('with-bom.har', fixture('chrome-devtools_with-bom.har'))
    expect(result.status).toBe('opened')
    if (result.status !== 'opened') return
    expect(result.fileName).toBe('with-bom.har')
    expect(result.snapshot.exchanges.length).toBeGreaterThan(0)
    expect(result.snapshot.connections.length).toBeGreaterThan(0)
  })

  it('says what is wrong with a file that is not HAR, naming the file', () => {
    const result = harTextToCapture('notes.txt', '{"log": {"entries": [}')
    expect(result.status).toBe('error')
    if (result.status === 'error') expect(result.error).toMatch(/^notes\.txt: .+/)
  })
})
