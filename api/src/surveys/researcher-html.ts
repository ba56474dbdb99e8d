import sanitizeHtml from 'sanitize-html';
import { researcherSanitizeHtmlOptions, type SurveyDefinition } from '@candor/shared';

/**
 * Researcher-written HTML (html elements, closing pages, their translations) is cleaned
 * when a definition is saved, and again in the browser before it is rendered
 * (web/src/lib/safe-html.ts). Both read one allow-list, with its reasons, in
 * shared/src/surveys/definition/researcher-html-policy.ts; this file only applies it with sanitize-html.
 */
/** Properties SurveyJS renders as HTML. */
const HTML_PROPERTIES = new Set(['html', 'completedHtml', 'completedBeforeHtml', 'loadingHtml']);

const OPTIONS: sanitizeHtml.IOptions = researcherSanitizeHtmlOptions();

/** One piece of researcher HTML, cleaned. */
export function sanitizeResearcherHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

export interface SanitizedDefinition {
  readonly definition: SurveyDefinition;
  /** JSON paths of the HTML that changed, for the designer to show. */
  readonly cleaned: readonly string[];
}

/** Cleans every HTML-bearing property of a definition, in every language. */
export function sanitizeDefinitionHtml(definition: SurveyDefinition): SanitizedDefinition {
  const cleaned: string[] = [];
  const walk = (value: unknown, path: string, isHtml: boolean): unknown => {
    if (isHtml && typeof value === 'string') {
      const clean = sanitizeResearcherHtml(value);
      if (clean !== value) cleaned.push(path);
      return clean;
    }
    if (Array.isArray(value)) return value.map((item, index) => walk(item, `${path}[${index}]`, false));
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      // An HTML property's value is a string or a map of languages to strings.
      out[key] = walk(child, childPath, isHtml || HTML_PROPERTIES.has(key));
    }
    return out;
  };
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) return { definition, cleaned };
  return { definition: walk(definition, '', false) as SurveyDefinition, cleaned };
}
