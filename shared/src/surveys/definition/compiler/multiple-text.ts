import type { ElementJson } from '../survey-definition';
import type { CompileContext } from './context';
import { NUMBER_INPUT_TYPES, sendsNumber, TEXT_INPUT_TYPES } from './input-types';
import { isAcceptableQuestionName } from './names';
import { maxOf, minOf } from './numbers';
import { readRules } from './rules';
import type { TextItemSpec } from './types';

/** The boxes of a `multipletext` question, each named like a question and holding text or a number. */
export function textItems(context: CompileContext, element: ElementJson, path: string): TextItemSpec[] {
  const items = element['items'];
  if (!Array.isArray(items) || items.length === 0) {
    context.problems.push({ path: `${path}.items`, message: 'a multiple-text question needs items' });
    return [];
  }
  const seen = new Set<string>();
  const result: TextItemSpec[] = [];
  items.forEach((raw: unknown, index) => {
    const item = textItem(context, raw, `${path}.items[${index}]`, seen);
    if (item) result.push(item);
  });
  return result;
}

/** One box: its own name, an input type the validator can check, and no expression validators. */
function textItem(context: CompileContext, raw: unknown, itemPath: string, seen: Set<string>): TextItemSpec | undefined {
  const item = (typeof raw === 'string' ? { name: raw } : raw) as Record<string, unknown> | null;
  const name = item?.['name'];
  if (!isAcceptableQuestionName(name) || seen.has(name)) {
    context.problems.push({ path: `${itemPath}.name`, message: 'each item needs its own name, following the rules for question names' });
    return undefined;
  }
  seen.add(name);
  const inputType = item?.['inputType'] ?? 'text';
  if (typeof inputType !== 'string' || !TEXT_INPUT_TYPES.has(inputType)) {
    context.problems.push({
      path: `${itemPath}.inputType`,
      message: `input type "${String(inputType)}" is not supported in a multiple-text item`,
    });
    return undefined;
  }
  const rules = readRules(context, item as Record<string, unknown>, itemPath, inputType === 'email');
  for (const expression of rules.expressionValidators) {
    context.problems.push({
      path: `${itemPath}.validators`,
      message: `expression validators are not supported in a multiple-text item (${expression})`,
    });
  }
  const isNumber = NUMBER_INPUT_TYPES.has(inputType) || sendsNumber(item as ElementJson);
  return {
    name,
    kind: isNumber ? 'number' : 'text',
    required: item?.['isRequired'] === true,
    text: rules.text,
    number: isNumber ? { min: maxOf(rules.min, rules.numeric?.min), max: minOf(rules.max, rules.numeric?.max) } : undefined,
  };
}
