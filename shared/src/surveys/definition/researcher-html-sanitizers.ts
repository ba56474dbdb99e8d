import type sanitizeHtml from 'sanitize-html';
import {
  RESEARCHER_HTML_ATTRIBUTE_NAMES,
  RESEARCHER_HTML_ATTRIBUTES,
  RESEARCHER_HTML_SCHEMES,
  RESEARCHER_HTML_TAGS,
  researcherAttributeAllowed,
  researcherImageAllowed,
  researcherLinkAllowed,
} from './researcher-html-policy';

/**
 * The allow-list of researcher-html-policy.ts, applied: the sanitize-html options the server
 * uses (api/src/surveys/researcher-html.ts) and the DOMPurify hooks and settings the browser
 * uses (web/src/lib/safe-html.ts). Both sides and the test that compares them
 * (researcher-html-policy.spec.ts) build their sanitizer from these, so none holds a copy.
 * Only types come from the two libraries: this module loads neither.
 */
export function researcherSanitizeHtmlOptions(): sanitizeHtml.IOptions {
  return {
    allowedTags: [...RESEARCHER_HTML_TAGS],
    allowedAttributes: Object.fromEntries(Object.entries(RESEARCHER_HTML_ATTRIBUTES).map(([tag, names]) => [tag, [...names]])),
    allowedSchemes: [...RESEARCHER_HTML_SCHEMES.a],
    allowedSchemesByTag: { img: [...RESEARCHER_HTML_SCHEMES.img] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: {
      a: (tagName, attribs): sanitizeHtml.Tag => {
        const href = attribs['href'];
        if (href !== undefined && researcherLinkAllowed(href)) return { tagName, attribs: { href: href.trim() } };
        // A link to another site keeps its words, not its address.
        return { tagName: 'span', attribs: {} };
      },
      img: (tagName, attribs): sanitizeHtml.Tag => {
        const src = attribs['src'];
        if (src === undefined || !researcherImageAllowed(src)) return { tagName: 'span', attribs: {} };
        const { src: _src, ...rest } = attribs;
        return { tagName, attribs: { ...rest, src: src.trim() } };
      },
    },
  };
}

/** DOMPurify takes one flat list of attributes: which tag may carry which is checked in this hook. */
export function researcherAttributeHook(node: { readonly nodeName: string }, data: { readonly attrName: string; keepAttr: boolean }): void {
  if (!researcherAttributeAllowed(node.nodeName, data.attrName)) data.keepAttr = false;
}

interface SanitizedElement {
  readonly tagName: string;
  getAttribute(name: string): string | null;
  removeAttribute(name: string): void;
  remove(): void;
}

/** Links and images are judged by the shared URL rules: a foreign link keeps its words, a foreign image goes. */
export function researcherAddressHook(node: SanitizedElement): void {
  if (node.tagName === 'A') {
    const href = node.getAttribute('href');
    if (href !== null && !researcherLinkAllowed(href)) node.removeAttribute('href');
  }
  if (node.tagName === 'IMG') {
    const src = node.getAttribute('src');
    if (src === null || !researcherImageAllowed(src)) node.remove();
  }
}

/** DOMPurify's settings for researcher HTML (with the two hooks above registered). */
export function researcherPurifyConfig() {
  return {
    ALLOWED_TAGS: [...RESEARCHER_HTML_TAGS],
    ALLOWED_ATTR: [...RESEARCHER_HTML_ATTRIBUTE_NAMES],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    // Addresses are judged by the hook; this only keeps DOMPurify from dropping data: images.
    ADD_DATA_URI_TAGS: Object.entries(RESEARCHER_HTML_SCHEMES)
      .filter(([, schemes]) => (schemes as readonly string[]).includes('data'))
      .map(([tag]) => tag),
    RETURN_TRUSTED_TYPE: false as const,
  };
}
