import type { ErrorDetail } from '../../../contracts/errors';
import type { ChoiceSpec, NumberRules } from '../compiler/types';

export type AnswerProblemCode =
  | 'NOT_AN_OBJECT'
  | 'UNKNOWN_QUESTION'
  | 'HIDDEN_QUESTION'
  | 'REQUIRED'
  | 'WRONG_TYPE'
  | 'EMPTY_ANSWER'
  | 'CHOICE_NOT_OFFERED'
  | 'DUPLICATE_CHOICE'
  | 'EXCLUSIVE_CHOICE'
  | 'TOO_FEW_CHOICES'
  | 'TOO_MANY_CHOICES'
  | 'TOO_LONG'
  | 'TOO_SHORT'
  | 'OUT_OF_RANGE'
  | 'PATTERN_MISMATCH'
  | 'OTHER_TEXT_MISSING'
  | 'COMMENT_NOT_ALLOWED'
  | 'VALIDATOR_FAILED'
  | 'TOO_COSTLY'
  | 'NOT_SEALED';

export interface AnswerProblem extends ErrorDetail {
  readonly code: AnswerProblemCode;
}

export function problem(path: string, code: AnswerProblemCode, message: string): AnswerProblem {
  return { path, code, message };
}

export function outOfRange(n: number, rules: NumberRules): boolean {
  return (rules.min !== undefined && n < rules.min) || (rules.max !== undefined && n > rules.max);
}

export function findChoice(choices: readonly ChoiceSpec[], value: string | number): ChoiceSpec | undefined {
  return choices.find((choice) => choice.value === value);
}

export function includesValue(answer: unknown, value: string): boolean {
  return answer === value || (Array.isArray(answer) && answer.includes(value));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
