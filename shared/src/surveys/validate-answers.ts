import type { ErrorDetail } from '../contracts/errors';
import type { ChoiceSpec, CompiledSurvey, QuestionSpec, TextRules } from './compile-survey';
import { SUBMISSION_LIMITS } from '../contracts/public-surveys';
import { SPECIAL_VALUES } from './survey-definition';
import { createVisibility } from './visibility';

/**
 * Evaluates a SurveyJS condition (e.g. `{incident} = 'yes'`) against answers. The API
 * passes survey-core's own expression engine, so skip logic means exactly what it
 * means in the respondent's browser.
 */
export type ConditionEvaluator = (expression: string, values: Readonly<Record<string, unknown>>) => boolean;

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
  | 'VALIDATOR_FAILED';

export interface AnswerProblem extends ErrorDetail {
  readonly code: AnswerProblemCode;
}

/**
 * Checks a respondent's answers against one compiled survey version (DESIGN.md P3).
 * Returns every problem found; an empty list means the answers may be stored as they are.
 */
export function validateAnswers(
  survey: CompiledSurvey,
  answers: unknown,
  evaluate: ConditionEvaluator,
): AnswerProblem[] {
  if (!isPlainObject(answers)) {
    return [problem('answers', 'NOT_AN_OBJECT', 'answers must be an object mapping question names to answers')];
  }
  const keys = Object.keys(answers);
  const unknown = keys.filter((key) => !survey.questions.has(key) && !survey.commentKeys.has(key));
  if (unknown.length > 0) {
    return unknown.map((key) => problem(key, 'UNKNOWN_QUESTION', 'this survey version has no such question'));
  }

  const visibility = createVisibility(answers, evaluate);
  const test = visibility.test;
  const isVisible = visibility.question;
  const choiceVisible = visibility.choice;

  const problems: AnswerProblem[] = [];
  for (const key of keys) {
    const value = answers[key];
    const commentOf = survey.commentKeys.get(key);
    if (commentOf !== undefined) {
      const question = survey.questions.get(commentOf) as QuestionSpec;
      if (!isVisible(question)) {
        problems.push(problem(key, 'HIDDEN_QUESTION', `"${commentOf}" is hidden by skip logic, so it takes no answer`));
      } else if (!question.hasComment && !includesValue(answers[commentOf], SPECIAL_VALUES.other)) {
        problems.push(problem(key, 'COMMENT_NOT_ALLOWED', `"Other" text is only accepted when "${commentOf}" is "other"`));
      } else {
        checkText(key, value, { ...NO_TEXT_RULES, maxLength: question.text?.maxLength ?? NO_TEXT_RULES.maxLength }, problems);
      }
      continue;
    }
    const question = survey.questions.get(key) as QuestionSpec;
    if (!isVisible(question)) {
      problems.push(problem(key, 'HIDDEN_QUESTION', 'this question is hidden by skip logic, so it takes no answer'));
      continue;
    }
    checkValue(question, value, choiceVisible, problems);
    if (problems.length === 0 || problems[problems.length - 1]?.path !== key) {
      for (const expression of question.expressionValidators) {
        if (!test(expression)) problems.push(problem(key, 'VALIDATOR_FAILED', `the answer fails the check "${expression}"`));
      }
    }
  }

  for (const question of survey.questions.values()) {
    const answered = Object.prototype.hasOwnProperty.call(answers, question.name);
    const required = question.required || (question.requiredIf !== undefined && test(question.requiredIf));
    if (question.kind === 'matrix' && question.eachRowRequired && isVisible(question)) {
      // As in survey-core, "every row required" applies even when the matrix is left out.
      const rows = isPlainObject(answers[question.name]) ? (answers[question.name] as Record<string, unknown>) : {};
      for (const row of question.rows ?? []) {
        if (choiceVisible(row) && !Object.prototype.hasOwnProperty.call(rows, String(row.value))) {
          problems.push(problem(`${question.name}.${row.value}`, 'REQUIRED', 'every row of this question must be answered'));
        }
      }
    }
    if (!answered) {
      if (required && isVisible(question)) problems.push(problem(question.name, 'REQUIRED', 'this question must be answered'));
      continue;
    }
    if (question.hasOther && includesValue(answers[question.name], SPECIAL_VALUES.other)) {
      const comment = answers[question.name + '-Comment'];
      if (typeof comment !== 'string' || comment.trim() === '') {
        problems.push(problem(`${question.name}-Comment`, 'OTHER_TEXT_MISSING', '"Other" was chosen, so its text is needed'));
      }
    }
  }
  return problems;
}

