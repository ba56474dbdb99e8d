import type { PageJson, SurveyDefinition } from '../definition/survey-definition';

/**
 * What a respondent can foresee of a survey's length, and what it says at the end — one
 * source for the JavaScript page and the server-rendered form, so both paths agree.
 */

/** A page's place among the pages that could ever show: x of y. */
export interface PageProgress {
  readonly current: number;
  readonly total: number;
}

function pagesOf(definition: SurveyDefinition): readonly PageJson[] {
  return definition.pages ?? [{ name: 'page1', elements: definition.elements ?? [] }];
}

/** Indexes of the pages skip logic could show: not switched off, and with something on them. */
export function foreseeablePages(definition: SurveyDefinition): number[] {
  return pagesOf(definition).flatMap((page, index) => (page.visible !== false && (page.elements ?? []).length > 0 ? [index] : []));
}

/**
 * "Page x of y" by the survey's static structure: y counts every page that could show, so
 * it never grows when an answer reveals a page, and skip logic only ever moves x forward —
 * progress never goes backwards while the respondent moves on.
 */
export function pageProgress(definition: SurveyDefinition, pageIndex: number): PageProgress {
  const pages = foreseeablePages(definition);
  const total = Math.max(1, pages.length);
  const before = pages.filter((index) => index < pageIndex).length;
  return { current: Math.min(total, before + 1), total };
}

/** Whether no page after this one could ever show (where "Send" belongs rather than "Next"). */
export function isLastForeseeablePage(definition: SurveyDefinition, pageIndex: number): boolean {
  return !foreseeablePages(definition).some((index) => index > pageIndex);
}

interface ConditionalHtml {
  readonly expression?: unknown;
  readonly html?: unknown;
}

/**
 * The survey's own closing content for these answers: the first `completedHtmlOnCondition`
 * whose expression holds (a screen-out message, e.g. for someone under 18), else
 * `completedHtml`; undefined when the survey has none. Researcher HTML: sanitize before use.
 */
export function closingHtml(
  definition: SurveyDefinition,
  answers: Readonly<Record<string, unknown>>,
  evaluate: (expression: string, answers: Readonly<Record<string, unknown>>) => boolean,
  locale: string,
): { readonly html: string; readonly screenedOut: boolean } | undefined {
  const conditions = Array.isArray(definition['completedHtmlOnCondition'])
    ? (definition['completedHtmlOnCondition'] as readonly ConditionalHtml[])
    : [];
  for (const entry of conditions) {
    if (typeof entry !== 'object' || entry === null || typeof entry.expression !== 'string' || entry.html === undefined) continue;
    let holds = false;
    try {
      holds = evaluate(entry.expression, answers);
    } catch {
      holds = false;
    }
    if (holds) {
      const html = localizeLoose(entry.html, locale);
      if (html.trim() !== '') return { html, screenedOut: true };
    }
  }
  const html = definition['completedHtml'] !== undefined ? localizeLoose(definition['completedHtml'], locale) : '';
  return html.trim() !== '' ? { html, screenedOut: false } : undefined;
}

function localizeLoose(value: unknown, locale: string): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return '';
  const map = value as Record<string, unknown>;
  const pick = map[locale] ?? map['default'] ?? map['en'];
  return typeof pick === 'string' ? pick : '';
}
