import type { CompiledSurvey } from './compile-survey';
import { REGEX_LIMITS } from './safe-regex';
import type { ConditionEvaluator } from '../respondent/condition-evaluator';
import { createVisibility } from '../respondent/visibility';
import { checkAnswer } from './answers/answer-checks';
import { isPlainObject, problem, type AnswerProblem } from './answers/problems';
import { checkRequirements } from './answers/requirements';
import type { Submission } from './answers/submission';
import type { ValidationOptions } from './answers/text';

export type { ConditionEvaluator } from '../respondent/condition-evaluator';
export type { AnswerProblem, AnswerProblemCode } from './answers/problems';
export type { ValidationOptions } from './answers/text';

/**
 * Checks a respondent's answers against one compiled survey version (P3, docs/PRIVACY.md).
 * Returns every problem found; an empty list means the answers may be stored as they are.
 * Each answer is checked by the checker of its question's kind (`answers/`), then what must
 * be answered is checked over the whole survey.
 */
export function validateAnswers(
  survey: CompiledSurvey,
  answers: unknown,
  evaluate: ConditionEvaluator,
  options: ValidationOptions = {},
): AnswerProblem[] {
  if (!isPlainObject(answers)) {
    return [problem('answers', 'NOT_AN_OBJECT', 'answers must be an object mapping question names to answers')];
  }
  const keys = Object.keys(answers);
  const unknown = keys.filter((key) => !survey.questions.has(key) && !survey.commentKeys.has(key));
  if (unknown.length > 0) {
    return unknown.map((key) => problem(key, 'UNKNOWN_QUESTION', 'this survey version has no such question'));
  }
  const submission: Submission = {
    survey,
    answers,
    evaluate,
    visibility: createVisibility(answers, evaluate),
    problems: [],
    // One submission's pattern tests share a hard budget, so no answers can make it costly.
    budget: { remaining: REGEX_LIMITS.submissionBudget, sealed: options.sealedText },
  };
  for (const key of keys) checkAnswer(submission, key);
  checkRequirements(submission);
  return submission.problems;
}
