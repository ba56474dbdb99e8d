import type { Model } from 'survey-core';
import { closingHtml, type PublicSurvey } from '@candor/shared';
import { sanitizeResearcherHtml } from '../../../lib/safe-html';

/**
 * The survey's own closing page (or its screen-out message) for these answers, in each of its
 * languages, sanitized; `undefined` when it has none.
 */
export function closingByLanguage(
  survey: PublicSurvey | null,
  model: Model | null,
  answers: Record<string, unknown>,
): Readonly<Record<string, string>> | undefined {
  const byLanguage: Record<string, string> = {};
  for (const lang of survey && model ? survey.locales : []) {
    const found = closingHtml(
      (survey as PublicSurvey).definition,
      answers,
      (expression) => Boolean(model?.runExpression(expression)),
      lang,
    );
    const safe = found ? sanitizeResearcherHtml(found.html) : '';
    if (safe.trim() !== '') byLanguage[lang] = safe;
  }
  return Object.keys(byLanguage).length > 0 ? byLanguage : undefined;
}

/** The closing content's first heading becomes the page's <h1>; without one, `title` is added. */
export function withPageHeading(sanitized: string, title: string): string {
  const heading = /<h([2-5])([^>]*)>([\s\S]*?)<\/h\1>/.exec(sanitized);
  if (heading) return sanitized.replace(heading[0], () => `<h1${heading[2]}>${heading[3]}</h1>`);
  const escaped = title.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<h1>${escaped}</h1>${sanitized}`;
}
