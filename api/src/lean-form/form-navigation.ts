import { createVisibility, localize, type ElementJson, type PageJson, type QuestionSpec } from '@candor/shared';
import type { LoadedSurvey } from './loaded-survey';

/** The questions and HTML blocks of a page, panels opened (the form shows them one after another). */
export function flatten(elements: readonly ElementJson[]): ElementJson[] {
  return elements.flatMap((element) =>
    element.type === 'panel' && Array.isArray(element.elements) ? flatten(element.elements) : [element],
  );
}

export function questionNamesOn(survey: LoadedSurvey, index: number): string[] {
  const page = survey.pages[index];
  if (!page) return [];
  return flatten(page.elements ?? []).flatMap((element) =>
    typeof element.name === 'string' && survey.compiled.questions.has(element.name) ? [element.name] : [],
  );
}

export function visibleQuestionNames(survey: LoadedSurvey, index: number, answers: Record<string, unknown>): string[] {
  const visibility = createVisibility(answers, survey.evaluate);
  return questionNamesOn(survey, index).filter((name) => visibility.question(survey.compiled.questions.get(name) as QuestionSpec));
}

/** Drops answers to questions skip logic now hides (as SurveyJS does on completion). */
export function pruneHidden(survey: LoadedSurvey, answers: Record<string, unknown>): Record<string, unknown> {
  let current = answers;
  // Hiding one question can hide another that depends on it: repeat until stable.
  for (let round = 0; round < 10; round++) {
    const visibility = createVisibility(current, survey.evaluate);
    const next: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(current)) {
      const owner = survey.compiled.commentKeys.get(key) ?? key;
      const spec = survey.compiled.questions.get(owner);
      if (spec && visibility.question(spec)) next[key] = value;
    }
    if (Object.keys(next).length === Object.keys(current).length) return next;
    current = next;
  }
  return current;
}

/** The index of the next page after `after` that shows anything, or null at the end. */
export function nextPage(survey: LoadedSurvey, answers: Record<string, unknown>, after: number): number | null {
  const visibility = createVisibility(answers, survey.evaluate);
  for (let index = after + 1; index < survey.pages.length; index++) {
    const page = survey.pages[index] as PageJson;
    if (page.visible === false || (typeof page.visibleIf === 'string' && !visibility.test(page.visibleIf))) continue;
    const shows = flatten(page.elements ?? []).some((element) => {
      if (element.type === 'html')
        return element.visible !== false && (typeof element.visibleIf !== 'string' || visibility.test(element.visibleIf));
      const spec = typeof element.name === 'string' ? survey.compiled.questions.get(element.name) : undefined;
      return spec !== undefined && visibility.question(spec);
    });
    if (shows) return index;
  }
  return null;
}

export function questionTitle(element: ElementJson, name: string, lang: string): string {
  return element.title !== undefined ? localize(element.title, lang) : name;
}

/** The question an answer problem's path points at (`q.row.column`, `q-Comment` → `q`). */
export function questionOf(path: string): string {
  return path.replace(/-Comment$/, '').split('.')[0] as string;
}

/** The same address in the other language (for pages without a form: closed, not found). */
export function otherLanguage(slug: string, lang: string): string {
  return `/f/${encodeURIComponent(slug)}?lang=${lang === 'es' ? 'en' : 'es'}`;
}
