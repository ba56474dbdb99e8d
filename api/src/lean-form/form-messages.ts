import { COMMENT_SUFFIX, findIdentifyingDetails, type AnswerProblem } from '@candor/shared';
import { questionOf } from './form-navigation';
import { fill, leanMessages } from './lean-messages';
import type { LoadedSurvey } from './loaded-survey';

/** Question → the first problem with its answer, in the respondent's words. */
export function problemMessages(problems: readonly AnswerProblem[], lang: string): Record<string, string> {
  const t = leanMessages(lang);
  const messages: Record<string, string> = {};
  for (const problem of problems) {
    const name = questionOf(problem.path ?? '');
    if (messages[name]) continue;
    messages[name] = (t.problem as Record<string, string>)[problem.code] ?? t.problem.default;
  }
  return messages;
}

/** Question → the identifying kinds its free text shows ("phone,link"), for this page's questions. */
export function identifyingTexts(survey: LoadedSurvey, names: readonly string[], answers: Record<string, unknown>): Record<string, string> {
  const t = leanMessages(survey.lang);
  const found: Record<string, string> = {};
  for (const name of names) {
    // Free text only (and "Other" boxes): a date, a number or a chosen value is not checked — it has no warning to show.
    const own = survey.compiled.questions.get(name)?.kind === 'text' ? answers[name] : undefined;
    const texts = [own, answers[name + COMMENT_SUFFIX]].filter((value): value is string => typeof value === 'string');
    const kinds = [...new Set(texts.flatMap((text) => findIdentifyingDetails(text)))];
    if (kinds.length > 0)
      found[name] = fill(t.identifyingFound, { kinds: kinds.map((kind) => t.identifyingKinds[kind] ?? kind).join(', ') });
  }
  return found;
}
