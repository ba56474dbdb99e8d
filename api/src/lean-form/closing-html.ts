import { sanitizeResearcherHtml } from '../surveys/researcher-html';

/**
 * The survey's closing content (support lines, resources) for the no-JS page: cleaned with
 * the one allow-list researcher HTML gets when it is saved (and in the browser before it is
 * rendered), so both paths show the same thing and a link to another site keeps only its words.
 */
export function sanitizeClosingHtml(html: string): string {
  return sanitizeResearcherHtml(html);
}
