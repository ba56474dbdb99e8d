import { SPECIAL_VALUES, type ChoiceJson, type ElementJson } from '../survey-definition';
import { addCondition, type CompileContext } from './context';
import { asFiniteNumber, asNonNegativeInteger, stringOr } from './numbers';
import type { ChoiceSpec, DefinitionProblem, QuestionKind, QuestionSpec } from './types';

/** The choices of a choice question: its own list, which must not be empty. */
export function choiceList(context: CompileContext, element: ElementJson, path: string): ChoiceSpec[] {
  const choices = choiceItems(context, element.choices, `${path}.choices`, true);
  if (choices.length === 0) context.problems.push({ path: `${path}.choices`, message: 'a choice question needs choices' });
  return choices;
}

/** The values of a rating scale: its `rateValues`, or the scale survey-core generates. */
export function ratingChoices(context: CompileContext, element: ElementJson, path: string): ChoiceSpec[] {
  // survey-core generates the scale when `autoGenerate` is true, whatever rateValues says.
  if (element['autoGenerate'] !== true && Array.isArray(element.rateValues) && element.rateValues.length > 0) {
    return choiceItems(context, element.rateValues, `${path}.rateValues`, true);
  }
  const rateMin = asFiniteNumber(element['rateMin']) ?? 1;
  const rateStep = asFiniteNumber(element['rateStep']) ?? 1;
  const rateCount = asNonNegativeInteger(element['rateCount']);
  const rateMax = asFiniteNumber(element['rateMax']) ?? (rateCount ? rateMin + (rateCount - 1) * rateStep : 5);
  if (rateStep <= 0 || rateMax < rateMin || (rateMax - rateMin) / rateStep > 100) {
    context.problems.push({ path: `${path}.rateMax`, message: 'the rating scale is empty or too long' });
    return [];
  }
  const values: ChoiceSpec[] = [];
  for (let value = rateMin; value <= rateMax + 1e-9; value += rateStep) {
    values.push({ value: Math.round(value * 1e6) / 1e6, exclusive: false });
  }
  return values;
}

/** A list of choices, rows or columns: each value once, a string or a number, with its own condition. */
export function choiceItems(
  context: CompileContext,
  items: readonly ChoiceJson[] | undefined,
  path: string,
  allowVisibleIf: boolean,
): ChoiceSpec[] {
  if (items === undefined) return [];
  if (!Array.isArray(items)) {
    context.problems.push({ path, message: 'must be an array' });
    return [];
  }
  const seen = new Set<string>();
  const result: ChoiceSpec[] = [];
  items.forEach((item, index) => {
    const raw = typeof item === 'object' && item !== null ? item.value : item;
    // survey-core reads "value|text" as a value and its label.
    const value = typeof raw === 'string' && raw.includes('|') ? raw.slice(0, raw.indexOf('|')) : raw;
    if (typeof value !== 'string' && (typeof value !== 'number' || !Number.isFinite(value))) {
      context.problems.push({ path: `${path}[${index}]`, message: 'each choice needs a string or number value' });
      return;
    }
    const key = JSON.stringify(value);
    if (seen.has(key)) {
      context.problems.push({ path: `${path}[${index}]`, message: `the value ${key} is listed twice` });
      return;
    }
    seen.add(key);
    const visibleIf =
      allowVisibleIf && typeof item === 'object' && item !== null
        ? addCondition(context, item.visibleIf, `${path}[${index}].visibleIf`)
        : undefined;
    result.push({ value, visibleIf, exclusive: false });
  });
  return result;
}

/** "None", "Prefer not to say", "Don't know" and "Other", as the question switches them on. */
export function specialChoices(element: ElementJson, kind: QuestionKind): ChoiceSpec[] {
  const specials: ChoiceSpec[] = [];
  const exclusive = kind === 'multi';
  if (element['showNoneItem'] === true || element['hasNone'] === true) {
    specials.push({ value: stringOr(element['noneValue'], SPECIAL_VALUES.none), exclusive, special: true });
  }
  if (element['showRefuseItem'] === true) specials.push({ value: SPECIAL_VALUES.refused, exclusive, special: true });
  if (element['showDontKnowItem'] === true) specials.push({ value: SPECIAL_VALUES.dontKnow, exclusive, special: true });
  if (element['showOtherItem'] === true || element['hasOther'] === true) {
    specials.push({ value: SPECIAL_VALUES.other, exclusive: false, special: true });
  }
  return specials;
}

/** `choicesFromQuestionMode`: all of the other question's choices, or those chosen (or not) there. */
export function readChoicesFromMode(context: CompileContext, element: ElementJson, path: string): 'all' | 'selected' | 'unselected' {
  const mode = element['choicesFromQuestionMode'] ?? 'all';
  if (mode === 'all' || mode === 'selected' || mode === 'unselected') return mode;
  context.problems.push({
    path: `${path}.choicesFromQuestionMode`,
    message: `"${String(mode)}" is not supported (all, selected or unselected)`,
  });
  return 'all';
}

/**
 * `choicesFromQuestion`, filled in once every question is compiled: the source's own choices
 * (not its special items), then the question's own special items.
 */
export function copyChoicesFromQuestions(questions: Map<string, QuestionSpec>, problems: DefinitionProblem[]): void {
  for (const [name, question] of questions) {
    if (!question.choicesFrom) continue;
    const source = questions.get(question.choicesFrom.question);
    if (!source || (source.kind !== 'single' && source.kind !== 'multi') || source.choicesFrom) {
      problems.push({
        path: name,
        message: `choicesFromQuestion must name a choice question with choices of its own ("${question.choicesFrom.question}" is not one)`,
      });
      continue;
    }
    if (question.choicesFrom.mode !== 'all' && source.kind !== 'multi') {
      problems.push({ path: name, message: 'choicesFromQuestionMode "selected" / "unselected" needs a multi-select source' });
      continue;
    }
    const own = question.choices.filter((c) => c.special);
    const copied = source.choices
      .filter((c) => !c.special && !own.some((o) => o.value === c.value))
      .map((c) => ({ ...c, exclusive: false }));
    questions.set(name, { ...question, choices: [...copied, ...own] });
  }
}
