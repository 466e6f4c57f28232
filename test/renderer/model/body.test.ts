import { describe, expect, it } from 'vitest'
import { bodyView } from '../../../src/renderer/src/model/body'

const b64 = (s: string): string => btoa(s)

describe('body view', () => {
  it('pretty-prints JSON', () => {
    const view = bodyView({ size: 7, truncated: false, base64: b64('{"a":1}') }, [
      ['Content-Type', 'application/json']
    ])
    expect(view).toMatchObject({ kind: 'json', text: '{\n  "a": 1\n}' })
  })

  it('shows HTML and SVG as text, never as markup or images', () => {
    const html = bodyView({ size: 10, truncated: false, base64: b64('<b>hi</b>') }, [
      ['content-type', 'text/html']
    ])
    expect(html).toMatchObject({ kind: 'text', html: true, text: '<b>hi</b>' })
    const svg = bodyView({ size: 10, truncated: false, base64: b64('<svg/>') }, [
      ['content-type', 'image/svg+xml']
    ])
    expect(svg.kind).toBe('text')
  })

  it('turns a whole PNG into a data: URL and a cut one into bytes', () => {
    const png = b64('\x89PNG\r\n\x1a\n')
    expect(
      bodyView({ size: 8, truncated: false, base64: png }, [['Content-Type', 'image/png']])
    ).toMatchObject({
      kind: 'image',
      dataUrl: `data:image/png;base64,${png}`
    })
    expect(
      bodyView({ size: 800, truncated: true, base64: png }, [['Content-Type', 'image/png']])
    ).toMatchObject({
      kind: 'binary',
      truncated: true,
      size: 800,
      kept: 8
    })
  })

  it('reports no body for an empty one', () => {
    expect(bodyView({ size: 0, truncated: false, base64: '' }, [])).toEqual({ kind: 'none' })
  })
})
