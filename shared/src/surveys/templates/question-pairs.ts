/**
 * The before/after pair convention.
 *
 * A before/after item is two questions with the same choices whose names share a stem:
 * `<stem>__before` asks about the period before the policy change, `<stem>__after` about
 * the recent period. Aggregation finds pairs by name alone, so the convention survives
 * export, import, translation and hand-editing of the JSON.
 *
 * The qualifying pair `worked__before` / `worked__after` ("did you work in that period?")
 * decides who counts in before/after comparisons: only respondents who answered both
 * halves of a pair and said "yes" to both qualifying questions (when the survey has them).
 */
export const PAIR_SUFFIXES = { before: '__before', after: '__after' } as const;

export const QUALIFYING_PAIR_STEM = 'worked';

/** The answer to a qualifying question that means "I worked in that period". */
export const QUALIFYING_ANSWER = 'yes';

export interface QuestionPair {
  readonly stem: string;
  readonly before: string;
  readonly after: string;
}

/** Finds every complete pair among question names, in the order their "before" halves appear. */
export function findQuestionPairs(questionNames: Iterable<string>): QuestionPair[] {
  const names = new Set(questionNames);
  const pairs: QuestionPair[] = [];
  for (const name of names) {
    if (!name.endsWith(PAIR_SUFFIXES.before)) continue;
    const stem = name.slice(0, -PAIR_SUFFIXES.before.length);
    const after = stem + PAIR_SUFFIXES.after;
    if (stem !== '' && names.has(after)) pairs.push({ stem, before: name, after });
  }
  return pairs;
}

export function pairQuestionName(stem: string, half: keyof typeof PAIR_SUFFIXES): string {
  return stem + PAIR_SUFFIXES[half];
}
