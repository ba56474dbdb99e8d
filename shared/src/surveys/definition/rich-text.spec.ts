import { editableTextToHtml, htmlToEditableText, richTextFits, sourceHash } from './rich-text';

describe('rich text edited as text', () => {
  it('shows paragraphs, links, lists, headings and emphasis as text, and makes the same HTML again', () => {
    const html =
      '<h3>Resources</h3><p>Call <a href="tel:+15550100">the peer line</a> or read <a href="/f/safety">this</a>.<br>Any time.</p><ul><li><strong>SWOP</strong> hotline</li><li>Legal <em>aid</em></li></ul>';
    const text = htmlToEditableText(html);
    expect(text).toBe(
      '### Resources\n\nCall [the peer line](tel:+15550100) or read [this](/f/safety).\nAny time.\n\n- **SWOP** hotline\n- Legal _aid_',
    );
    expect(editableTextToHtml(text)).toBe(html);
  });

  it('escapes what a translator types; a link it makes is checked by the server allow-list when saved', () => {
    expect(editableTextToHtml('<script>alert(1)</script> & "x"')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</p>');
    expect(editableTextToHtml('[x](javascript:alert(1))')).toBe('<p><a href="javascript:alert(1">x</a>)</p>');
  });

  it('says when HTML cannot make the round trip (tables, images, attributes), so it is edited as HTML', () => {
    expect(richTextFits('<p>Hello <a href="/x">there</a></p>')).toBe(true);
    expect(richTextFits('<table><tr><td>1</td></tr></table>')).toBe(false);
    expect(richTextFits('<p lang="es">Hola</p>')).toBe(false);
    expect(richTextFits('<img src="/a.png">')).toBe(false);
  });

  it('fingerprints a source text: the same text the same hash, any edit another', () => {
    expect(sourceHash('Are you 18 or older?')).toBe(sourceHash('Are you 18 or older?'));
    expect(sourceHash('Are you 18 or older?')).not.toBe(sourceHash('Are you 18 or older ?'));
    expect(sourceHash('')).toMatch(/^[0-9a-f]{14}$/);
  });
});
