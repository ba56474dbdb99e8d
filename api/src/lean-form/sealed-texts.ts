import { freeTextFields, isSealedText, sealFreeText } from '@candor/shared';
import type { LoadedSurvey } from './loaded-survey';

/**
 * Issue 17: free text in the form's state is sealed once its page is left, so the pages that
 * carry the answers onward (one-time pages in memory, the browser's form) hold only what the
 * respondent is looking at in plain text. The last page is sealed on receipt by the intake.
 */
export function sealLeftPage(survey: LoadedSurvey, answers: Record<string, unknown>): Record<string, unknown> {
  return survey.researchKey ? sealFreeText(survey.compiled, answers, survey.researchKey) : answers;
}

/** A free-text field left empty where a sealed text was kept: the sealed text stays (it cannot be shown to edit). */
export function keepSealedTexts(
  survey: LoadedSurvey,
  pageNames: readonly string[],
  before: Readonly<Record<string, unknown>>,
  answers: Record<string, unknown>,
): void {
  if (!survey.researchKey) return;
  for (const field of freeTextFields(survey.compiled)) {
    if (!pageNames.includes(field.question)) continue;
    const kept = valueAt(before, field.path);
    if (!isSealedText(kept) || valueAt(answers, field.path) !== undefined) continue;
    let node = answers;
    for (const step of field.path.slice(0, -1)) {
      const child = node[step];
      if (typeof child !== 'object' || child === null || Array.isArray(child)) node[step] = {};
      node = node[step] as Record<string, unknown>;
    }
    node[field.path[field.path.length - 1] as string] = kept;
  }
}

/** The answers with sealed free text left out (what the form shows); the same object when there is none. */
export function withoutSealedTexts(survey: LoadedSurvey, answers: Record<string, unknown>): Record<string, unknown> {
  if (!survey.researchKey) return answers;
  const sealed = freeTextFields(survey.compiled).filter((field) => isSealedText(valueAt(answers, field.path)));
  if (sealed.length === 0) return answers;
  const shown = JSON.parse(JSON.stringify(answers)) as Record<string, unknown>;
  for (const field of sealed) {
    const parent = field.path.length === 1 ? shown : (valueAt(shown, field.path.slice(0, -1)) as Record<string, unknown>);
    delete parent[field.path[field.path.length - 1] as string];
  }
  return shown;
}

export function hasSealedText(survey: LoadedSurvey, question: string, answers: Readonly<Record<string, unknown>>): boolean {
  return freeTextFields(survey.compiled).some((field) => field.question === question && isSealedText(valueAt(answers, field.path)));
}

function valueAt(answers: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let node: unknown = answers;
  for (const step of path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.prototype.hasOwnProperty.call(node, step))
      return undefined;
    node = (node as Record<string, unknown>)[step];
  }
  return node;
}
