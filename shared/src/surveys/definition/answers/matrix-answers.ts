import type { ChoiceSpec, QuestionSpec, TextItemSpec } from '../compiler/types';
import { findChoice, isPlainObject, outOfRange, problem, type AnswerProblem } from './problems';
import { checkText } from './text';
import type { ValueCheck, ValueChecker } from './value-check';

/** A single-choice matrix: each shown row mapped to one of the shown columns. */
export function checkMatrix(question: QuestionSpec, value: unknown, check: ValueCheck): void {
  const key = question.name;
  if (!isPlainObject(value) || Object.keys(value).length === 0) {
    check.problems.push(problem(key, 'WRONG_TYPE', 'the answer must map rows to the offered columns'));
    return;
  }
  const shown = (expression: string | undefined, item: ChoiceSpec): boolean =>
    check.choiceVisible(item) && (expression === undefined || check.evaluateWithItem(expression, item.value));
  for (const [rowKey, cell] of Object.entries(value)) {
    const row = question.rows?.find((r) => String(r.value) === rowKey);
    if (!row || !shown(question.rowsVisibleIf, row)) {
      check.problems.push(problem(`${key}.${rowKey}`, 'UNKNOWN_QUESTION', 'this question has no such row'));
      return;
    }
    const column = typeof cell === 'string' || typeof cell === 'number' ? findChoice(question.choices, cell) : undefined;
    if (!column || !shown(question.columnsVisibleIf, column)) {
      check.problems.push(problem(`${key}.${rowKey}`, 'CHOICE_NOT_OFFERED', `${JSON.stringify(cell)} is not one of the offered columns`));
      return;
    }
  }
}

/** A dropdown matrix: each shown row maps its columns to cells, each checked as its column's question. */
export function checkMatrixDropdown(question: QuestionSpec, value: unknown, check: ValueCheck, checkCell: ValueChecker): void {
  const key = question.name;
  if (!isPlainObject(value)) {
    check.problems.push(problem(key, 'WRONG_TYPE', 'the answer must map rows to their cells'));
    return;
  }
  for (const [rowKey, cells] of Object.entries(value)) {
    const row = question.rows?.find((r) => String(r.value) === rowKey);
    if (
      !row ||
      !check.choiceVisible(row) ||
      (question.rowsVisibleIf !== undefined && !check.evaluateWithItem(question.rowsVisibleIf, row.value))
    ) {
      check.problems.push(problem(`${key}.${rowKey}`, 'UNKNOWN_QUESTION', 'this question has no such row'));
      return;
    }
    if (!isPlainObject(cells)) {
      check.problems.push(problem(`${key}.${rowKey}`, 'WRONG_TYPE', 'a row must map columns to answers'));
      return;
    }
    if (!checkCells(question, `${key}.${rowKey}`, cells, check, checkCell)) return;
  }
}

/** The cells of one row; false when a problem stops the check (only the first is reported). */
function checkCells(
  question: QuestionSpec,
  rowPath: string,
  cells: Record<string, unknown>,
  check: ValueCheck,
  checkCell: ValueChecker,
): boolean {
  for (const [columnName, cell] of Object.entries(cells)) {
    const column = question.columns?.find((c) => c.name === columnName);
    const path = `${rowPath}.${columnName}`;
    if (!column) {
      check.problems.push(problem(path, 'UNKNOWN_QUESTION', 'this question has no such column'));
      return false;
    }
    const found: AnswerProblem[] = [];
    checkCell(column, cell, { ...check, problems: found });
    if (found.length > 0) {
      check.problems.push(...found.map((p) => ({ ...p, path: p.path === column.name ? path : `${path}.${p.path}` })));
      return false;
    }
  }
  return true;
}

/** A multiple-text question: its boxes mapped to their text (or numbers). */
export function checkMultipleText(question: QuestionSpec, value: unknown, check: ValueCheck): void {
  const key = question.name;
  if (!isPlainObject(value)) {
    check.problems.push(problem(key, 'WRONG_TYPE', 'the answer must map the boxes to their text'));
    return;
  }
  for (const [itemName, itemValue] of Object.entries(value)) {
    const item = question.items?.find((i) => i.name === itemName);
    const path = `${key}.${itemName}`;
    if (!item) {
      check.problems.push(problem(path, 'UNKNOWN_QUESTION', 'this question has no such box'));
      return;
    }
    if (item.kind === 'number') checkNumberBox(path, itemValue, item, check.problems);
    else checkText(path, itemValue, item.text, check.problems, check.budget);
  }
}

/** A number box: a finite number within its bounds. */
function checkNumberBox(path: string, value: unknown, item: TextItemSpec, problems: AnswerProblem[]): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(problem(path, 'WRONG_TYPE', 'the answer must be a number'));
  else if (outOfRange(value, item.number ?? {}))
    problems.push(problem(path, 'OUT_OF_RANGE', `the answer must be between ${item.number?.min ?? '−∞'} and ${item.number?.max ?? '∞'}`));
}
