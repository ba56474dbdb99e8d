import type { QuestionSpec } from '../compiler/types';
import { checkMulti, checkSingle } from './choice-answers';
import { checkMatrix, checkMatrixDropdown, checkMultipleText } from './matrix-answers';
import { problem } from './problems';
import { checkBoolean, checkDate, checkExpression, checkNumber } from './scalar-answers';
import { checkText, NO_TEXT_RULES } from './text';
import type { ValueCheck } from './value-check';

/** One answer value against its question: one checker per kind of question. */
export function checkValue(question: QuestionSpec, value: unknown, check: ValueCheck): void {
  const { problems, budget } = check;
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    problems.push(problem(question.name, 'EMPTY_ANSWER', 'an unanswered question is left out, not sent empty'));
    return;
  }
  switch (question.kind) {
    case 'text':
      return checkText(question.name, value, question.text ?? NO_TEXT_RULES, problems, budget);
    case 'date':
      return checkDate(question, value, problems);
    case 'matrixdropdown':
      return checkMatrixDropdown(question, value, check, checkValue);
    case 'multipletext':
      return checkMultipleText(question, value, check);
    case 'expression':
      return checkExpression(question, value, problems, budget);
    case 'number':
      return checkNumber(question, value, problems);
    case 'boolean':
      return checkBoolean(question, value, problems);
    case 'single':
      return checkSingle(question, value, check);
    case 'multi':
      return checkMulti(question, value, check);
    case 'matrix':
      return checkMatrix(question, value, check);
  }
}
