import { isSealedText, sealedLengthFor, SEALED_PREFIX } from '../../../crypto/sealed-text';
import type { ChoiceSpec, QuestionSpec } from '../compiler/types';
import { findChoice, problem, type AnswerProblem } from './problems';
import { NO_TEXT_RULES, type TextContext } from './text';
import type { ValueCheck } from './value-check';

const NOT_SEALED_MESSAGE = 'a value of your own must be sealed to the survey’s research key before it is sent';

/** A value of the respondent's own is typed text: sealed like other free text when the survey has a research key. */
function isCustomValue(question: QuestionSpec, item: unknown, budget: TextContext): boolean {
  const maxLength = question.text?.maxLength ?? NO_TEXT_RULES.maxLength;
  if (question.customChoices !== true || typeof item !== 'string' || item.trim() === '') return false;
  if (budget.sealed === undefined || !item.startsWith(SEALED_PREFIX)) return item.length <= maxLength;
  return item.length <= sealedLengthFor(maxLength) && isSealedText(item);
}

/** A value of the respondent's own sent in plain text where the survey requires it sealed. */
function isUnsealedCustom(question: QuestionSpec, item: unknown, budget: TextContext): boolean {
  return (
    budget.sealed === 'required' && typeof item === 'string' && !item.startsWith(SEALED_PREFIX) && isCustomValue(question, item, budget)
  );
}

/** One of the offered (and shown) choices, or a value of the respondent's own where the question allows it. */
export function checkSingle(question: QuestionSpec, value: unknown, check: ValueCheck): void {
  const key = question.name;
  if (typeof value !== 'string' && typeof value !== 'number') {
    check.problems.push(problem(key, 'WRONG_TYPE', 'the answer must be one of the offered choices'));
    return;
  }
  const choice = findChoice(question.choices, value);
  if (!choice && isUnsealedCustom(question, value, check.budget)) {
    check.problems.push(problem(key, 'NOT_SEALED', NOT_SEALED_MESSAGE));
    return;
  }
  if ((!choice && !isCustomValue(question, value, check.budget)) || (choice && !check.choiceVisible(choice))) {
    check.problems.push(problem(key, 'CHOICE_NOT_OFFERED', `${JSON.stringify(value)} is not one of the offered choices`));
  }
}

/** A list of offered choices, each once, exclusive items alone, within the question's counts. */
export function checkMulti(question: QuestionSpec, value: unknown, check: ValueCheck): void {
  const key = question.name;
  if (!Array.isArray(value)) {
    check.problems.push(problem(key, 'WRONG_TYPE', 'the answer must be a list of the offered choices'));
    return;
  }
  const seen = new Set<string>();
  let exclusiveChosen = false;
  for (const item of value) {
    const read = readMultiItem(question, item, check, seen);
    if ('problem' in read) {
      check.problems.push(read.problem);
      return;
    }
    exclusiveChosen ||= read.choice?.exclusive === true;
  }
  const found = selectionProblem(question, value.length, exclusiveChosen);
  if (found) check.problems.push(found);
}

/** One item of a multi-select answer: the choice it names (none for a value of the respondent's own), or its problem. */
function readMultiItem(
  question: QuestionSpec,
  item: unknown,
  check: ValueCheck,
  seen: Set<string>,
): { readonly problem: AnswerProblem } | { readonly choice: ChoiceSpec | undefined } {
  const key = question.name;
  if (typeof item !== 'string' && typeof item !== 'number') {
    return { problem: problem(key, 'WRONG_TYPE', 'each item must be one of the offered choices') };
  }
  const choice = findChoice(question.choices, item);
  if (!choice && isUnsealedCustom(question, item, check.budget)) return { problem: problem(key, 'NOT_SEALED', NOT_SEALED_MESSAGE) };
  if ((!choice && !isCustomValue(question, item, check.budget)) || (choice && !check.choiceVisible(choice))) {
    return { problem: problem(key, 'CHOICE_NOT_OFFERED', `${JSON.stringify(item)} is not one of the offered choices`) };
  }
  const id = JSON.stringify(item);
  if (seen.has(id)) return { problem: problem(key, 'DUPLICATE_CHOICE', `${id} is chosen twice`) };
  seen.add(id);
  return { choice };
}

/** "None" and the like stand alone; otherwise the count must be within `minSelectedChoices` / `maxSelectedChoices`. */
function selectionProblem(question: QuestionSpec, count: number, exclusiveChosen: boolean): AnswerProblem | undefined {
  const key = question.name;
  if (exclusiveChosen && count > 1) {
    return problem(key, 'EXCLUSIVE_CHOICE', '"None", "Prefer not to say" and "Don’t know" cannot be combined with other choices');
  } else if (!exclusiveChosen && question.minSelected !== undefined && count < question.minSelected) {
    return problem(key, 'TOO_FEW_CHOICES', `choose at least ${question.minSelected}`);
  } else if (question.maxSelected !== undefined && count > question.maxSelected) {
    return problem(key, 'TOO_MANY_CHOICES', `choose at most ${question.maxSelected}`);
  }
  return undefined;
}
