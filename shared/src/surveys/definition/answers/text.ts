import { SUBMISSION_LIMITS } from '../../../contracts/public-surveys';
import { isSealedText, sealedLengthFor, SEALED_PREFIX } from '../../../crypto/sealed-text';
import { SURVEYJS_EMAIL_PATTERN, toSurveyNumber } from '../compiler/survey-values';
import type { TextRules } from '../compiler/types';
import { outOfRange, problem, type AnswerProblem } from './problems';

/** How free text arrives: as typed, or sealed to the survey's research key (issue 17). */
export interface ValidationOptions {
  /**
   * `required`: every free-text answer must be a sealed text (the JavaScript path seals in the
   * browser); `allowed`: sealed or plain (the no-JS form seals on receipt). Absent: plain only.
   */
  readonly sealedText?: 'required' | 'allowed';
}

/** What every text check of one submission shares: the pattern budget and how free text arrives. */
export interface TextContext {
  remaining: number;
  readonly sealed?: 'required' | 'allowed';
}

export const NO_TEXT_RULES: TextRules = { maxLength: SUBMISSION_LIMITS.defaultTextLength, patterns: [], allowDigits: true };

/**
 * A sealed text can be checked for its shape and size only (the rules on its content ran on the
 * respondent's device). True when the value was handled here; a plain text under `allowed` is
 * left to the ordinary checks.
 */
export function checkSealedText(
  key: string,
  value: string,
  rules: TextRules,
  problems: AnswerProblem[],
  mode: 'required' | 'allowed',
): boolean {
  if (!value.startsWith(SEALED_PREFIX)) {
    if (mode === 'allowed') return false;
    problems.push(problem(key, 'NOT_SEALED', 'free text must be sealed to the survey’s research key before it is sent'));
    return true;
  }
  if (value.length > sealedLengthFor(rules.maxLength))
    problems.push(problem(key, 'TOO_LONG', `the text may be at most ${rules.maxLength} characters`));
  else if (!isSealedText(value)) problems.push(problem(key, 'WRONG_TYPE', 'the sealed text is malformed'));
  return true;
}

/** A free-text answer: sealed, or checked against its length, digit, e-mail, number and pattern rules. */
export function checkText(key: string, value: unknown, rules: TextRules, problems: AnswerProblem[], budget: TextContext): void {
  if (typeof value !== 'string') {
    problems.push(problem(key, 'WRONG_TYPE', 'the answer must be text'));
    return;
  }
  if (value === '') {
    problems.push(problem(key, 'EMPTY_ANSWER', 'an unanswered question is left out, not sent empty'));
    return;
  }
  if (budget.sealed !== undefined && checkSealedText(key, value, rules, problems, budget.sealed)) return;
  const found = textRuleProblem(key, value, rules);
  if (found) problems.push(found);
  else checkPatterns(key, value, rules, problems, budget);
}

/** The first of the plain rules the text breaks, in survey-core's order. */
function textRuleProblem(key: string, value: string, rules: TextRules): AnswerProblem | undefined {
  if (value.length > rules.maxLength) {
    return problem(key, 'TOO_LONG', `the text may be at most ${rules.maxLength} characters`);
  } else if (rules.minLength !== undefined && value.length < rules.minLength) {
    return problem(key, 'TOO_SHORT', `the text must be at least ${rules.minLength} characters`);
  } else if (!rules.allowDigits && /\d/.test(value)) {
    return problem(key, 'PATTERN_MISMATCH', 'the text may not contain digits');
  } else if (rules.email && value.trim() !== '' && !SURVEYJS_EMAIL_PATTERN.test(value)) {
    return problem(key, 'PATTERN_MISMATCH', 'the text is not an e-mail address');
  } else if (rules.numeric && value.trim() !== '' && Number.isNaN(toSurveyNumber(value))) {
    return problem(key, 'WRONG_TYPE', 'the answer must be a number');
  } else if (rules.numeric && value.trim() !== '' && outOfRange(toSurveyNumber(value), rules.numeric)) {
    return problem(key, 'OUT_OF_RANGE', `the answer must be between ${rules.numeric.min ?? '−∞'} and ${rules.numeric.max ?? '∞'}`);
  }
  return undefined;
}

/** The regex validators, paid for from the submission's shared budget so no answers can make them costly. */
function checkPatterns(key: string, value: string, rules: TextRules, problems: AnswerProblem[], budget: TextContext): void {
  for (const pattern of rules.patterns) {
    budget.remaining -= value.length * pattern.cost;
    if (budget.remaining < 0) {
      problems.push(problem(key, 'TOO_COSTLY', 'these answers take too much checking; shorten the longest texts'));
      return;
    }
    if (!pattern.test(value)) {
      problems.push(problem(key, 'PATTERN_MISMATCH', `the text does not match the expected pattern`));
      return;
    }
  }
}
