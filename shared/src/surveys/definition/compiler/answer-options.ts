import type { DefinitionProblem, QuestionSpec } from './types';

/**
 * A ten-kilobyte definition can describe a matrix of a thousand rows by two hundred dropdown
 * columns: every anonymous visit to it would build a 35 MB page. Real questionnaires offer a
 * few hundred answer options; this bound keeps every page small and quick to build.
 */
export const MAX_ANSWER_OPTIONS = 5000;

/** The answer options a survey renders: choices, matrix cells (times their choices), text boxes. */
function countAnswerOptions(questions: Iterable<QuestionSpec>): number {
  let total = 0;
  for (const question of questions) {
    const choices = Math.max(1, question.choices.length);
    const rows = Math.max(1, question.rows?.length ?? 1);
    if (question.kind === 'matrixdropdown')
      total += rows * (question.columns ?? []).reduce((sum, column) => sum + Math.max(1, column.choices.length), 0);
    else if (question.kind === 'matrix') total += rows * choices;
    else if (question.kind === 'multipletext') total += Math.max(1, question.items?.length ?? 1);
    else total += choices;
  }
  return total;
}

/** Refuses a survey whose pages would be too big to build for every respondent. */
export function checkAnswerOptions(questions: Iterable<QuestionSpec>, problems: DefinitionProblem[]): void {
  const options = countAnswerOptions(questions);
  if (options > MAX_ANSWER_OPTIONS) {
    problems.push({
      path: '',
      message: `the survey offers ${options} answer options (choices, matrix cells, boxes); at most ${MAX_ANSWER_OPTIONS}: every respondent's page is built from them`,
    });
  }
}
