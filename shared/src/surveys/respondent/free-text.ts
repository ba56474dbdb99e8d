import type { CompiledSurvey, QuestionSpec } from '../definition/compile-survey';
import { COMMENT_SUFFIX, type ChoiceValue } from '../definition/survey-definition';
import { isSealedText, sealText, SEALED_PREFIX } from '../../crypto/sealed-text';

/**
 * Where free text lives in a version's answers (issue 17): text and comment questions (and
 * text inputs that are not dates or numbers), "Other" and comment boxes (`q-Comment`), the text
 * boxes of a `multipletext`, the text cells of a `matrixdropdown`, the values a respondent adds
 * to a dropdown or tag box (`allowCustomChoices`) and the text an `expression` question computes
 * (it can copy typed text, and the client sends whatever it likes). Each is sealed to the
 * survey's research key before it is stored, and readable only with the research team's key.
 */
export interface FreeTextField {
  /** What the reader calls it: `q`, `q-Comment`, `q.box` or `q.row.column`. */
  readonly key: string;
  /** The question it belongs to. */
  readonly question: string;
  /** Where its value sits in the answers object. */
  readonly path: readonly string[];
  /**
   * `allowCustomChoices`: the answer is a choice (or a list of them) where any value not offered
   * is typed text. Only those values are sealed; offered ones stay as they are, to be counted.
   */
  readonly offered?: readonly ChoiceValue[];
}

/** Every free-text field of a compiled version, in the order of its questions. */
export function freeTextFields(compiled: CompiledSurvey): FreeTextField[] {
  const fields: FreeTextField[] = [];
  for (const question of compiled.questions.values()) {
    const name = question.name;
    if (question.navigation) continue;
    if (question.kind === 'text' || question.kind === 'expression') fields.push({ key: name, question: name, path: [name] });
    if (question.customChoices && (question.kind === 'single' || question.kind === 'multi'))
      fields.push({ key: name, question: name, path: [name], offered: question.choices.map((choice) => choice.value) });
    for (const item of question.kind === 'multipletext' ? (question.items ?? []) : []) {
      if (item.kind === 'text') fields.push({ key: `${name}.${item.name}`, question: name, path: [name, item.name] });
    }
    if (question.kind === 'matrixdropdown') fields.push(...matrixTextCells(question));
    if (question.hasOther || question.hasComment)
      fields.push({ key: name + COMMENT_SUFFIX, question: name, path: [name + COMMENT_SUFFIX] });
  }
  return fields;
}

function matrixTextCells(question: QuestionSpec): FreeTextField[] {
  const columns = (question.columns ?? []).filter((column) => column.kind === 'text');
  return (question.rows ?? []).flatMap((row) =>
    columns.map((column) => ({
      key: `${question.name}.${row.value}.${column.name}`,
      question: question.name,
      path: [question.name, String(row.value), column.name],
    })),
  );
}

/** Whether answers to this version can hold free text, so fielding needs a research key. */
export function hasFreeText(compiled: CompiledSurvey): boolean {
  return freeTextFields(compiled).length > 0;
}

/**
 * The answers with every free text sealed to `publicKey` (texts sealed already are kept as
 * they are, so a retry resends the same ciphertext). Returns a new object; `answers` is not changed.
 */
export function sealFreeText(
  compiled: CompiledSurvey,
  answers: Readonly<Record<string, unknown>>,
  publicKey: string,
): Record<string, unknown> {
  const sealed = structuredCloneJson(answers);
  for (const field of freeTextFields(compiled)) {
    const parent = parentOf(sealed, field.path);
    const leaf = field.path[field.path.length - 1] as string;
    const value = parent?.[leaf];
    if (!parent || value === undefined) continue;
    if (Array.isArray(value) && field.offered) parent[leaf] = value.map((item: unknown) => sealTyped(field, item, publicKey));
    else parent[leaf] = sealTyped(field, value, publicKey);
  }
  return sealed;
}

/** Whether `value` is text the respondent typed in this field (not an offered choice, a number or a flag). */
export function isTypedText(field: FreeTextField, value: unknown): value is string {
  return typeof value === 'string' && value !== '' && !(field.offered?.includes(value) ?? false);
}

function sealTyped(field: FreeTextField, value: unknown, publicKey: string): unknown {
  return isTypedText(field, value) && !value.startsWith(SEALED_PREFIX) ? sealText(value, publicKey) : value;
}

/** Whether every free text in these answers is sealed (what the database may hold). */
export function freeTextIsSealed(compiled: CompiledSurvey, answers: Readonly<Record<string, unknown>>): boolean {
  return freeTextFields(compiled).every((field) => {
    const value = parentOf(answers, field.path)?.[field.path[field.path.length - 1] as string];
    const values: unknown[] = Array.isArray(value) && field.offered ? value : [value];
    return values.every((item) => !isTypedText(field, item) || isSealedText(item));
  });
}

function parentOf(answers: Record<string, unknown>, path: readonly string[]): Record<string, unknown> | undefined {
  let node: unknown = answers;
  for (const step of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.prototype.hasOwnProperty.call(node, step))
      return undefined;
    node = (node as Record<string, unknown>)[step];
  }
  return typeof node === 'object' && node !== null && !Array.isArray(node) ? (node as Record<string, unknown>) : undefined;
}

function structuredCloneJson(answers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(answers)) as Record<string, unknown>;
}
