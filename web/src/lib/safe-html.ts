import DOMPurify from 'dompurify';
import { researcherAddressHook, researcherAttributeHook, researcherPurifyConfig } from '@candor/shared';

/**
 * Researcher-written HTML, cleaned again right before the browser renders it (the server
 * cleaned it when it was saved: api/src/surveys/researcher-html.ts). Both read one
 * allow-list, with its reasons, in shared/src/surveys/definition/researcher-html-policy.ts; this file
 * only applies it with DOMPurify. A definition saved before that rule, or HTML assembled in
 * the designer's preview, still cannot take anyone anywhere; a link to another site keeps
 * only its words.
 */
let purifier: ReturnType<typeof DOMPurify> | null = null;

function getPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const instance = DOMPurify(window);
  instance.addHook('uponSanitizeAttribute', researcherAttributeHook);
  instance.addHook('afterSanitizeAttributes', researcherAddressHook);
  purifier = instance;
  return instance;
}

export function sanitizeResearcherHtml(html: string): string {
  return getPurifier().sanitize(html, researcherPurifyConfig());
}
