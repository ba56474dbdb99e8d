import { html, joinHtml, trustedSanitizedHtml, type SafeHtml } from './html';

const HOSTILE = `"><script>alert(1)</script></textarea>' onfocus='x' &amp;`;

describe('html (the tagged template every server-rendered page is built with)', () => {
  it('escapes every interpolation for text and for quoted attributes', () => {
    const out = String(html`<p title="${HOSTILE}" data-x='${HOSTILE}'>${HOSTILE}</p>`);
    expect(out).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/textarea&gt;&#39; onfocus=&#39;x&#39; &amp;amp;"' +
        " data-x='&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/textarea&gt;&#39; onfocus=&#39;x&#39; &amp;amp;'>" +
        '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/textarea&gt;&#39; onfocus=&#39;x&#39; &amp;amp;</p>',
    );
    expect(out).not.toContain('<script');
  });

  it('keeps markup made by html, and joins arrays of it', () => {
    const items = ['a<b', 'c"d'].map((text) => html`<li>${text}</li>`);
    expect(String(html`<ul>${items}</ul>`)).toBe('<ul><li>a&lt;b</li><li>c&quot;d</li></ul>');
    expect(String(joinHtml(items, '\n'))).toBe('<li>a&lt;b</li>\n<li>c&quot;d</li>');
  });

  it('prints nothing for null, undefined and false, and numbers as text', () => {
    const none: string | undefined = undefined;
    expect(String(html`<p>${null}${none}${false}${0}${12.5}</p>`)).toBe('<p>012.5</p>');
    expect(String(html`<p>${none !== undefined && html`<b>x</b>`}</p>`)).toBe('<p></p>');
  });

  it('escapes a string that merely looks like markup, or an object posing as SafeHtml', () => {
    const forged = { toString: () => '<script>alert(1)</script>' } as unknown as SafeHtml;
    expect(String(html`<p>${'<b>bold</b>'}</p>`)).toBe('<p>&lt;b&gt;bold&lt;/b&gt;</p>');
    expect(String(html`<p>${forged}</p>`)).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('refuses an unquoted interpolated attribute value', () => {
    const value = 'x onmouseover=alert(1)';
    expect(() => html`<p title=${value}></p>`).toThrow(/must be quoted/);
    expect(() => html`<p title = ${value}></p>`).toThrow(/must be quoted/);
  });

  it('takes "=" inside a quoted value or in text for what it is', () => {
    const lang = 'es"';
    expect(String(html`<a href="/f/x?lang=${lang}">a=${1}</a>`)).toBe('<a href="/f/x?lang=es&quot;">a=1</a>');
    expect(String(html`<a href='/f/x?a=${lang}&b=${lang}'>x</a>`)).toBe("<a href='/f/x?a=es&quot;&b=es&quot;'>x</a>");
  });

  it('lets sanitized researcher HTML through only by its explicit, named door', () => {
    expect(String(html`<div>${trustedSanitizedHtml('<p><strong>Call 555</strong></p>')}</div>`)).toBe(
      '<div><p><strong>Call 555</strong></p></div>',
    );
  });
});
