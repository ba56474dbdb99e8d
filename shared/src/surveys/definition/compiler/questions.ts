import type { ElementJson } from '../survey-definition';
import { addCondition, type CompileContext } from './context';
import { DATE_INPUT_TYPES } from './dates';
import { NUMBER_INPUT_TYPES, sendsNumber, TEXT_INPUT_TYPES } from './input-types';
import { matrixDropdownQuestion } from './matrix-dropdown';
import { textItems } from './multiple-text';
import { isAcceptableQuestionName } from './names';
import { questionBase, type QuestionBase } from './question-base';
import { booleanQuestion, choiceQuestion, dateQuestion, matrixQuestion, numberQuestion } from './question-kinds';
import { checkElementProperties } from './refusals';
import { readRules, type QuestionRules } from './rules';
import type { ContainerSpec, QuestionKind, QuestionSpec } from './types';

/** One question (or a matrix column's cells) compiled, or undefined when it cannot be. */
export function compileQuestion(
  context: CompileContext,
  element: ElementJson,
  kind: QuestionKind,
  path: string,
  containers: readonly ContainerSpec[],
): QuestionSpec | undefined {
  const name = element.name;
  if (!isAcceptableQuestionName(name)) {
    context.problems.push({
      path: `${path}.name`,
      message:
        'each question needs a name (at most 200 characters, starting with a letter or digit) without braces, brackets, dots, "|", "#", "×", control characters or a "-Comment" ending',
    });
    return undefined;
  }
  checkElementProperties(element, path, context.problems);
  const resolvedKind = resolveKind(context, element, kind, path);
  // Expressions the respondent's survey-core runs but the server does not: listed with the
  // conditions, so checks over every expression of a survey (e.g. refused functions) see them.
  addCondition(context, element['defaultValueExpression'], `${path}.defaultValueExpression`);
  if (element.type === 'expression') addCondition(context, element['expression'], `${path}.expression`);
  const rules = readRules(context, element, path, element.type === 'text' && element['inputType'] === 'email');
  const base = questionBase(context, element, name, path, rules, containers);
  return compileKind(context, { element, kind: resolvedKind, path, base, rules });
}

/** A text question's `inputType` makes it a date or a number question; other types keep their kind. */
function resolveKind(context: CompileContext, element: ElementJson, kind: QuestionKind, path: string): QuestionKind {
  if (element.type !== 'text') return kind;
  const inputType = element['inputType'] ?? 'text';
  if (typeof inputType === 'string' && DATE_INPUT_TYPES.has(inputType)) return 'date';
  if (typeof inputType !== 'string' || !TEXT_INPUT_TYPES.has(inputType)) {
    context.problems.push({ path: `${path}.inputType`, message: `input type "${String(inputType)}" is not supported` });
    return kind;
  }
  return NUMBER_INPUT_TYPES.has(inputType) || sendsNumber(element) ? 'number' : kind;
}

/** A question read so far: its element, its resolved kind, and the facts every kind shares. */
interface QuestionDraft {
  readonly element: ElementJson;
  readonly kind: QuestionKind;
  readonly path: string;
  readonly base: QuestionBase;
  readonly rules: QuestionRules;
}

/** The kind-specific part: one function per kind of question. */
function compileKind(context: CompileContext, draft: QuestionDraft): QuestionSpec {
  const { element, path, base, rules } = draft;
  switch (draft.kind) {
    case 'text':
      return { ...base, kind: 'text', choices: [] };
    case 'expression':
      return { ...base, kind: 'expression', required: false, requiredIf: undefined, choices: [] };
    case 'multipletext':
      return { ...base, kind: 'multipletext', choices: [], items: textItems(context, element, path) };
    case 'matrixdropdown':
      return matrixDropdownQuestion(context, base, element, path, (cell, kind, columnPath) =>
        compileQuestion(context, cell, kind, columnPath, []),
      );
    case 'date':
      return dateQuestion(context, base, element, path);
    case 'number':
      return numberQuestion(context, base, element, path, rules);
    case 'boolean':
      return booleanQuestion(base, element);
    case 'single':
    case 'multi':
      return choiceQuestion(context, base, element, draft.kind, path);
    case 'matrix':
      return matrixQuestion(context, base, element, path);
  }
}
