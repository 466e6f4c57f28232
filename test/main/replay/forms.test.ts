// Hidden form fields are read the way a browser reads the page (parse5), not by a pattern.
import { describe, expect, it } from 'vitest'
import { FormTokens, hiddenFields } from '../../../src/main/replay/forms'

describe('hiddenFields', () => {
  it('reads every hidden input, whatever the quoting, case and entities', () => {
    const html = `<!doctype html><form method=post>
      <INPUT TYPE=HIDDEN name=csrf value=a&amp;b&#x2F;c&eacute;>
      <input type='hidden' name='next' value='/cart?x=1&copy;'>
      <input name="user" value="alice">
      <input type="hidden" name="empty" value="">
      <input type="text" name="visible" value="no">
    </form>`
    expect([...hiddenFields(html)]).toEqual([
      ['csrf', 'a&b/cé'],
      ['next', '/cart?x=1©'],
      ['empty', '']
    ])
  })

  it('ignores inputs inside comments, scripts and attribute text, and reads template content', () => {
    const html = `<!-- <input type="hidden" name="c" value="comment"> -->
      <script>const s = '<input type="hidden" name="s" value="script">'</script>
      <div title='<input type="hidden" name="t" value="attr">'></div>
      <template><input type="hidden" name="tpl" value="1"></template>`
    expect([...hiddenFields(html)]).toEqual([['tpl', '1']])
  })

  it('lets a later field of the same name win, as a form post does', () => {
    const html = '<input type=hidden name=t value=1><div><input type=hidden name=t value=2></div>'
    expect(hiddenFields(html).get('t')).toBe('2')
  })

  it('survives broken markup', () => {
    expect([...hiddenFields('<form><input type=hidden name=a value="x')]).toEqual([])
    expect([...hiddenFields('<input type=hidden name=a value=1><p><<<>>')]).toEqual([['a', '1']])
  })
})

describe('FormTokens', () => {
  it('swaps a recorded hidden value for the one the live server just gave', () => {
    const tokens = new FormTokens()
    tokens.noteRecorded('<input type="hidden" name="csrf" value="old&amp;1">')
    tokens.noteLive('<input type="hidden" name="csrf" value="new&amp;2">')
    expect(tokens.rewrite('user=alice&csrf=old%261')).toEqual({
      body: 'user=alice&csrf=new%262',
      swapped: ['csrf']
    })
    expect(tokens.rewrite('user=alice&csrf=typed')).toEqual({ body: 'user=alice&csrf=typed', swapped: [] })
  })
})