function checkValue(
  question: QuestionSpec,
  value: unknown,
  choiceVisible: (choice: ChoiceSpec) => boolean,
  problems: AnswerProblem[],
): void {
  const key = question.name;
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    problems.push(problem(key, 'EMPTY_ANSWER', 'an unanswered question is left out, not sent empty'));
    return;
  }
  switch (question.kind) {
    case 'text':
      checkText(key, value, question.text ?? NO_TEXT_RULES, problems);
      return;
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        problems.push(problem(key, 'WRONG_TYPE', 'the answer must be a number'));
        return;
      }
      const { min, max } = question.number ?? {};
      if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
        problems.push(problem(key, 'OUT_OF_RANGE', `the answer must be between ${min ?? '−∞'} and ${max ?? '∞'}`));
      }
      return;
    }
    case 'boolean': {
      const [yes, no] = question.booleanValues ?? [true, false];
      if (value !== yes && value !== no) {
        problems.push(problem(key, 'WRONG_TYPE', `the answer must be ${JSON.stringify(yes)} or ${JSON.stringify(no)}`));
      }
      return;
    }
    case 'single': {
      if (typeof value !== 'string' && typeof value !== 'number') {
        problems.push(problem(key, 'WRONG_TYPE', 'the answer must be one of the offered choices'));
        return;
      }
      const choice = findChoice(question.choices, value);
      if (!choice || !choiceVisible(choice)) {
        problems.push(problem(key, 'CHOICE_NOT_OFFERED', `${JSON.stringify(value)} is not one of the offered choices`));
      }
      return;
    }
    case 'multi': {
      if (!Array.isArray(value)) {
        problems.push(problem(key, 'WRONG_TYPE', 'the answer must be a list of the offered choices'));
        return;
      }
      const seen = new Set<string>();
      let exclusiveChosen = false;
      for (const item of value) {
        if (typeof item !== 'string' && typeof item !== 'number') {
          problems.push(problem(key, 'WRONG_TYPE', 'each item must be one of the offered choices'));
          return;
        }
        const choice = findChoice(question.choices, item);
        if (!choice || !choiceVisible(choice)) {
          problems.push(problem(key, 'CHOICE_NOT_OFFERED', `${JSON.stringify(item)} is not one of the offered choices`));
          return;
        }
        const id = JSON.stringify(item);
        if (seen.has(id)) {
          problems.push(problem(key, 'DUPLICATE_CHOICE', `${id} is chosen twice`));
          return;
        }
        seen.add(id);
        exclusiveChosen ||= choice.exclusive;
      }
      if (exclusiveChosen && value.length > 1) {
        problems.push(problem(key, 'EXCLUSIVE_CHOICE', '"None", "Prefer not to say" and "Don’t know" cannot be combined with other choices'));
      } else if (!exclusiveChosen && question.minSelected !== undefined && value.length < question.minSelected) {
        problems.push(problem(key, 'TOO_FEW_CHOICES', `choose at least ${question.minSelected}`));
      } else if (question.maxSelected !== undefined && value.length > question.maxSelected) {
        problems.push(problem(key, 'TOO_MANY_CHOICES', `choose at most ${question.maxSelected}`));
      }
      return;
    }
    case 'matrix': {
      if (!isPlainObject(value) || Object.keys(value).length === 0) {
        problems.push(problem(key, 'WRONG_TYPE', 'the answer must map rows to the offered columns'));
        return;
      }
      for (const [rowKey, cell] of Object.entries(value)) {
        const row = question.rows?.find((r) => String(r.value) === rowKey);
        if (!row || !choiceVisible(row)) {
          problems.push(problem(`${key}.${rowKey}`, 'UNKNOWN_QUESTION', 'this question has no such row'));
          return;
        }
        if ((typeof cell !== 'string' && typeof cell !== 'number') || !findChoice(question.choices, cell)) {
          problems.push(problem(`${key}.${rowKey}`, 'CHOICE_NOT_OFFERED', `${JSON.stringify(cell)} is not one of the offered columns`));
          return;
        }
      }
      return;
    }
  }
}

const NO_TEXT_RULES: TextRules = { maxLength: SUBMISSION_LIMITS.maxTextLength, patterns: [], allowDigits: true };

function checkText(key: string, value: unknown, rules: TextRules, problems: AnswerProblem[]): void {
  if (typeof value !== 'string') {
    problems.push(problem(key, 'WRONG_TYPE', 'the answer must be text'));
    return;
  }
  if (value === '') {
    problems.push(problem(key, 'EMPTY_ANSWER', 'an unanswered question is left out, not sent empty'));
    return;
  }
  if (value.length > rules.maxLength) {
    problems.push(problem(key, 'TOO_LONG', `the text may be at most ${rules.maxLength} characters`));
  } else if (rules.minLength !== undefined && value.length < rules.minLength) {
    problems.push(problem(key, 'TOO_SHORT', `the text must be at least ${rules.minLength} characters`));
  } else if (!rules.allowDigits && /\d/.test(value)) {
    problems.push(problem(key, 'PATTERN_MISMATCH', 'the text may not contain digits'));
  } else {
    const failed = rules.patterns.find((pattern) => !pattern.regex.test(value));
    if (failed) problems.push(problem(key, 'PATTERN_MISMATCH', `the text does not match the expected pattern`));
  }
}

function findChoice(choices: readonly ChoiceSpec[], value: string | number): ChoiceSpec | undefined {
  return choices.find((choice) => choice.value === value);
}

function includesValue(answer: unknown, value: string): boolean {
  return answer === value || (Array.isArray(answer) && answer.includes(value));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function problem(path: string, code: AnswerProblemCode, message: string): AnswerProblem {
  return { path, code, message };
}
