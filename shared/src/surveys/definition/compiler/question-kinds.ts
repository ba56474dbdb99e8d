import type { ElementJson } from '../survey-definition';
import { choiceItems, choiceList, ratingChoices, readChoicesFromMode, specialChoices } from './choices';
import { addCondition, type CompileContext } from './context';
import { readDatePrecision, type DateInputType, type DateRules } from './dates';
import { asNonNegativeInteger, maxOf, minOf } from './numbers';
import type { QuestionBase } from './question-base';
import type { QuestionRules } from './rules';
import type { QuestionSpec } from './types';

/** A date or time input: its format, bounds and the precision its answers are stored at. */
export function dateQuestion(context: CompileContext, base: QuestionBase, element: ElementJson, path: string): QuestionSpec {
  const inputType = element['inputType'] as DateInputType;
  const precision = readDatePrecision(inputType, element['candorDatePrecision']);
  if (!['year', 'month', 'day', 'hour'].includes(precision)) {
    context.problems.push({ path: `${path}.candorDatePrecision`, message: precision });
  }
  const bound = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const date: DateRules = {
    inputType,
    precision: precision as DateRules['precision'],
    min: bound(element['min']),
    max: bound(element['max']),
  };
  return { ...base, kind: 'date', choices: [], date };
}

/** A number input: `min` / `max` narrowed by a `numeric` validator, and bounds computed from the answers. */
export function numberQuestion(
  context: CompileContext,
  base: QuestionBase,
  element: ElementJson,
  path: string,
  rules: QuestionRules,
): QuestionSpec {
  const minExpression = addCondition(context, element['minValueExpression'], `${path}.minValueExpression`);
  const maxExpression = addCondition(context, element['maxValueExpression'], `${path}.maxValueExpression`);
  let { min, max } = rules;
  const { numeric } = rules;
  if (numeric) {
    min = maxOf(min, numeric.min);
    max = minOf(max, numeric.max);
  }
  return { ...base, kind: 'number', choices: [], number: { min, max, minExpression, maxExpression } };
}

/** A yes/no question, with the values survey-core stores for each answer. */
export function booleanQuestion(base: QuestionBase, element: ElementJson): QuestionSpec {
  const valueTrue = element['valueTrue'] ?? true;
  const valueFalse = element['valueFalse'] ?? false;
  return { ...base, kind: 'boolean', choices: [], booleanValues: [valueTrue, valueFalse] };
}

/** A single- or multi-select question (radio group, dropdown, rating, checkbox, tag box). */
export function choiceQuestion(
  context: CompileContext,
  base: QuestionBase,
  element: ElementJson,
  kind: 'single' | 'multi',
  path: string,
): QuestionSpec {
  const source = element['choicesFromQuestion'];
  const choicesFrom =
    typeof source === 'string' && source !== '' ? { question: source, mode: readChoicesFromMode(context, element, path) } : undefined;
  // Choices copied from another question are filled in once every question is compiled.
  const choices = choicesFrom ? [] : element.type === 'rating' ? ratingChoices(context, element, path) : choiceList(context, element, path);
  const withSpecial = [...choices, ...specialChoices(element, kind)];
  const minSelected = asNonNegativeInteger(element['minSelectedChoices']);
  const maxSelected = asNonNegativeInteger(element['maxSelectedChoices']);
  return {
    ...base,
    kind,
    choices: withSpecial,
    choicesVisibleIf: addCondition(context, element['choicesVisibleIf'], `${path}.choicesVisibleIf`),
    choicesFrom,
    minSelected: minSelected || undefined,
    maxSelected: maxSelected || undefined,
  };
}

/** A single-choice matrix: one column chosen per row. */
export function matrixQuestion(context: CompileContext, base: QuestionBase, element: ElementJson, path: string): QuestionSpec {
  const rows = choiceItems(context, element.rows, `${path}.rows`, true);
  const columns = choiceItems(context, element.columns, `${path}.columns`, true);
  if (rows.length === 0) context.problems.push({ path: `${path}.rows`, message: 'a matrix needs rows' });
  if (columns.length === 0) context.problems.push({ path: `${path}.columns`, message: 'a matrix needs columns' });
  return {
    ...base,
    kind: 'matrix',
    choices: columns,
    rows,
    rowsVisibleIf: addCondition(context, element['rowsVisibleIf'], `${path}.rowsVisibleIf`),
    columnsVisibleIf: addCondition(context, element['columnsVisibleIf'], `${path}.columnsVisibleIf`),
    eachRowRequired: element['eachRowRequired'] === true || element['isAllRowRequired'] === true,
  };
}
