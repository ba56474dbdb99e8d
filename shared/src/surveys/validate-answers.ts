import type { ErrorDetail } from '../contracts/errors';
import type { ChoiceSpec, CompiledSurvey, ContainerSpec, NumberRules, QuestionSpec, TextRules } from './compile-survey';
import { isBlankAnswer, SURVEYJS_EMAIL_PATTERN, toSurveyNumber } from './compiler/survey-values';
import { isDateValue, outOfDateRange } from './compiler/dates';
import { SUBMISSION_LIMITS } from '../contracts/public-surveys';
import { REGEX_LIMITS } from './safe-regex';
import { SPECIAL_VALUES } from './survey-definition';
import type { ConditionEvaluator } from './condition-evaluator';
import { createVisibility } from './visibility';
import { isSealedText, sealedLengthFor, SEALED_PREFIX } from '../crypto/sealed-text';

export type { ConditionEvaluator } from './condition-evaluator';

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

/**
 * Checks a respondent's answers against one compiled survey version (DESIGN.md P3).
 * Returns every problem found; an empty list means the answers may be stored as they are.
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

  const visibility = createVisibility(answers, evaluate);
  const test = visibility.test;
  const isVisible = visibility.question;
  const choiceVisible = visibility.choice;

  const problems: AnswerProblem[] = [];
  // One submission's pattern tests share a hard budget, so no answers can make it costly.
  const budget: TextContext = { remaining: REGEX_LIMITS.submissionBudget, sealed: options.sealedText };
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
        checkText(key, value, { ...NO_TEXT_RULES, maxLength: question.text?.maxLength ?? NO_TEXT_RULES.maxLength }, problems, budget);
      }
      continue;
    }
    const question = survey.questions.get(key) as QuestionSpec;
    if (!isVisible(question)) {
      problems.push(problem(key, 'HIDDEN_QUESTION', 'this question is hidden by skip logic, so it takes no answer'));
      continue;
    }
    const offered = (choice: ChoiceSpec): boolean => {
      if (!choiceVisible(choice)) return false;
      if (choice.special) return true;
      if (question.choicesVisibleIf !== undefined && !evaluate(question.choicesVisibleIf, { ...answers, item: choice.value })) return false;
      const from = question.choicesFrom;
      if (!from || from.mode === 'all') return true;
      const source = survey.questions.get(from.question);
      const chosen = Array.isArray(answers[from.question]) && (!source || isVisible(source)) ? (answers[from.question] as unknown[]) : [];
      return chosen.includes(choice.value) === (from.mode === 'selected');
    };
    checkValue(question, value, offered, problems, (expression, item) => evaluate(expression, { ...answers, item }), budget);
    if (question.kind === 'number' && problems[problems.length - 1]?.path !== key) {
      checkValueExpressions(question, value, answers, evaluate, problems);
    }
    if (problems.length === 0 || problems[problems.length - 1]?.path !== key) {
      for (const expression of question.expressionValidators) {
        if (!test(expression)) problems.push(problem(key, 'VALIDATOR_FAILED', `the answer fails the check "${expression}"`));
      }
    }
  }

  // survey-core requires nothing a respondent cannot edit: read-only or disabled questions, pages, panels.
  const editable = (container: ContainerSpec): boolean =>
    container.readOnly !== true && (container.enableIf === undefined || test(container.enableIf));
  const isEditable = (question: QuestionSpec): boolean =>
    question.readOnly !== true && (question.enableIf === undefined || test(question.enableIf)) && question.containers.every(editable);
  const itemVisible = (expression: string | undefined, item: ChoiceSpec): boolean =>
    choiceVisible(item) && (expression === undefined || evaluate(expression, { ...answers, item: item.value }));

  for (const question of survey.questions.values()) {
    const answered = Object.prototype.hasOwnProperty.call(answers, question.name);
    const required = isEditable(question) && (question.required || (question.requiredIf !== undefined && test(question.requiredIf)));
    if (question.kind === 'matrix' && question.eachRowRequired && isVisible(question) && isEditable(question)) {
      // As in survey-core, "every row required" applies even when the matrix is left out.
      const rows = isPlainObject(answers[question.name]) ? (answers[question.name] as Record<string, unknown>) : {};
      for (const row of question.rows ?? []) {
        if (itemVisible(question.rowsVisibleIf, row) && !Object.prototype.hasOwnProperty.call(rows, String(row.value))) {
          problems.push(problem(`${question.name}.${row.value}`, 'REQUIRED', 'every row of this question must be answered'));
        }
      }
    }
    if (question.kind === 'matrixdropdown' && isVisible(question) && isEditable(question)) {
      // survey-core validates every cell of every visible row, answered or not.
      const rows = isPlainObject(answers[question.name]) ? (answers[question.name] as Record<string, unknown>) : {};
      for (const row of question.rows ?? []) {
        if (!itemVisible(question.rowsVisibleIf, row)) continue;
        const cells = isPlainObject(rows[String(row.value)]) ? (rows[String(row.value)] as Record<string, unknown>) : {};
        for (const column of question.columns ?? []) {
          if (column.required && isBlankAnswer(cells[column.name])) {
            problems.push(problem(`${question.name}.${row.value}.${column.name}`, 'REQUIRED', 'this cell must be answered'));
          }
        }
      }
    }
    if (question.kind === 'multipletext' && isVisible(question) && isEditable(question)) {
      const boxes = isPlainObject(answers[question.name]) ? (answers[question.name] as Record<string, unknown>) : {};
      for (const item of question.items ?? []) {
        if (item.required && isBlankAnswer(boxes[item.name]))
          problems.push(problem(`${question.name}.${item.name}`, 'REQUIRED', 'this box must be filled in'));
      }
    }
    if (!answered || isBlankAnswer(answers[question.name])) {
      if (required && isVisible(question)) problems.push(problem(question.name, 'REQUIRED', 'this question must be answered'));
      if (!answered) continue;
    }
    if (question.hasOther && includesValue(answers[question.name], SPECIAL_VALUES.other)) {
      const comment = answers[question.name + '-Comment'];
      if (typeof comment !== 'string' || comment.trim() === '') {
        problems.push(problem(`${question.name}-Comment`, 'OTHER_TEXT_MISSING', '"Other" was chosen, so its text is needed'));
      }
    }
  }
  for (const panel of survey.panels ?? []) {
    if (!panel.containers.every((c) => visibility.container(c)) || !panel.containers.every(editable)) continue;
    if (!panel.required && !(panel.requiredIf !== undefined && test(panel.requiredIf))) continue;
    if (panel.questions.every((name) => isBlankAnswer(answers[name]))) {
      problems.push(problem(panel.name, 'REQUIRED', 'at least one question in this section must be answered'));
    }
  }
  return problems;
}

/** `minValueExpression` / `maxValueExpression`: bounds computed from the answers, ignored when not numbers (as in survey-core). */
function checkValueExpressions(
  question: QuestionSpec,
  value: unknown,
  answers: Readonly<Record<string, unknown>>,
  evaluate: ConditionEvaluator,
  problems: AnswerProblem[],
): void {
  const rules: NumberRules = question.number ?? {};
  if (rules.minExpression === undefined && rules.maxExpression === undefined) return;
  const compute = evaluate.value;
  if (!compute) {
    problems.push(problem(question.name, 'VALIDATOR_FAILED', 'the server cannot evaluate this question’s bounds'));
    return;
  }
  const bound = (expression: string | undefined): number => (expression === undefined ? NaN : toSurveyNumber(compute(expression, answers)));
  const min = bound(rules.minExpression);
  const max = bound(rules.maxExpression);
  const n = value as number;
  if ((!Number.isNaN(min) && n < min) || (!Number.isNaN(max) && n > max)) {
    problems.push(
      problem(
        question.name,
        'OUT_OF_RANGE',
        `the answer must be between ${Number.isNaN(min) ? '−∞' : min} and ${Number.isNaN(max) ? '∞' : max}`,
      ),
    );
  }
}

