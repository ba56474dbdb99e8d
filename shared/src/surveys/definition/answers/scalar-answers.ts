import { isDateValue, outOfDateRange } from '../compiler/dates';
import type { QuestionSpec } from '../compiler/types';
import { problem, type AnswerProblem } from './problems';
import { checkSealedText, NO_TEXT_RULES, type TextContext } from './text';

/** A date or time as the browser's input sends it, within the question's bounds. */
export function checkDate(question: QuestionSpec, value: unknown, problems: AnswerProblem[]): void {
  const key = question.name;
  const rules = question.date;
  if (!rules || !isDateValue(value, rules.inputType)) {
    problems.push(
      problem(key, 'WRONG_TYPE', `the answer must be a ${rules?.inputType ?? 'date'} as the browser's input sends it (e.g. 2024-05-17)`),
    );
  } else if (outOfDateRange(value, rules)) {
    problems.push(problem(key, 'OUT_OF_RANGE', `the answer must be between ${rules.min ?? 'any'} and ${rules.max ?? 'any'}`));
  }
}

/** The client sends what the expression computed; it is kept as sent and never published. */
export function checkExpression(question: QuestionSpec, value: unknown, problems: AnswerProblem[], budget: TextContext): void {
  const key = question.name;
  const scalar = typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string';
  if (!scalar) problems.push(problem(key, 'WRONG_TYPE', 'a computed value must be a number, text or true/false'));
  // Computed text can copy typed text: sealed like free text when the survey has a research key.
  else if (typeof value === 'string' && budget.sealed !== undefined && checkSealedText(key, value, NO_TEXT_RULES, problems, budget.sealed))
    return;
  else if (typeof value === 'string' && value.length > NO_TEXT_RULES.maxLength)
    problems.push(problem(key, 'TOO_LONG', 'the computed value is too long'));
}

/** A finite number within the question's `min` / `max`. */
export function checkNumber(question: QuestionSpec, value: unknown, problems: AnswerProblem[]): void {
  const key = question.name;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    problems.push(problem(key, 'WRONG_TYPE', 'the answer must be a number'));
    return;
  }
  const { min, max } = question.number ?? {};
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    problems.push(problem(key, 'OUT_OF_RANGE', `the answer must be between ${min ?? '−∞'} and ${max ?? '∞'}`));
  }
}

/** One of the two values the question stores for yes and no. */
export function checkBoolean(question: QuestionSpec, value: unknown, problems: AnswerProblem[]): void {
  const [yes, no] = question.booleanValues ?? [true, false];
  if (value !== yes && value !== no) {
    problems.push(problem(question.name, 'WRONG_TYPE', `the answer must be ${JSON.stringify(yes)} or ${JSON.stringify(no)}`));
  }
}
