import { sanitizeDefinitionHtml, sanitizeResearcherHtml } from './researcher-html';

/** Researcher HTML that would take a respondent (or a previewing staff member) elsewhere. */
export const NAVIGATING_HTML = [
  '<meta http-equiv="refresh" content="0; url=http://elsewhere.example/">',
  '<base href="https://elsewhere.example/">',
  '<link rel="prefetch" href="https://elsewhere.example/">',
  '<form action="https://elsewhere.example/"><button>Continue</button></form>',
  '<iframe src="https://elsewhere.example/"></iframe>',
  '<object data="https://elsewhere.example/x"></object>',
  '<embed src="https://elsewhere.example/x">',
  '<video src="https://elsewhere.example/v.mp4"></video>',
  '<audio src="https://elsewhere.example/a.mp3"></audio>',
  '<img src="https://elsewhere.example/pixel.png">',
  '<img src="/\\elsewhere.example/pixel.png">',
  '<img src="//elsewhere.example/pixel.png">',
  '<img srcset="https://elsewhere.example/pixel.png 1x" src="/ok.png">',
  '<p style="background:url(https://elsewhere.example/pixel.png)">styled</p>',
  '<svg><image href="https://elsewhere.example/pixel.png"/></svg>',
  '<a href="https://elsewhere.example/">read more</a>',
  '<a href="/\\elsewhere.example/">read more</a>',
  '<a href="  //elsewhere.example/">read more</a>',
  '<a href="jav&#x09;ascript:alert(1)">click</a>',
  '<math><mtext><table><mglyph><style><img src=https://elsewhere.example/x.png>',
];

describe('researcher HTML sanitizing (on save)', () => {
  it.each(NAVIGATING_HTML)('leaves nothing that reaches another site in %s', (html) => {
    const clean = sanitizeResearcherHtml(html);
    expect(clean).not.toMatch(
      /elsewhere\.example|<meta|<base|<link|<form|<iframe|<object|<embed|<video|<audio|<svg|style=|srcset|javascript/i,
    );
  });

  it('keeps text structure, links within the site, tel: links, and the words of outside links', () => {
    const html =
      '<h2>Help</h2><p>Call <a href="tel:+1 800 555 0100">the hotline</a>, see <a href="/f/safety">staying safe</a> ' +
      'or <a href="https://elsewhere.example/">SWOP</a>.</p><ul><li><strong>Free</strong></li></ul><img src="/logo.png" alt="logo">';
    expect(sanitizeResearcherHtml(html)).toBe(
      '<h2>Help</h2><p>Call <a href="tel:+1 800 555 0100">the hotline</a>, see <a href="/f/safety">staying safe</a> ' +
        'or <span>SWOP</span>.</p><ul><li><strong>Free</strong></li></ul><img alt="logo" src="/logo.png" />',
    );
  });

  it('cleans every HTML property of a definition in every language, and says where', () => {
    const { definition, cleaned } = sanitizeDefinitionHtml({
      completedHtml: { default: '<p>Thanks</p>', es: '<meta http-equiv="refresh" content="0; url=//elsewhere.example">Gracias' },
      completedBeforeHtml: '<base href="//elsewhere.example">',
      loadingHtml: '<p>…</p>',
      pages: [
        {
          elements: [
            { type: 'panel', elements: [{ type: 'html', name: 'note', html: '<form action="//elsewhere.example"></form><p>ok</p>' }] },
          ],
        },
      ],
    });
    expect(JSON.stringify(definition)).not.toMatch(/elsewhere|<meta|<base|<form/);
    expect(cleaned).toEqual(['completedHtml.es', 'completedBeforeHtml', 'pages[0].elements[0].elements[0].html']);
    expect((definition as { completedHtml: { default: string } }).completedHtml.default).toBe('<p>Thanks</p>');
  });

  it('leaves a clean definition unchanged', () => {
    const input = { title: 'T', pages: [{ elements: [{ type: 'html', name: 'n', html: '<p>Hello <em>you</em></p>' }] }] };
    expect(sanitizeDefinitionHtml(input)).toEqual({ definition: input, cleaned: [] });
  });
});