function checkValue(
  question: QuestionSpec,
  value: unknown,
  choiceVisible: (choice: ChoiceSpec) => boolean,
  problems: AnswerProblem[],
  evaluateWithItem: (expression: string, item: unknown) => boolean,
  budget: TextContext,
): void {
  const key = question.name;
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    problems.push(problem(key, 'EMPTY_ANSWER', 'an unanswered question is left out, not sent empty'));
    return;
  }
  const customRules = { ...NO_TEXT_RULES, maxLength: question.text?.maxLength ?? NO_TEXT_RULES.maxLength };
  // A value of the respondent's own is typed text: sealed like other free text when the survey has a research key.
  const custom = (item: unknown): boolean => {
    if (question.customChoices !== true || typeof item !== 'string' || item.trim() === '') return false;
    if (budget.sealed === undefined || !item.startsWith(SEALED_PREFIX)) return item.length <= customRules.maxLength;
    return item.length <= sealedLengthFor(customRules.maxLength) && isSealedText(item);
  };
  const unsealedCustom = (item: unknown): boolean =>
    budget.sealed === 'required' && typeof item === 'string' && !item.startsWith(SEALED_PREFIX) && custom(item);
  switch (question.kind) {
    case 'text':
      checkText(key, value, question.text ?? NO_TEXT_RULES, problems, budget);
      return;
    case 'date': {
      const rules = question.date;
      if (!rules || !isDateValue(value, rules.inputType)) {
        problems.push(
          problem(
            key,
            'WRONG_TYPE',
            `the answer must be a ${rules?.inputType ?? 'date'} as the browser's input sends it (e.g. 2024-05-17)`,
          ),
        );
      } else if (outOfDateRange(value, rules)) {
        problems.push(problem(key, 'OUT_OF_RANGE', `the answer must be between ${rules.min ?? 'any'} and ${rules.max ?? 'any'}`));
      }
      return;
    }
    case 'matrixdropdown': {
      if (!isPlainObject(value)) {
        problems.push(problem(key, 'WRONG_TYPE', 'the answer must map rows to their cells'));
        return;
      }
      for (const [rowKey, cells] of Object.entries(value)) {
        const row = question.rows?.find((r) => String(r.value) === rowKey);
        if (!row || !choiceVisible(row) || (question.rowsVisibleIf !== undefined && !evaluateWithItem(question.rowsVisibleIf, row.value))) {
          problems.push(problem(`${key}.${rowKey}`, 'UNKNOWN_QUESTION', 'this question has no such row'));
          return;
        }
        if (!isPlainObject(cells)) {
          problems.push(problem(`${key}.${rowKey}`, 'WRONG_TYPE', 'a row must map columns to answers'));
          return;
        }
        for (const [columnName, cell] of Object.entries(cells)) {
          const column = question.columns?.find((c) => c.name === columnName);
          const path = `${key}.${rowKey}.${columnName}`;
          if (!column) {
            problems.push(problem(path, 'UNKNOWN_QUESTION', 'this question has no such column'));
            return;
          }
          const found: AnswerProblem[] = [];
          checkValue(column, cell, choiceVisible, found, evaluateWithItem, budget);
          if (found.length > 0) {
            problems.push(...found.map((p) => ({ ...p, path: p.path === column.name ? path : `${path}.${p.path}` })));
            return;
          }
        }
      }
      return;
    }
    case 'multipletext': {
      if (!isPlainObject(value)) {
        problems.push(problem(key, 'WRONG_TYPE', 'the answer must map the boxes to their text'));
        return;
      }
      for (const [itemName, itemValue] of Object.entries(value)) {
        const item = question.items?.find((i) => i.name === itemName);
        const path = `${key}.${itemName}`;
        if (!item) {
          problems.push(problem(path, 'UNKNOWN_QUESTION', 'this question has no such box'));
          return;
        }
        if (item.kind === 'number') {
          if (typeof itemValue !== 'number' || !Number.isFinite(itemValue))
            problems.push(problem(path, 'WRONG_TYPE', 'the answer must be a number'));
          else if (outOfRange(itemValue, item.number ?? {}))
            problems.push(
              problem(path, 'OUT_OF_RANGE', `the answer must be between ${item.number?.min ?? '−∞'} and ${item.number?.max ?? '∞'}`),
            );
        } else {
          checkText(path, itemValue, item.text, problems, budget);
        }
      }
      return;
    }
    case 'expression': {
      // The client sends what the expression computed; it is kept as sent and never published.
      const scalar = typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string';
      if (!scalar) problems.push(problem(key, 'WRONG_TYPE', 'a computed value must be a number, text or true/false'));
      // Computed text can copy typed text: sealed like free text when the survey has a research key.
      else if (
        typeof value === 'string' &&
        budget.sealed !== undefined &&
        checkSealedText(key, value, NO_TEXT_RULES, problems, budget.sealed)
      )
        return;
      else if (typeof value === 'string' && value.length > NO_TEXT_RULES.maxLength)
        problems.push(problem(key, 'TOO_LONG', 'the computed value is too long'));
      return;
    }
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
      if (!choice && unsealedCustom(value)) {
        problems.push(problem(key, 'NOT_SEALED', 'a value of your own must be sealed to the survey’s research key before it is sent'));
        return;
      }
      if ((!choice && !custom(value)) || (choice && !choiceVisible(choice))) {
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
        if (!choice && unsealedCustom(item)) {
          problems.push(problem(key, 'NOT_SEALED', 'a value of your own must be sealed to the survey’s research key before it is sent'));
          return;
        }
        if ((!choice && !custom(item)) || (choice && !choiceVisible(choice))) {
          problems.push(problem(key, 'CHOICE_NOT_OFFERED', `${JSON.stringify(item)} is not one of the offered choices`));
          return;
        }
        const id = JSON.stringify(item);
        if (seen.has(id)) {
          problems.push(problem(key, 'DUPLICATE_CHOICE', `${id} is chosen twice`));
          return;
        }
        seen.add(id);
        exclusiveChosen ||= choice?.exclusive === true;
      }
      if (exclusiveChosen && value.length > 1) {
        problems.push(
          problem(key, 'EXCLUSIVE_CHOICE', '"None", "Prefer not to say" and "Don’t know" cannot be combined with other choices'),
        );
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
      const shown = (expression: string | undefined, item: ChoiceSpec): boolean =>
        choiceVisible(item) && (expression === undefined || evaluateWithItem(expression, item.value));
      for (const [rowKey, cell] of Object.entries(value)) {
        const row = question.rows?.find((r) => String(r.value) === rowKey);
        if (!row || !shown(question.rowsVisibleIf, row)) {
          problems.push(problem(`${key}.${rowKey}`, 'UNKNOWN_QUESTION', 'this question has no such row'));
          return;
        }
        const column = typeof cell === 'string' || typeof cell === 'number' ? findChoice(question.choices, cell) : undefined;
        if (!column || !shown(question.columnsVisibleIf, column)) {
          problems.push(problem(`${key}.${rowKey}`, 'CHOICE_NOT_OFFERED', `${JSON.stringify(cell)} is not one of the offered columns`));
          return;
        }
      }
      return;
    }
  }
}

