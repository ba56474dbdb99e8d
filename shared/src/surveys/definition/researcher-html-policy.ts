import { isSameSiteUrl } from './same-site-url';

/**
 * The one allow-list for researcher-written HTML (html elements, closing pages, their
 * translations). The API cleans it with sanitize-html when a definition is saved
 * (api/src/surveys/researcher-html.ts) and the browser cleans it again with DOMPurify
 * right before rendering (web/src/lib/safe-html.ts); both read this file, and a shared test
 * runs both on a hostile corpus and compares what survives.
 *
 * The CSP stops scripts but not navigation: a saved `<meta http-equiv="refresh">`, `<base>`,
 * `<form>` or an external image would send every respondent, and every staff member
 * previewing, to another site with their address. What stays: text structure (paragraphs,
 * lists, headings, emphasis, tables), links within this site and `tel:` links (hotlines),
 * images from this site or inline. What goes: every other element, every `style`, `class`
 * and event attribute, and links to other sites — their words stay, as plain text.
 */
export const RESEARCHER_HTML_TAGS: readonly string[] = [
  'p',
  'br',
  'hr',
  'div',
  'span',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'small',
  'sub',
  'sup',
  'mark',
  'abbr',
  'code',
  'pre',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'a',
  'img',
];

/** Attributes by tag; `*` for those every allowed tag may carry. */
export const RESEARCHER_HTML_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  '*': ['lang', 'dir', 'title'],
  a: ['href'],
  img: ['src', 'alt', 'width', 'height'],
  ol: ['start'],
  th: ['colspan', 'rowspan', 'scope'],
  td: ['colspan', 'rowspan'],
};

/** Every attribute name some tag may carry (for a sanitizer that takes one flat list). */
export const RESEARCHER_HTML_ATTRIBUTE_NAMES: readonly string[] = [...new Set(Object.values(RESEARCHER_HTML_ATTRIBUTES).flat())];

/** Whether `tag` may carry the attribute `name` (both case-insensitive). */
export function researcherAttributeAllowed(tag: string, name: string): boolean {
  const attribute = name.toLowerCase();
  return (
    (RESEARCHER_HTML_ATTRIBUTES['*'] ?? []).includes(attribute) || (RESEARCHER_HTML_ATTRIBUTES[tag.toLowerCase()] ?? []).includes(attribute)
  );
}

/** URL schemes allowed besides this site's own addresses: `tel:` in links, `data:` (images only, see below) in images. */
export const RESEARCHER_HTML_SCHEMES = { a: ['tel'], img: ['data'] } as const;

const TEL = /^tel:[0-9+()\-. ]+$/i;

/** A link may go within this site, or call a phone number (a hotline); anything else keeps only its words. */
export function researcherLinkAllowed(href: string): boolean {
  return isSameSiteUrl(href) || TEL.test(href.trim());
}

/** An image may come from this site or be inline (`data:image/png|gif|jpeg|webp`); anything else is dropped. */
export function researcherImageAllowed(src: string): boolean {
  return isSameSiteUrl(src, { allowDataImages: true });
}
