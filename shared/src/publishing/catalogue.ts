import type { SnapshotCategory } from '../contracts/publications';
import type { QuestionSpec } from '../surveys/definition/compile-survey';
import { NO_TEXT, SPECIAL_ANSWERS, YES_TEXT, localizableText } from '../surveys/templates/answer-scales';
import { QUALIFYING_ANSWER, QUALIFYING_PAIR_STEM, pairQuestionName } from '../surveys/templates/question-pairs';
import { SPECIAL_VALUES, type ElementJson, type LocalizableString, type SurveyDefinition } from '../surveys/definition/survey-definition';

/**
 * D1 — the fixed catalogue: which tables a survey may publish, decided by its definition
 * and its declared cross-tabs, never by an ad-hoc request. Each table is computed from a
 * "joint": a cross-classification of answers over one or more dimensions, counted in SQL.
 */

/** The category of everyone who did not answer (skipped, not shown, or answered before the question existed). */
export const NOT_ANSWERED = '∅';
export const REFUSED = SPECIAL_VALUES.refused;

export type DimensionSource =
  | { readonly kind: 'single'; readonly question: string }
  | { readonly kind: 'multi-option'; readonly question: string; readonly option: string; readonly optionJson: string }
  | { readonly kind: 'matrix-row'; readonly question: string; readonly row: string }
  /** One cell of a `matrixdropdown` row: each (row, single-choice column) is a question of its own. */
  | { readonly kind: 'matrix-cell'; readonly question: string; readonly row: string; readonly column: string };

export interface Dimension {
  readonly id: string;
  readonly source: DimensionSource;
  /** Substantive answers, in the order the survey offers them (the ordinal order). */
  readonly substantive: readonly string[];
  /** Every category counted: substantive, then "refused" when offered, then "not answered". */
  readonly categories: readonly string[];
  /** `allowCustomChoices`: values a respondent added are counted together in this category, never one by one. */
  readonly customAs?: string;
}

export interface Joint {
  readonly id: string;
  readonly dimensions: readonly string[];
}

interface TableBase {
  readonly id: string;
  readonly question: string;
  readonly title: LocalizableString;
  readonly categories: readonly SnapshotCategory[];
}

export interface SingleTable extends TableBase {
  readonly kind: 'single';
  readonly dimension: string;
  readonly ordinal: boolean;
  readonly refusable: boolean;
}

export interface MultiTable extends TableBase {
  readonly kind: 'multi';
  /** One dimension per option (chosen / not chosen / refused / not answered). */
  readonly dimensions: readonly string[];
  readonly refusable: boolean;
}

export interface CrosstabTable extends TableBase {
  readonly kind: 'crosstab';
  readonly joint: string;
  readonly dimension: string;
  readonly groupDimensions: readonly string[];
  readonly groupBy: readonly {
    readonly question: string;
    readonly title: LocalizableString;
    readonly categories: readonly SnapshotCategory[];
  }[];
  readonly ordinal: boolean;
}

export interface PairTable {
  readonly id: string;
  readonly kind: 'pair';
  readonly stem: string;
  readonly joint: string;
  readonly before: string;
  readonly after: string;
  /** Qualifying dimensions in the joint, when skip logic does not already imply them. */
  readonly qualifiers: readonly string[];
  readonly binary: boolean;
  readonly ordinal: boolean;
  readonly titleBefore: LocalizableString;
  readonly titleAfter: LocalizableString;
  readonly categories: readonly SnapshotCategory[];
}

export type CatalogueTable = SingleTable | MultiTable | CrosstabTable;

/**
 * Skip logic a reader can see in the definition: a question shown only when another one has
 * a given answer is answered by at most that many people (exactly that many when required).
 */
export interface ShownIf {
  readonly dimension: string;
  readonly gate: string;
  readonly category: string;
  readonly required: boolean;
}

export interface Catalogue {
  readonly shownIf?: readonly ShownIf[];
  readonly dimensions: ReadonlyMap<string, Dimension>;
  readonly joints: readonly Joint[];
  readonly tables: readonly CatalogueTable[];
  readonly pairs: readonly PairTable[];
  readonly warnings: readonly string[];
}

