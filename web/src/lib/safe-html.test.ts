import { describe, expect, it } from 'vitest';
import { sanitizeResearcherHtml } from './safe-html';

const NAVIGATING = [
  '<meta http-equiv="refresh" content="0; url=http://elsewhere.example/">',
  '<base href="https://elsewhere.example/">',
  '<link rel="prefetch" href="https://elsewhere.example/">',
  '<form action="https://elsewhere.example/"><button>Continue</button></form>',
  '<iframe src="https://elsewhere.example/"></iframe>',
  '<object data="https://elsewhere.example/x"></object>',
  '<embed src="https://elsewhere.example/x">',
  '<video src="https://elsewhere.example/v.mp4"></video>',
  '<img src="https://elsewhere.example/pixel.png">',
  '<img src="/\\elsewhere.example/pixel.png">',
  '<img src="//elsewhere.example/pixel.png">',
  '<img srcset="https://elsewhere.example/pixel.png 1x" src="/ok.png">',
  '<p style="background:url(https://elsewhere.example/pixel.png)">styled</p>',
  '<svg><image href="https://elsewhere.example/pixel.png"/></svg>',
  '<a href="https://elsewhere.example/">read more</a>',
  '<a href="/\\elsewhere.example/">read more</a>',
  '<a href="jav&#x09;ascript:alert(1)">click</a>',
  '<p onclick="location=\'https://elsewhere.example\'">x</p>',
];

describe('sanitizeResearcherHtml (before render)', () => {
  it.each(NAVIGATING)('leaves nothing that reaches another site in %s', (html) => {
    expect(sanitizeResearcherHtml(html)).not.toMatch(
      /elsewhere\.example|<meta|<base|<link|<form|<iframe|<object|<embed|<video|<svg|style=|srcset|javascript|onclick/i,
    );
  });

  it('keeps text, structure, links within the site and tel: links, and the words of outside links', () => {
    const html =
      '<h2>Help</h2><p>Call <a href="tel:+1 800 555 0100">the hotline</a>, see <a href="/f/safety">staying safe</a> or <a href="https://elsewhere.example/">SWOP</a>.</p><img src="/logo.png" alt="logo">';
    expect(sanitizeResearcherHtml(html)).toBe(
      '<h2>Help</h2><p>Call <a href="tel:+1 800 555 0100">the hotline</a>, see <a href="/f/safety">staying safe</a> or <a>SWOP</a>.</p><img src="/logo.png" alt="logo">',
    );
  });
});