/** How free text arrives: as typed, or sealed to the survey's research key (issue 17). */
export interface ValidationOptions {
  /**
   * `required`: every free-text answer must be a sealed text (the JavaScript path seals in the
   * browser); `allowed`: sealed or plain (the no-JS form seals on receipt). Absent: plain only.
   */
  readonly sealedText?: 'required' | 'allowed';
}

/** What every text check of one submission shares: the pattern budget and how free text arrives. */
interface TextContext {
  remaining: number;
  readonly sealed?: 'required' | 'allowed';
}

/**
 * A sealed text can be checked for its shape and size only (the rules on its content ran on the
 * respondent's device). True when the value was handled here; a plain text under `allowed` is
 * left to the ordinary checks.
 */
function checkSealedText(key: string, value: string, rules: TextRules, problems: AnswerProblem[], mode: 'required' | 'allowed'): boolean {
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

const NO_TEXT_RULES: TextRules = { maxLength: SUBMISSION_LIMITS.defaultTextLength, patterns: [], allowDigits: true };

function checkText(key: string, value: unknown, rules: TextRules, problems: AnswerProblem[], budget: TextContext): void {
  if (typeof value !== 'string') {
    problems.push(problem(key, 'WRONG_TYPE', 'the answer must be text'));
    return;
  }
  if (value === '') {
    problems.push(problem(key, 'EMPTY_ANSWER', 'an unanswered question is left out, not sent empty'));
    return;
  }
  if (budget.sealed !== undefined && checkSealedText(key, value, rules, problems, budget.sealed)) return;
  if (value.length > rules.maxLength) {
    problems.push(problem(key, 'TOO_LONG', `the text may be at most ${rules.maxLength} characters`));
  } else if (rules.minLength !== undefined && value.length < rules.minLength) {
    problems.push(problem(key, 'TOO_SHORT', `the text must be at least ${rules.minLength} characters`));
  } else if (!rules.allowDigits && /\d/.test(value)) {
    problems.push(problem(key, 'PATTERN_MISMATCH', 'the text may not contain digits'));
  } else if (rules.email && value.trim() !== '' && !SURVEYJS_EMAIL_PATTERN.test(value)) {
    problems.push(problem(key, 'PATTERN_MISMATCH', 'the text is not an e-mail address'));
  } else if (rules.numeric && value.trim() !== '' && Number.isNaN(toSurveyNumber(value))) {
    problems.push(problem(key, 'WRONG_TYPE', 'the answer must be a number'));
  } else if (rules.numeric && value.trim() !== '' && outOfRange(toSurveyNumber(value), rules.numeric)) {
    problems.push(problem(key, 'OUT_OF_RANGE', `the answer must be between ${rules.numeric.min ?? '−∞'} and ${rules.numeric.max ?? '∞'}`));
  } else {
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
}

function outOfRange(n: number, rules: NumberRules): boolean {
  return (rules.min !== undefined && n < rules.min) || (rules.max !== undefined && n > rules.max);
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