export const CHOICE_TYPES = new Set(['radiogroup', 'dropdown', 'rating', 'boolean']);
export const MULTI_TYPES = new Set(['checkbox', 'tagbox']);

export function elementsByName(definition: SurveyDefinition): Map<string, ElementJson> {
  const found = new Map<string, ElementJson>();
  const walk = (elements: readonly ElementJson[] | undefined) => {
    for (const element of elements ?? []) {
      if (typeof element.name === 'string') found.set(element.name, element);
      walk(element.elements);
    }
  };
  if (Array.isArray(definition.pages)) for (const page of definition.pages) walk(page.elements);
  else walk(definition.elements);
  return found;
}

export function labelOf(
  element: ElementJson | undefined,
  value: string,
  list: 'choices' | 'columns' | 'rows' | 'rateValues' = 'choices',
): LocalizableString {
  const special = SPECIAL_ANSWERS.get(value);
  if (special && list === 'choices')
    return (element?.[special.textProperty] as LocalizableString | undefined) ?? localizableText(special.text);
  if (element?.type === 'boolean') {
    const key = value === String(element['valueFalse'] ?? false) ? 'labelFalse' : 'labelTrue';
    return (element[key] as LocalizableString | undefined) ?? localizableText(key === 'labelTrue' ? YES_TEXT : NO_TEXT);
  }
  const item = ((element?.[list] as readonly unknown[] | undefined) ?? []).find((choice) =>
    typeof choice === 'object' && choice !== null ? String((choice as { value: unknown }).value) === value : String(choice) === value,
  );
  if (item && typeof item === 'object' && (item as { text?: LocalizableString }).text !== undefined)
    return (item as { text: LocalizableString }).text;
  return value;
}

export function titleOf(element: ElementJson | undefined, fallback: string): LocalizableString {
  return element?.title ?? fallback;
}

export function isOrdinal(element: ElementJson | undefined, question: QuestionSpec): boolean {
  return (
    element?.['candorScale'] === 'ordinal' ||
    element?.['candorScale'] === 'banded' ||
    element?.type === 'rating' ||
    question.type === 'rating'
  );
}

/** Substantive values: choices (including "none", "don't know", "other"), never "refused". */
export function substantiveValues(question: QuestionSpec): string[] {
  if (question.kind === 'boolean') return (question.booleanValues ?? [true, false]).map(String);
  const values = question.choices.map((c) => String(c.value)).filter((v) => v !== SPECIAL_VALUES.refused);
  const custom = customCategory(question);
  return custom && !values.includes(custom) ? [...values, custom] : values;
}

/** A single-choice question that lets respondents add values counts them all as "other". */
export function customCategory(question: QuestionSpec): string | undefined {
  return question.customChoices === true && question.kind === 'single' ? SPECIAL_VALUES.other : undefined;
}

export function refusable(question: QuestionSpec): boolean {
  return question.choices.some((c) => c.value === SPECIAL_VALUES.refused);
}

/** The qualifier condition a "before" (or "after") half needs to be implied by its skip logic. */
export function impliesQualifier(question: QuestionSpec, half: 'before' | 'after'): boolean {
  const wanted = `{${pairQuestionName(QUALIFYING_PAIR_STEM, half)}} = '${QUALIFYING_ANSWER}'`.replace(/\s+/g, '');
  const conditions = [question.visibleIf, ...question.containers.map((c) => c.visibleIf)].filter((c): c is string => typeof c === 'string');
  return conditions.some((condition) => condition.replace(/\s+/g, '') === wanted);
}

export interface CatalogueOptions {
  /** Grouping question sets declared before fielding (P9), one or two questions each. */
  readonly crosstabs: readonly (readonly string[])[];
}

/** A table's title: the question's title and the row's (or column's) label, in every locale either has. */
export function mergeLabels(title: LocalizableString, row: LocalizableString): LocalizableString {
  const a = typeof title === 'string' ? { default: title } : title;
  const b = typeof row === 'string' ? { default: row } : row;
  const locales = new Set([...Object.keys(a), ...Object.keys(b)]);
  return Object.fromEntries(
    [...locales].map((locale) => [locale, `${a[locale] ?? a['default'] ?? ''} — ${b[locale] ?? b['default'] ?? ''}`]),
  );
}
