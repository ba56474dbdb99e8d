import DOMPurify, { type WindowLike } from 'dompurify';
import sanitizeHtml from 'sanitize-html';
import { RESEARCHER_HTML_CORPUS } from './hostile-html';
import { RESEARCHER_HTML_TAGS, researcherAttributeAllowed, researcherImageAllowed, researcherLinkAllowed } from './researcher-html-policy';
import {
  researcherAddressHook,
  researcherAttributeHook,
  researcherPurifyConfig,
  researcherSanitizeHtmlOptions,
} from './researcher-html-sanitizers';

/*
 * The server's sanitizer (sanitize-html, api/src/surveys/researcher-html.ts) and the
 * browser's (DOMPurify, web/src/lib/safe-html.ts), each built from the same options and hooks
 * those two files use (researcher-html-sanitizers.ts), must let the same things through.
 */
// jsdom ships no types (the one constructor used is typed here); its own dependencies ship as
// ES modules only, which shared/jest.config.js compiles.
interface ParsedElement {
  readonly tagName: string;
  readonly attributes: Iterable<{ readonly name: string; readonly value: string }>;
  hasAttribute(name: string): boolean;
  getAttribute(name: string): string | null;
}
interface JsdomWindow extends WindowLike {
  readonly document: { createElement(tag: 'div'): { innerHTML: string; querySelectorAll(selector: '*'): Iterable<ParsedElement> } };
}
const { JSDOM } = require('jsdom') as { JSDOM: new (html: string) => { window: JsdomWindow } };
const window = new JSDOM('').window;

const serverOptions = researcherSanitizeHtmlOptions();
const server = (html: string): string => sanitizeHtml(html, serverOptions);

const purifier = DOMPurify(window);
purifier.addHook('uponSanitizeAttribute', researcherAttributeHook);
purifier.addHook('afterSanitizeAttributes', researcherAddressHook);
const browser = (html: string): string => purifier.sanitize(html, researcherPurifyConfig());

/**
 * What got through, as a set: each element's tag and its attributes with their (trimmed)
 * values. Plain words are not counted: a link or an image that lost its address becomes a
 * bare `<span>` on the server, and a bare `<a>` or nothing in the browser.
 */
function allowedSet(html: string): string[] {
  const container = window.document.createElement('div');
  container.innerHTML = html;
  const found = new Set<string>();
  for (const element of container.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    const attributes = [...element.attributes].map((a) => `${a.name}=${a.value.trim()}`).sort();
    if ((tag === 'span' || tag === 'a') && attributes.length === 0) continue;
    found.add([tag, ...attributes].join(' '));
  }
  return [...found].sort();
}

describe('the researcher-HTML allow-list, shared by the server and the browser', () => {
  it.each(RESEARCHER_HTML_CORPUS.map((html) => [html]))('both sanitizers let the same things through in %j', (html) => {
    expect(allowedSet(browser(html))).toEqual(allowedSet(server(html)));
  });

  it('lets through only listed tags and attributes, and only addresses the URL rules allow, on the whole corpus', () => {
    for (const html of RESEARCHER_HTML_CORPUS) {
      for (const clean of [server(html), browser(html)]) {
        const container = window.document.createElement('div');
        container.innerHTML = clean;
        for (const element of container.querySelectorAll('*')) {
          const tag = element.tagName.toLowerCase();
          expect(RESEARCHER_HTML_TAGS).toContain(tag);
          for (const attribute of element.attributes) expect(researcherAttributeAllowed(tag, attribute.name)).toBe(true);
          const href = element.getAttribute('href');
          if (href !== null) expect(researcherLinkAllowed(href)).toBe(true);
          const src = element.getAttribute('src');
          if (src !== null) expect(researcherImageAllowed(src)).toBe(true);
        }
      }
    }
  });

  it('keeps what researchers need: structure, links within the site, hotlines, inline images', () => {
    const html =
      '<h2>Help</h2><p>Call <a href="tel:+1 800 555 0100">the hotline</a> or see <a href="/f/safety">staying safe</a>.</p><img src="/logo.png" alt="logo">';
    const wanted = allowedSet(html);
    expect(wanted).toHaveLength(5);
    expect(allowedSet(server(html))).toEqual(wanted);
    expect(allowedSet(browser(html))).toEqual(wanted);
    expect(researcherLinkAllowed('tel:alert(1)')).toBe(false);
    expect(researcherImageAllowed('data:image/png;base64,AAAA')).toBe(true);
    expect(researcherImageAllowed('data:text/html;base64,AAAA')).toBe(false);
  });
});
